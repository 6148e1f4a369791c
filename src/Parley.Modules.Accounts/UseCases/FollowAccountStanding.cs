using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Payments.Contracts;
using Parley.Persistence;
using Parley.Persistence.Outbox;
using Parley.SharedKernel;

namespace Parley.Modules.Accounts.UseCases;

/// <summary>
/// Outbox handler, the one path by which Parley's own events move an account's standing (<see cref="AccountStanding"/>):
/// the ledger's <c>payments.standing_changed</c> (a posting took the balance to or from nothing owed) and a plan's
/// milestones (activated, broken, completed, cancelled), which also become <c>arrangement</c> entries in the account's
/// change history. Reads the current ledger balance rather than trusting the event, so a late or repeated delivery
/// lands on the same answer. Everything is added to the dispatcher's own context and stored in the save that marks the
/// message delivered; a re-delivered plan milestone finds its history entry and changes nothing.
/// </summary>
internal sealed class FollowAccountStanding(string eventType, ParleyDbContext db, IBalanceQueries balances) : IOutboxHandler
{
    public const string ArrangementField = "arrangement";

    public const string LedgerEvent = "payments.standing_changed";

    public static readonly string[] EventTypes = [LedgerEvent, "arrangements.activated", "arrangements.broken", "arrangements.completed", "arrangements.cancelled"];

    private static readonly string[] PaidStatuses = [nameof(AccountStatus.PaidInFull), nameof(AccountStatus.InCredit)];

    public string EventType => eventType;

    public async Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        using var payload = JsonDocument.Parse(message.Payload);
        var root = payload.RootElement;
        var accountId = AccountId.From(root.GetProperty("accountId").GetGuid());
        var account = await db.Set<Account>().SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        if (account is null)
        {
            return;
        }

        var current = new Standing(account.Status, account.DaysPastDue);
        Standing? next;
        if (eventType == LedgerEvent)
        {
            next = await LedgerAsync(accountId, cancellationToken) is { } ledger
                ? AccountStanding.AfterLedger(current, ledger, await BeforePaidAsync(accountId, cancellationToken), await PlansAsync(accountId, cancellationToken))
                : null;
        }
        else
        {
            var status = root.GetProperty("status").GetString();
            var already = await db.Set<AccountChange>().AnyAsync(c => c.AccountId == accountId && c.Field == ArrangementField && c.At == message.OccurredAt && c.NewValue == status, cancellationToken)
                || db.ChangeTracker.Entries<AccountChange>().Any(e => e.Entity.AccountId == accountId && e.Entity.Field == ArrangementField && e.Entity.At == message.OccurredAt && e.Entity.NewValue == status);
            if (already)
            {
                return;
            }

            var plan = PlanFactsOf(eventType, root, message.OccurredAt);
            var ledger = plan.Milestone == PlanMilestone.Completed ? await LedgerAsync(accountId, cancellationToken) : null;
            var before = plan.Milestone is PlanMilestone.Broken or PlanMilestone.Cancelled ? await DaysPastDueBeforePlanAsync(accountId, cancellationToken) : 0;
            next = AccountStanding.AfterPlan(current, plan, ledger, before);
            db.Add(new AccountChange(accountId, message.OccurredAt, null, new FieldChange(ArrangementField, null, status)));
        }

        if (next is not null)
        {
            foreach (var change in account.MoveTo(next.Status, next.DaysPastDue))
            {
                db.Add(new AccountChange(accountId, message.OccurredAt, null, change));
            }
        }
    }

    private static PlanFacts PlanFactsOf(string eventType, JsonElement root, Instant at)
    {
        var milestone = eventType switch
        {
            "arrangements.activated" => PlanMilestone.Activated,
            "arrangements.broken" => PlanMilestone.Broken,
            "arrangements.completed" => PlanMilestone.Completed,
            _ => PlanMilestone.Cancelled,
        };
        var missedSince = root.TryGetProperty("missedSince", out var m) && m.ValueKind == JsonValueKind.String
            ? LocalDatePattern.Iso.Parse(m.GetString()!).GetValueOrThrow()
            : (LocalDate?)null;
        var wasActive = milestone != PlanMilestone.Cancelled || (root.TryGetProperty("wasActive", out var w) && w.ValueKind == JsonValueKind.True);
        var settlement = root.TryGetProperty("settlement", out var s) && s.ValueKind == JsonValueKind.True;
        return new PlanFacts(milestone, wasActive, settlement, missedSince, at.InUtc().Date);
    }

    private async Task<LedgerStanding?> LedgerAsync(AccountId accountId, CancellationToken cancellationToken) =>
        await balances.GetAsync(accountId, cancellationToken) is { } balance ? new LedgerStanding(balance.Outstanding.ToMinorUnits()) : null;

    /// <summary>The standing the account had just before Parley last found it paid, from its change history.</summary>
    private async Task<Standing?> BeforePaidAsync(AccountId accountId, CancellationToken cancellationToken)
    {
        var paid = await db.Set<AccountChange>().AsNoTracking()
            .Where(c => c.AccountId == accountId && c.Field == nameof(Account.Status) && PaidStatuses.Contains(c.NewValue!) && !PaidStatuses.Contains(c.OldValue!))
            .OrderByDescending(c => c.At)
            .FirstOrDefaultAsync(cancellationToken);
        if (paid is null || !Enum.TryParse<AccountStatus>(paid.OldValue, out var status))
        {
            return null;
        }

        return new Standing(status, await DaysPastDueBeforeAsync(accountId, paid.At, cancellationToken));
    }

    /// <summary>The days past due the account had before its latest plan was activated (the activation set them to 0).</summary>
    private async Task<int> DaysPastDueBeforePlanAsync(AccountId accountId, CancellationToken cancellationToken)
    {
        var activated = await db.Set<AccountChange>().AsNoTracking()
            .Where(c => c.AccountId == accountId && c.Field == ArrangementField && c.NewValue == "active")
            .OrderByDescending(c => c.At)
            .Select(c => (Instant?)c.At)
            .FirstOrDefaultAsync(cancellationToken);
        return activated is { } at ? await DaysPastDueBeforeAsync(accountId, at, cancellationToken) : 0;
    }

    // No days-past-due change at that moment means they were already what the move set: 0.
    private async Task<int> DaysPastDueBeforeAsync(AccountId accountId, Instant at, CancellationToken cancellationToken)
    {
        var old = await db.Set<AccountChange>().AsNoTracking()
            .Where(c => c.AccountId == accountId && c.Field == nameof(Account.DaysPastDue) && c.At == at)
            .Select(c => c.OldValue)
            .FirstOrDefaultAsync(cancellationToken);
        return int.TryParse(old, NumberStyles.None, CultureInfo.InvariantCulture, out var days) ? days : 0;
    }

    private async Task<PlanState> PlansAsync(AccountId accountId, CancellationToken cancellationToken)
    {
        var latest = await db.Set<AccountChange>().AsNoTracking()
            .Where(c => c.AccountId == accountId && c.Field == ArrangementField)
            .OrderByDescending(c => c.At)
            .Select(c => c.NewValue)
            .FirstOrDefaultAsync(cancellationToken);
        return latest switch
        {
            null => PlanState.None,
            "active" => PlanState.Active,
            _ => PlanState.Closed,
        };
    }
}
