using System.Text.Json.Serialization;
using NodaTime;
using Parley.SharedKernel;

namespace Parley.Modules.Arrangements.Contracts;

/// <summary>How often instalments fall due.</summary>
public enum Frequency
{
    Weekly,
    Fortnightly,
    [JsonStringEnumMemberName("four-weekly")]
    FourWeekly,
    Monthly,
}

public enum ArrangementStatus
{
    Proposed,
    AwaitingApproval,
    Active,
    Completed,
    Broken,
    Cancelled,
}

public enum ApprovalState
{
    /// <summary>Inside the creditor's policy: no approval needed.</summary>
    NotNeeded,
    Pending,
    Approved,
}

/// <summary>
/// Proposes a plan on <paramref name="Account"/>: its shape (default <c>fixed</c>), the frequency, the regular instalment
/// (major units; not for the income and settlement shapes) and the first pay date; whether it freezes interest and fees (default: when
/// the creditor allows it) and whether the customer chose to pay more than the affordable amount (recorded; without that
/// choice such a plan awaits approval).
/// </summary>
public sealed record ProposeArrangementRequest(
    AccountId Account,
    PlanShapeSpec? Shape,
    Frequency? Frequency,
    decimal? Amount,
    LocalDate? Start,
    bool? FreezeInterestAndFees = null,
    bool? ChosenAboveAffordable = null);

/// <summary>A supervisor (or admin) other than the proposer approves a plan outside the creditor's policy.</summary>
public sealed record ApproveArrangementRequest(AccountId Account, ArrangementId Arrangement);

/// <summary>A proposed (or approved) plan becomes active; ledger payments satisfy it from then on.</summary>
public sealed record ActivateArrangementRequest(AccountId Account, ArrangementId Arrangement);

/// <summary>Ends a plan that is not yet closed, with a reason (up to 500 characters).</summary>
public sealed record CancelArrangementRequest(AccountId Account, ArrangementId Arrangement, string? Reason);

/// <summary>The account's plans, newest first.</summary>
public sealed record ListArrangementsRequest(AccountId Account);

/// <summary>
/// The account's plans, newest first, and the customer's IANA time zone (null when unknown): whether an instalment is
/// due yet turns at midnight where the customer lives.
/// </summary>
public sealed record AccountArrangements(IReadOnlyList<ArrangementView> Plans, string? CustomerTimeZone);

public sealed record InstalmentView(int Number, LocalDate Due, LocalDate DueAfterHolds, decimal Amount, decimal Paid, string Status);

public sealed record StatusChangeView(string? From, string To, Instant At, string By, string? Reason);

/// <summary>
/// A plan as the API shows it: terms, state, schedule with what has been paid, and history; whether it freezes interest
/// and fees, how it compares with the affordable amount, every way it is outside the creditor's policy
/// (<see cref="Breaches"/>) and (on the list) the freeze in force on the account now.
/// </summary>
public sealed record ArrangementView(
    ArrangementId Id,
    AccountId AccountId,
    PlanShapeSpec Shape,
    Frequency Frequency,
    string Currency,
    decimal Balance,
    decimal Settles,
    LocalDate Start,
    string Status,
    string Approval,
    string? ApprovalReason,
    string? ApprovedBy,
    string CreatedBy,
    Instant CreatedAt,
    Instant? ActivatedAt,
    Instant? ClosedAt,
    string? CloseReason,
    bool ReplanOffered,
    bool Paused,
    decimal Paid,
    decimal Unallocated,
    int GraceDays,
    int AllowedMisses,
    IReadOnlyList<InstalmentView> Instalments,
    IReadOnlyList<StatusChangeView> History,
    bool InterestAndFeesFrozen = false,
    decimal? Affordable = null,
    bool AboveAffordable = false,
    bool ChosenAboveAffordable = false,
    string? ChargeFreeze = null,
    IReadOnlyList<PolicyBreach>? Breaches = null);

/// <summary>One way a proposed plan is outside the creditor's policy: a stable <see cref="Code"/> and the words a supervisor reads.</summary>
public sealed record PolicyBreach(string Code, string Text)
{
    public const string BelowMinimum = "instalment_below_minimum";
    public const string DiscountOutsideBounds = "settlement_discount_outside_policy";
    public const string LongerThanPolicy = "longer_than_policy";
    public const string FreezeNotAllowed = "freeze_not_allowed";
    public const string AboveAffordable = "above_affordable";

    /// <summary>The breaches as stored with the plan: one <c>code</c>, tab, <c>text</c> per line.</summary>
    public static string Format(IEnumerable<PolicyBreach> breaches) =>
        string.Join('\n', breaches.Select(b => $"{b.Code}\t{b.Text.ReplaceLineEndings(" ").Replace('\t', ' ')}"));

    public static IReadOnlyList<PolicyBreach> Parse(string? stored) =>
        string.IsNullOrEmpty(stored)
            ? []
            : [.. stored.Split('\n').Select(line => line.Split('\t', 2) is [var code, var text] ? new PolicyBreach(code, text) : new PolicyBreach("outside_policy", line))];
}

/// <summary>The portfolio's plans by where they stand, across the creditors the actor works for.</summary>
public sealed record GetPlanSummaryRequest;

/// <summary>
/// Plans by where they stand. <see cref="ActiveOnTrack"/> and <see cref="ActiveBehind"/> split <see cref="Active"/>:
/// kept so far (no instalment missed) or running with a miss the creditor's tolerance still allows.
/// </summary>
public sealed record PlanFigures(int Proposed, int AwaitingApproval, int Active, int ActiveOnTrack, int ActiveBehind, int Completed, int Broken, int Cancelled);

/// <summary>One pass of every active plan against the ledger and holds (Parley itself, every five minutes).</summary>
public sealed record ReconcileArrangementsRequest;

/// <summary>What one reconciliation pass did.</summary>
public sealed record ReconciliationSummary(int Plans, int Completed, int Broken, int InstalmentsMissed, int Conflicts);
