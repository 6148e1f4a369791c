using Parley.Modules.Decisioning.Contracts;
using static Parley.Modules.Arrangements.Contracts.OfferKind;

namespace Parley.Modules.Arrangements.Offers;

/// <summary>
/// What the customer's segment changes in the offers, all in one place (docs/arrangements.md, "Offers by segment"). The
/// segment only chooses which offers are made and their order: affordability and the creditor's policy still size and
/// flag every offer, so no segment asks more than the affordable amount or skips a supervisor's approval.
/// </summary>
/// <param name="Order">The kinds in the order they rank, within a tier (within policy and affordable, chosen above affordability, needing approval).</param>
/// <param name="WithinKind">How two offers of the same kind rank.</param>
/// <param name="LongestPlan">Also offer the lowest instalment that clears the balance within the creditor's longest plan, when below the affordable amount.</param>
/// <param name="HolidayWhenAffordable">Also offer a payment holiday when a payment is affordable (it is always offered when none is).</param>
/// <param name="Promise">Offer a promise to pay to a customer who can pay.</param>
/// <param name="ReadsAsAble">The segment reads as able to pay: a settlement is offered whatever the I&amp;E (still in affordable parts), and without an I&amp;E a promise too.</param>
/// <param name="ReadsAsNotAble">Without an I&amp;E the segment reads as not able to pay: a payment holiday is offered.</param>
/// <param name="SignpostDebtAdvice">Every offer signposts free debt advice (reason and terms).</param>
/// <param name="PersonReview">A person should review the offers before they are made.</param>
/// <param name="Shapes">The kinds whose offer carries <see cref="Reason"/>: those the segment moved up (offers it adds carry their own reason).</param>
/// <param name="Reason">Why the segment shaped an offer, in plain words (no model terms, no scores), given the rule id to cite (UK only).</param>
public sealed record OfferSegmentRules(
    Segment? Segment,
    OfferKind[] Order,
    WithinKind WithinKind,
    bool LongestPlan,
    bool HolidayWhenAffordable,
    bool Promise,
    bool ReadsAsAble,
    bool ReadsAsNotAble,
    bool SignpostDebtAdvice,
    bool PersonReview,
    OfferKind[] Shapes,
    Func<string?, OfferReason>? Reason)
{
    /// <summary>No segment (no active model): the order of the kinds, nothing added.</summary>
    public static readonly OfferSegmentRules Unknown = new(
        null, [FixedPlan, Seasonal, StepUp, Settlement, PromiseToPay, PaymentHoliday], WithinKind.AsMade,
        LongestPlan: false, HolidayWhenAffordable: false, Promise: true, ReadsAsAble: false, ReadsAsNotAble: false,
        SignpostDebtAdvice: false, PersonReview: false, [], null);

    /// <summary>Willing but not able: the lowest affordable instalment and the longest plans first, a payment holiday considered, no promise.</summary>
    public static readonly OfferSegmentRules SupportivePlan = new(
        Decisioning.Contracts.Segment.SupportivePlan, [FixedPlan, Seasonal, StepUp, PaymentHoliday, Settlement, PromiseToPay], WithinKind.LowestInstalmentFirst,
        LongestPlan: true, HolidayWhenAffordable: true, Promise: false, ReadsAsAble: false, ReadsAsNotAble: true,
        SignpostDebtAdvice: false, PersonReview: false, [], null);

    /// <summary>Neither able nor willing: as <see cref="SupportivePlan"/>, every offer signposts free debt advice and a person reviews them.</summary>
    public static readonly OfferSegmentRules HumanWithDebtAdvice = SupportivePlan with
    {
        Segment = Decisioning.Contracts.Segment.HumanWithDebtAdvice,
        SignpostDebtAdvice = true,
        PersonReview = true,
        Shapes = [FixedPlan, Seasonal, StepUp, Settlement, PromiseToPay, PaymentHoliday],
        Reason = OfferReasons.DebtAdviceSignposted,
    };

    /// <summary>Able and willing: a promise to pay, then the shortest plan.</summary>
    public static readonly OfferSegmentRules SelfCureReminder = new(
        Decisioning.Contracts.Segment.SelfCureReminder, [PromiseToPay, FixedPlan, Settlement, Seasonal, StepUp, PaymentHoliday], WithinKind.ShortestFirst,
        LongestPlan: false, HolidayWhenAffordable: false, Promise: true, ReadsAsAble: true, ReadsAsNotAble: false,
        SignpostDebtAdvice: false, PersonReview: false, [PromiseToPay], _ => OfferReasons.SelfCure);

    /// <summary>Able but not willing: a settlement inside the creditor's bounds, then the shortest plan.</summary>
    public static readonly OfferSegmentRules FirmButLawful = new(
        Decisioning.Contracts.Segment.FirmButLawful, [Settlement, FixedPlan, PromiseToPay, StepUp, Seasonal, PaymentHoliday], WithinKind.ShortestFirst,
        LongestPlan: false, HolidayWhenAffordable: false, Promise: true, ReadsAsAble: true, ReadsAsNotAble: false,
        SignpostDebtAdvice: false, PersonReview: false, [Settlement], _ => OfferReasons.FirmButLawful);

    public static OfferSegmentRules For(Segment? segment) => segment switch
    {
        null => Unknown,
        Decisioning.Contracts.Segment.SupportivePlan => SupportivePlan,
        Decisioning.Contracts.Segment.HumanWithDebtAdvice => HumanWithDebtAdvice,
        Decisioning.Contracts.Segment.SelfCureReminder => SelfCureReminder,
        Decisioning.Contracts.Segment.FirmButLawful => FirmButLawful,
        _ => throw new ArgumentOutOfRangeException(nameof(segment), segment, "not a segment"),
    };

    /// <summary>Where <paramref name="kind"/> ranks within a tier (0 first).</summary>
    public int Rank(OfferKind kind) => Array.IndexOf(Order, kind);

    /// <summary>Whether the segment shaped an offer of <paramref name="kind"/> (so its reasons say so).</summary>
    public bool Shaped(OfferKind kind) => Array.IndexOf(Shapes, kind) >= 0;
}

/// <summary>How two offers of the same kind rank.</summary>
public enum WithinKind
{
    /// <summary>No preference: the kinds never repeat without a segment except the customer's choice, which ranks apart.</summary>
    AsMade,

    /// <summary>The lower instalment first, so the longer plan comes first.</summary>
    LowestInstalmentFirst,

    /// <summary>The fewer instalments first.</summary>
    ShortestFirst,
}
