using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Parley.Modules.Decisioning.Contracts;
using Parley.Modules.Decisioning.EarlyWarning;
using Parley.Modules.Decisioning.Scoring;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Decisioning.Registry;

/// <summary>
/// <c>parley model register --model &lt;dir&gt;</c>: checks a model directory (card format, forest file, content hash)
/// and stores its forest and card as a new version. The first version of a kind becomes active; re-registering the
/// same content changes nothing. A bad directory is refused with <see cref="InvalidModelDirectory"/> naming the file; nothing is stored.
/// </summary>
public sealed class RegisterModel(ParleyDbContext db, IClock clock) : IUseCase<RegisterModelRequest, ModelRegistration>
{
    /// <summary>
    /// Model governance is an administrator's (docs/models.md, ADR 0007): an admin who works for every creditor, or Parley
    /// itself (the operator's CLI, the first-run seed). A model scores every creditor's accounts, so a scoped admin may not.
    /// </summary>
    internal static void MustGovernModels(Actor actor, string action)
    {
        actor.MustBeStaff(action, [StaffRoles.Admin], allowSystem: true);
        if (!actor.Creditors.IsAll)
        {
            throw new DomainException(new NeedsEveryCreditor(action));
        }
    }

    public async Task<ModelRegistration> HandleAsync(Actor actor, RegisterModelRequest request, CancellationToken cancellationToken)
    {
        MustGovernModels(actor, "register a model");
        var directory = request.Directory;
        ModelCard card;
        ModelFormat format;
        byte[] forest;
        string hash;
        try
        {
            card = ModelCards.ReadAnyCard(directory);
            format = ModelFormats.Of(card)!;
            var forestPath = Path.Combine(directory, FlatForest.FileName);
            if (!File.Exists(forestPath))
            {
                throw new ModelDirectoryException($"{directory}: not a model directory (needs {FlatForest.FileName})");
            }

            forest = await File.ReadAllBytesAsync(forestPath, cancellationToken);
            hash = Convert.ToHexStringLower(SHA256.HashData(forest));
            if (!string.Equals(hash, card.ForestSha256, StringComparison.Ordinal))
            {
                throw new ModelDirectoryException($"{forestPath}: content hash does not match the model card");
            }

            // A forest this build cannot score is refused here, not at the first score.
            _ = new ForestScorer(FlatForest.Read(new MemoryStream(forest), forestPath), format.Features);
        }
        catch (ModelDirectoryException e)
        {
            throw new DomainException(new InvalidModelDirectory(e.Message));
        }

        var kind = format.Kind;
        var version = RegisteredModel.VersionOf(card.TrainedAt, hash);
        var existing = await db.Set<RegisteredModel>().SingleOrDefaultAsync(m => m.Kind == kind && m.Version == version, cancellationToken);
        if (existing is not null)
        {
            return new ModelRegistration(existing.View(), AlreadyRegistered: true);
        }

        var cardJson = await File.ReadAllTextAsync(Path.Combine(directory, ModelCards.CardJsonFile), cancellationToken);
        var markdownPath = Path.Combine(directory, ModelCards.CardMarkdownFile);
        var cardMarkdown = File.Exists(markdownPath) ? await File.ReadAllTextAsync(markdownPath, cancellationToken) : ModelCardMarkdown.Render(card);
        var now = clock.GetCurrentInstant();
        var model = new RegisteredModel(kind, version, card.Format, hash, cardJson, cardMarkdown, forest, card.TrainedAt, now);
        if (!await db.Set<RegisteredModel>().AnyAsync(m => m.Kind == kind && m.IsActive, cancellationToken))
        {
            model.Activate(now);
        }

        db.Add(model);
        await db.SaveChangesAsync(cancellationToken);
        return new ModelRegistration(model.View(), AlreadyRegistered: false);
    }
}
