using Microsoft.EntityFrameworkCore;
using Parley.Persistence;
using Parley.SharedKernel;

namespace Parley.Modules.Arrangements.Plans;

internal static class ArrangementLoader
{
    /// <summary>The plan with its instalments and history, tracked; a plan on another account is not found.</summary>
    public static async Task<Arrangement> LoadAsync(this ParleyDbContext db, AccountId accountId, ArrangementId id, CancellationToken cancellationToken) =>
        await db.Set<Arrangement>().Include(a => a.Instalments).Include(a => a.History).AsSplitQuery()
            .SingleOrDefaultAsync(a => a.Id == id && a.AccountId == accountId, cancellationToken)
        ?? throw new DomainException(new ArrangementNotFound(id));

    /// <summary>Saves the state change with its outbox events; a concurrent change to the same plan is a 409.</summary>
    public static async Task SaveWithEventsAsync(this ParleyDbContext db, Arrangement arrangement, CancellationToken cancellationToken)
    {
        db.StageEvents(arrangement);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DomainException(new ArrangementChangedConcurrently(arrangement.Id));
        }
    }
}

public sealed record ArrangementChangedConcurrently(ArrangementId ArrangementId)
    : DomainError("plans.changed_concurrently", $"Arrangement {ArrangementId} was changed at the same time; reload and try again.", ErrorKind.Conflict);
