using Microsoft.EntityFrameworkCore;
using NodaTime;
using Parley.Persistence;

namespace Parley.Modules.Decisioning.Registry;

/// <summary>A version the registry does not hold.</summary>
public sealed class UnknownModelVersionException(string version) : Exception($"no registered model has version '{version}'");

/// <summary><c>parley model activate --version &lt;v&gt;</c>: makes a version the one active model of its kind (one save, so never two or none).</summary>
public sealed class ActivateModel(ParleyDbContext db, IClock clock)
{
    public async Task<RegisteredModel> HandleAsync(string version, CancellationToken cancellationToken)
    {
        var target = await db.Set<RegisteredModel>().SingleOrDefaultAsync(m => m.Version == version, cancellationToken)
            ?? throw new UnknownModelVersionException(version);
        var active = await db.Set<RegisteredModel>().Where(m => m.Kind == target.Kind && m.IsActive && m.Id != target.Id).ToListAsync(cancellationToken);
        foreach (var other in active)
        {
            other.Deactivate();
        }

        if (!target.IsActive)
        {
            target.Activate(clock.GetCurrentInstant());
        }

        await db.SaveChangesAsync(cancellationToken);
        return target;
    }
}
