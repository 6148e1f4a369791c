using NodaTime;
using Parley.SharedKernel;

namespace Parley.Modules.Accounts.Contracts;

/// <summary>
/// Pauses collection on <paramref name="Account"/>. <c>AllAccounts</c> covers every account of the customer (e.g.
/// Breathing Space); otherwise only this account. A planned end with <c>ResumesAutomatically</c> ends the hold by itself.
/// </summary>
public sealed record PlaceHoldRequest(
    AccountId Account,
    HoldType Type,
    string Reason,
    Instant? StartsAt = null,
    Instant? PlannedEndAt = null,
    bool ResumesAutomatically = true,
    bool AllAccounts = false);

/// <summary>Lifts a hold before its planned end; a supervisor's decision, recorded with who and why.</summary>
public sealed record EndHoldRequest(HoldId Hold, string Reason);
