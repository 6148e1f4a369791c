using System.Globalization;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Parley.Persistence;
using Parley.Persistence.Outbox;
using Parley.SharedKernel;

namespace Parley.Modules.Arrangements.Plans;

public enum ArrangementEventType
{
    Proposed,
    Approved,
    Activated,
    InstalmentMissed,
    Broken,
    ReplanOffered,
    Completed,
    Cancelled,
}

/// <summary>A state change of a plan, as it goes to the outbox.</summary>
/// <remarks>
/// What the account needs to follow the plan rides along: whether the plan was ever active, whether it settles for less
/// than the balance, and the due date (after holds) of its first missed instalment.
/// </remarks>
public sealed record ArrangementEvent(
    ArrangementEventType Type,
    ArrangementId ArrangementId,
    AccountId AccountId,
    ArrangementStatus Status,
    Instant At,
    string? Reason,
    int? Instalment,
    bool WasActive = false,
    bool Settlement = false,
    LocalDate? MissedSince = null);

/// <summary>Names, payloads and idempotency keys of the Arrangements module's outbox events.</summary>
public static class ArrangementEvents
{
    public static string TypeName(ArrangementEventType type) => "arrangements." + type switch
    {
        ArrangementEventType.Proposed => "proposed",
        ArrangementEventType.Approved => "approved",
        ArrangementEventType.Activated => "activated",
        ArrangementEventType.InstalmentMissed => "instalment_missed",
        ArrangementEventType.Broken => "broken",
        ArrangementEventType.ReplanOffered => "replan_offered",
        ArrangementEventType.Completed => "completed",
        ArrangementEventType.Cancelled => "cancelled",
    };

    public static string StatusName(ArrangementStatus status) => status switch
    {
        ArrangementStatus.Proposed => "proposed",
        ArrangementStatus.AwaitingApproval => "awaiting_approval",
        ArrangementStatus.Active => "active",
        ArrangementStatus.Completed => "completed",
        ArrangementStatus.Broken => "broken",
        ArrangementStatus.Cancelled => "cancelled",
    };

    /// <summary>Each plan passes each state once and misses each instalment once, so the key names the plan and the event (and the instalment).</summary>
    public static string IdempotencyKey(ArrangementEvent e) =>
        e.Instalment is { } n
            ? string.Create(CultureInfo.InvariantCulture, $"arrangement:{e.ArrangementId}:{TypeName(e.Type)}:{n}")
            : $"arrangement:{e.ArrangementId}:{TypeName(e.Type)}";

    /// <summary>Ids and status only: no customer data in the outbox.</summary>
    public static string Payload(ArrangementEvent e) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["arrangementId"] = e.ArrangementId.Value,
        ["accountId"] = e.AccountId.Value,
        ["status"] = StatusName(e.Status),
        ["at"] = InstantPattern.ExtendedIso.Format(e.At),
        ["reason"] = e.Reason,
        ["instalment"] = e.Instalment,
        ["wasActive"] = e.WasActive,
        ["settlement"] = e.Settlement,
        ["missedSince"] = e.MissedSince is { } missed ? LocalDatePattern.Iso.Format(missed) : null,
    });

    /// <summary>Writes the plan's pending events into the outbox; the caller's SaveChanges stores them with the state change.</summary>
    public static void StageEvents(this ParleyDbContext db, Arrangement arrangement)
    {
        foreach (var e in arrangement.PendingEvents)
        {
            db.AddOutboxMessage(TypeName(e.Type), Payload(e), e.At, IdempotencyKey(e));
        }

        arrangement.ClearEvents();
    }
}
