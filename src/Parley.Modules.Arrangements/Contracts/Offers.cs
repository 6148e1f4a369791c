using NodaTime;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Decisioning.Contracts;
using Parley.SharedKernel;

namespace Parley.Modules.Arrangements.Contracts;

/// <summary>The kinds of offer, in the order they are ranked when equally affordable.</summary>
public enum OfferKind
{
    FixedPlan,
    Seasonal,
    StepUp,
    Settlement,
    PromiseToPay,
    PaymentHoliday,
}

public sealed record OfferReasonView(string Code, string Text, string? RuleId);

public sealed record OfferView(
    string Kind,
    PlanShapeSpec? Shape,
    Frequency Frequency,
    LocalDate Start,
    decimal Amount,
    decimal LastAmount,
    int Instalments,
    LocalDate EndDate,
    decimal TotalPaid,
    decimal WrittenOff,
    bool InterestAndFeesFrozen,
    string Terms,
    IReadOnlyList<OfferReasonView> Reasons,
    bool RequiresApproval,
    string? ApprovalReason,
    bool ChosenByCustomer,
    decimal? Affordable,
    LocalDate? ReviewDate);

/// <summary>The account's latest plan broke: the customer is to be offered a new plan (these offers), and why.</summary>
public sealed record ReplanView(ArrangementId BrokenPlanId, Instant? BrokenAt, string? Reason);

/// <summary>
/// The customer's segment as the offers used it (<see cref="Segment"/> null: unknown, no active model), whether it
/// changed what was offered or the order (<see cref="ShapedOffers"/>), whether a person should review the offers, and
/// the model versions and time of the scores it rests on.
/// </summary>
public sealed record OfferSegmentView(Segment? Segment, bool ShapedOffers, bool PersonShouldReview, string? EarlyWarningVersion, string? PropensityVersion, Instant? ScoredAt);

/// <summary>
/// A time-barred debt as the offers show it: its statute-of-limitations date, whether a payment restarts the time limit
/// (<c>may_restart</c> or <c>does_not_restart</c>) with the sentence that tells the customer, and what must be said or
/// never said, each with its rule.
/// </summary>
public sealed record TimeBarView(LocalDate StatuteOfLimitationsDate, string Revival, string RevivalNotice, IReadOnlyList<TimeBarDisclosure> Disclosures);

/// <summary>
/// Offers on the account; <see cref="Replan"/> is set while its latest plan is a broken one awaiting a re-plan. While a
/// hold stops collection (<see cref="BlockedBy"/>: the hold, its rule and the reason) there are no offers; a time-barred
/// debt carries <see cref="TimeBarred"/> and every offer says whether a payment restarts the time limit.
/// </summary>
public sealed record AccountOffers(
    string Currency,
    decimal Balance,
    bool HasAssessment,
    IReadOnlyList<OfferView> Offers,
    ReplanView? Replan = null,
    OfferSegmentView? Segment = null,
    IReadOnlyList<CollectionBlock>? BlockedBy = null,
    TimeBarView? TimeBarred = null);

/// <summary>An offer with what it takes to propose it (null for a pause with nothing due) and where it takes the balance (the simulator's answer).</summary>
public sealed record OfferPlan(OfferView Offer, ProposeArrangementRequest? Proposal, SimulationResult? Simulation);

/// <summary>The page's offers; while a hold stops collection, none, and <see cref="BlockedBy"/> says why (as <see cref="AccountOffers"/>).</summary>
public sealed record AccountOfferPlans(
    string Currency,
    decimal Balance,
    bool HasAssessment,
    IReadOnlyList<OfferPlan> Offers,
    OfferSegmentView? Segment = null,
    IReadOnlyList<CollectionBlock>? BlockedBy = null,
    TimeBarView? TimeBarred = null)
{
    public bool Blocked => BlockedBy is { Count: > 0 };
}

/// <summary>The account page's offers, each with its proposal and simulation.</summary>
public sealed record GetOfferPlansRequest(AccountId Account);

/// <summary>
/// Ranked offers on the account; the customer's preference is optional: an instalment (major units), a frequency and a
/// settlement discount (percent).
/// </summary>
public sealed record GetAccountOffersRequest(AccountId Account, decimal? Amount = null, Frequency? Frequency = null, decimal? DiscountPercent = null);
