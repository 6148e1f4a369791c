using Microsoft.EntityFrameworkCore;
using Parley.Modules.Outreach.Contracts;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Outreach.Planning;

/// <summary>
/// A day's plan written out whole (the CLI's JSON lines): the order of <see cref="ListPlannedContacts"/>, paged by a
/// cursor on the (plan day, scheduled time) index instead of an offset, which rescanned every earlier row per page.
/// </summary>
public sealed class ExportPlannedContacts(ParleyDbContext db) : IUseCase<ExportPlannedContactsRequest, PlannedContactsPage>
{
    public async Task<PlannedContactsPage> HandleAsync(Actor actor, ExportPlannedContactsRequest request, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("read the outreach plan", [], allowSystem: true);
        if (request.Limit is < 1 or > ListPlannedContacts.MaxLimit)
        {
            throw new DomainException(new PlannedContactsPageInvalid("limit", $"must be between 1 and {ListPlannedContacts.MaxLimit}"));
        }

        var query = db.Set<PlannedContact>().AsNoTracking().Where(p => p.PlanDay == request.Day);
        if (request.Status is { } status)
        {
            query = query.Where(p => p.Status == status);
        }

        if (actor.Creditors.Named is { } creditors)
        {
            var ids = creditors.ToArray();
            query = query.Where(p => ids.Contains(p.CreditorId));
        }

        if (request.After is { } after)
        {
            query = query.Where(p => p.ScheduledAt > after.ScheduledAt || (p.ScheduledAt == after.ScheduledAt && string.Compare(p.IdempotencyKey, after.IdempotencyKey) > 0));
        }

        var rows = await query.OrderBy(p => p.ScheduledAt).ThenBy(p => p.IdempotencyKey).Take(request.Limit).ToListAsync(cancellationToken);
        var next = rows.Count < request.Limit ? null : new PlanCursor(rows[^1].ScheduledAt, rows[^1].IdempotencyKey);
        return new PlannedContactsPage([.. rows.Select(ListPlannedContacts.View)], next);
    }
}
