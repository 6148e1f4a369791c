using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Parley.Modules.Decisioning.Contracts;
using Parley.Modules.Decisioning.EarlyWarning;
using Parley.Modules.Decisioning.Scoring;
using Parley.Persistence;

namespace Parley.Modules.Decisioning.Registry;

/// <summary>The active version of a kind, loaded and ready to score.</summary>
public sealed record LoadedModel(ModelKind Kind, string Version, ForestScorer Scorer);

/// <summary>
/// The active model of each kind, loaded from the registry once and kept (a singleton). Each use asks the database
/// which version is active (one indexed row), so an activation by the CLI or another host is picked up on the next
/// score without a restart; the forest is read and its hash checked again only when the version changes.
/// </summary>
public sealed class ActiveModels
{
    private readonly ConcurrentDictionary<ModelKind, LoadedModel> _loaded = new();

    public async Task<LoadedModel?> GetAsync(ParleyDbContext db, ModelKind kind, CancellationToken cancellationToken)
    {
        var version = await db.Set<RegisteredModel>().AsNoTracking()
            .Where(m => m.Kind == kind && m.IsActive)
            .Select(m => m.Version)
            .FirstOrDefaultAsync(cancellationToken);
        if (version is null)
        {
            return null;
        }

        if (_loaded.TryGetValue(kind, out var cached) && cached.Version == version)
        {
            return cached;
        }

        var row = await db.Set<RegisteredModel>().AsNoTracking().SingleAsync(m => m.Kind == kind && m.Version == version, cancellationToken);
        if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(row.Forest)), row.ContentSha256, StringComparison.Ordinal))
        {
            throw new ModelDirectoryException($"registered model {row.Version}: stored forest does not match its content hash");
        }

        var loaded = new LoadedModel(kind, version, new ForestScorer(FlatForest.Read(new MemoryStream(row.Forest), $"registered model {row.Version}"), ModelFormats.Of(kind).Features));
        _loaded[kind] = loaded;
        return loaded;
    }
}
