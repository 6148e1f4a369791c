using Microsoft.EntityFrameworkCore;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Outreach.Contracts;
using Parley.Modules.Outreach.Planning;
using Parley.Persistence;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Outreach.Channels;

/// <summary>
/// The next e-mail or text waiting to leave for the creditors the actor works for, so an empty development outbox can
/// say when something will arrive (at night nothing may be sent, and a newcomer should not think the demo is broken).
/// </summary>
public sealed class GetNextPlannedMessage(ParleyDbContext db) : IUseCase<GetNextPlannedMessageRequest, NextPlannedMessage?>
{
    public async Task<NextPlannedMessage?> HandleAsync(Actor actor, GetNextPlannedMessageRequest request, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("read the development outbox", [], allowSystem: true);
        var query = db.Set<PlannedContact>().AsNoTracking()
            .Where(p => p.Status == PlannedContactStatus.Planned && (p.Channel == ContactChannel.Email || p.Channel == ContactChannel.Sms));
        if (actor.Creditors.Named is { } named)
        {
            var creditors = named.ToList();
            query = query.Where(p => creditors.Contains(p.CreditorId));
        }

        var next = await query.OrderBy(p => p.NextAttemptAt).Select(p => new { p.Channel, p.NextAttemptAt, p.ScheduledAt, p.TimeZone }).FirstOrDefaultAsync(cancellationToken);
        return next is null ? null : new NextPlannedMessage(next.Channel, next.NextAttemptAt ?? next.ScheduledAt, next.TimeZone);
    }
}
