using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Parley.Modules.Accounts.Domain;
using Parley.Persistence;
using Parley.Persistence.Outbox;
using Parley.SharedKernel;

namespace Parley.Modules.Accounts.UseCases;

/// <summary>
/// Outbox handler: a plan's milestones (activated, broken, completed, cancelled) become entries in the account's change
/// history (field <c>arrangement</c>), which the account page shows. Reads the event's ids and status only. The entry
/// is added to the dispatcher's own context, so it is stored in the same save that marks the message delivered; a
/// re-delivery finds it already there and adds nothing.
/// </summary>
internal sealed class RecordArrangementOnTimeline(string eventType, ParleyDbContext db) : IOutboxHandler
{
    public const string Field = "arrangement";

    public static readonly string[] EventTypes = ["arrangements.activated", "arrangements.broken", "arrangements.completed", "arrangements.cancelled"];

    public string EventType => eventType;

    public async Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        using var payload = JsonDocument.Parse(message.Payload);
        var accountId = AccountId.From(payload.RootElement.GetProperty("accountId").GetGuid());
        var status = payload.RootElement.GetProperty("status").GetString();
        var already = await db.Set<AccountChange>().AnyAsync(c => c.AccountId == accountId && c.Field == Field && c.At == message.OccurredAt && c.NewValue == status, cancellationToken)
            || db.ChangeTracker.Entries<AccountChange>().Any(e => e.Entity.AccountId == accountId && e.Entity.Field == Field && e.Entity.At == message.OccurredAt && e.Entity.NewValue == status);
        if (!already)
        {
            db.Add(new AccountChange(accountId, message.OccurredAt, null, new FieldChange(Field, null, status)));
        }
    }
}
