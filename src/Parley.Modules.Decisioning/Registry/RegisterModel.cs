using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Parley.Modules.Decisioning.EarlyWarning;
using Parley.Modules.Decisioning.Scoring;
using Parley.Persistence;

namespace Parley.Modules.Decisioning.Registry;

/// <summary>What registering a model directory did.</summary>
public sealed record Registration(RegisteredModel Model, bool AlreadyRegistered);

/// <summary>
/// <c>parley model register --model &lt;dir&gt;</c>: checks a model directory (card format, forest file, content hash)
/// and stores its forest and card as a new version. The first version of a kind becomes active; re-registering the
/// same content changes nothing. A bad directory throws <see cref="ModelDirectoryException"/> naming the file; nothing is stored.
/// </summary>
public sealed class RegisterModel(ParleyDbContext db, IClock clock)
{
    public async Task<Registration> HandleAsync(string directory, CancellationToken cancellationToken)
    {
        var card = ModelCards.ReadAnyCard(directory);
        var format = ModelFormats.Of(card)!;
        var forestPath = Path.Combine(directory, FlatForest.FileName);
        if (!File.Exists(forestPath))
        {
            throw new ModelDirectoryException($"{directory}: not a model directory (needs {FlatForest.FileName})");
        }

        var forest = await File.ReadAllBytesAsync(forestPath, cancellationToken);
        var hash = Convert.ToHexStringLower(SHA256.HashData(forest));
        if (!string.Equals(hash, card.ForestSha256, StringComparison.Ordinal))
        {
            throw new ModelDirectoryException($"{forestPath}: content hash does not match the model card");
        }

        // A forest this build cannot score is refused here, not at the first score.
        _ = new ForestScorer(FlatForest.Read(new MemoryStream(forest), forestPath), format.Features);

        var kind = format.Kind;
        var version = RegisteredModel.VersionOf(card.TrainedAt, hash);
        var existing = await db.Set<RegisteredModel>().SingleOrDefaultAsync(m => m.Kind == kind && m.Version == version, cancellationToken);
        if (existing is not null)
        {
            return new Registration(existing, AlreadyRegistered: true);
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
        return new Registration(model, AlreadyRegistered: false);
    }
}
