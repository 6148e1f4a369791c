using Microsoft.EntityFrameworkCore;
using Parley.Modules.Decisioning.EarlyWarning;
using Parley.Modules.Decisioning.Scoring;
using Parley.Persistence;

namespace Parley.Modules.Decisioning.Registry;

/// <summary>
/// The trained default early-warning model shipped in the repository (<c>models/early-warning</c>, embedded in this
/// assembly): registered when no early-warning model is, so a fresh database scores from the first demo seed.
/// </summary>
public sealed class DefaultModel(ParleyDbContext db, RegisterModel register)
{
    private static readonly string[] Files = [FlatForest.FileName, EarlyWarningTraining.CardJsonFile, EarlyWarningTraining.CardMarkdownFile];

    /// <summary>Registers the default model unless an early-warning model is registered; returns what was registered, if anything.</summary>
    public async Task<Registration?> EnsureAsync(CancellationToken cancellationToken)
    {
        if (await db.Set<RegisteredModel>().AnyAsync(m => m.Kind == ModelKind.EarlyWarning, cancellationToken))
        {
            return null;
        }

        var directory = Directory.CreateTempSubdirectory("parley-default-model-");
        try
        {
            foreach (var file in Files)
            {
                await using var resource = typeof(DefaultModel).Assembly.GetManifestResourceStream($"Parley.Decisioning.DefaultModel.{file}")
                    ?? throw new InvalidOperationException($"The default model's {file} is not embedded in this build.");
                await using var target = File.Create(Path.Combine(directory.FullName, file));
                await resource.CopyToAsync(target, cancellationToken);
            }

            return await register.HandleAsync(directory.FullName, cancellationToken);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
