using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Parley.Modules.Payments.Contracts;
using Parley.Modules.Payments.Domain;
using Parley.SharedKernel;

namespace Parley.Modules.Payments.Ledger;

/// <summary>An outbox message the ledger writes with an entry, in the same statement or transaction.</summary>
internal sealed record StandingEvent(Guid Id, string Payload, Instant OccurredAt, string IdempotencyKey);

/// <summary>
/// <c>payments.standing_changed</c>: an entry took the account's balance across nothing owed — from owing to paid or
/// in credit, between paid and in credit, or back to owing (a reversal, a chargeback). Raised only on a crossing, so
/// the payment path pays for it once in an account's life, not on every payment. Ids and figures only.
/// </summary>
internal static class StandingEvents
{
    public const string Type = "payments.standing_changed";

    public static StandingEvent? For(LedgerEntry entry, long outstandingBefore, long outstandingAfter) =>
        Math.Sign(outstandingBefore) == Math.Sign(outstandingAfter)
            ? null
            : new StandingEvent(
                NewId.Next(),
                JsonSerializer.Serialize(new Dictionary<string, object?>
                {
                    ["accountId"] = entry.AccountId.Value,
                    ["entryId"] = entry.Id.Value,
                    ["kind"] = entry.Kind.Name(),
                    ["outstandingBeforeMinor"] = outstandingBefore,
                    ["outstandingAfterMinor"] = outstandingAfter,
                    ["currency"] = entry.Currency.Code,
                    ["at"] = InstantPattern.ExtendedIso.Format(entry.RecordedAt),
                }),
                entry.RecordedAt,
                $"payments:standing:{entry.Id.Value}");
}
