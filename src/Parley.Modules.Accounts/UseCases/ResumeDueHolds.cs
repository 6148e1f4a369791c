using Microsoft.EntityFrameworkCore;
using NodaTime;
using Parley.Modules.Accounts.Domain;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Accounts.UseCases;

/// <summary>
/// Stamps the end of holds whose planned end has passed and that resume by themselves, so the history shows when
/// collection resumed. (A hold is already inactive after its planned end; this makes it explicit and final.)
/// </summary>
public sealed class ResumeDueHolds(ParleyDbContext db, IClock clock) : IUseCase<ResumeDueHoldsRequest, int>
{
    /// <summary>Ends every due hold of every creditor, as Parley itself (the hold-resumption job); answers how many.</summary>
    public async Task<int> HandleAsync(Actor actor, ResumeDueHoldsRequest request, CancellationToken cancellationToken)
    {
        // Nobody ends holds in bulk by hand: a person ends one hold, with a reason (EndHold).
        if (actor is not SystemProcess)
        {
            throw new DomainException(new ActorNotAllowed("resume every due hold", []));
        }

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
