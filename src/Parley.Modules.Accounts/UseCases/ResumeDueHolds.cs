using Microsoft.EntityFrameworkCore;
using NodaTime;
using Parley.Modules.Accounts.Domain;
using Parley.Persistence;

namespace Parley.Modules.Accounts.UseCases;

/// <summary>
/// Stamps the end of holds whose planned end has passed and that resume by themselves, so the history shows when
/// collection resumed. (A hold is already inactive after its planned end; this makes it explicit and final.)
/// </summary>
public sealed class ResumeDueHolds(ParleyDbContext db, IClock clock)
{
    public async Task<int> HandleAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var due = await db.Set<Hold>()
            .Where(h => h.EndedAt == null && h.ResumesAutomatically && h.PlannedEndAt != null && h.PlannedEndAt <= now)
            .ToListAsync(cancellationToken);
        foreach (var hold in due)
        {
            hold.ResumeIfDue(now);
        }

        await db.SaveChangesAsync(cancellationToken);
        return due.Count;
    }
}
