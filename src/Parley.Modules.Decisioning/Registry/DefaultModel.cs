using Microsoft.EntityFrameworkCore;
using Parley.Modules.Decisioning.Contracts;
using Parley.Modules.Decisioning.EarlyWarning;
using Parley.Modules.Decisioning.Scoring;
using Parley.Persistence;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Decisioning.Registry;

/// <summary>
/// The trained default models shipped in the repository (<c>models/early-warning</c> and <c>models/propensity</c>,
/// embedded in this assembly): each is registered when no model of its kind is, so a fresh database scores from the
/// first demo seed.
/// </summary>
public sealed class DefaultModel(ParleyDbContext db, RegisterModel register) : IUseCase<RegisterDefaultModelsRequest, IReadOnlyList<ModelRegistration>>
{
    private static readonly string[] Files = [FlatForest.FileName, ModelCards.CardJsonFile, ModelCards.CardMarkdownFile];

    /// <summary>The embedded resource prefix of each kind's shipped model.</summary>
    private static readonly (ModelKind Kind, string Prefix)[] Shipped =
    [
        (ModelKind.EarlyWarning, "Parley.Decisioning.DefaultModel."),
        (ModelKind.Propensity, "Parley.Decisioning.PropensityModel."),
    ];

    /// <summary>
    /// Registers each kind's default model unless one of that kind is registered; returns what was registered. The same
    /// actors as <see cref="RegisterModel"/>: the demo seed runs it as Parley itself.
    /// </summary>
    public async Task<IReadOnlyList<ModelRegistration>> HandleAsync(Actor actor, RegisterDefaultModelsRequest request, CancellationToken cancellationToken)
    {
        RegisterModel.MustGovernModels(actor, "register the default models");
        var registered = new List<ModelRegistration>();
        foreach (var (kind, prefix) in Shipped)
        {
            if (await db.Set<RegisteredModel>().AnyAsync(m => m.Kind == kind, cancellationToken))
            {
                continue;
            }

            var directory = Directory.CreateTempSubdirectory("parley-default-model-");
            try
            {
                foreach (var file in Files)
                {
                    await using var resource = typeof(DefaultModel).Assembly.GetManifestResourceStream(prefix + file)
                        ?? throw new InvalidOperationException($"The default {kind} model's {file} is not embedded in this build.");
                    await using var target = File.Create(Path.Combine(directory.FullName, file));
                    await resource.CopyToAsync(target, cancellationToken);
                }

                registered.Add(await register.HandleAsync(actor, new RegisterModelRequest(directory.FullName), cancellationToken));
            }
            finally
            {
                directory.Delete(recursive: true);
            }
        }

        return registered;
    }
}
