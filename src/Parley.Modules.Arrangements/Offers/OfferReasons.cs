namespace Parley.Modules.Arrangements.Offers;

/// <summary>The reasons offers give; shared instances, so making offers allocates no text. Rule ids only for UK (GBP) accounts.</summary>
public static class OfferReasons
{
    public static readonly OfferReason Chosen = new("chosen", "the customer chose this amount");

    public static readonly OfferReason Seasonal = new("seasonal", "the payment history shows months in which the customer regularly pays less; those months are reduced or skipped");

    public static readonly OfferReason SettlementBest = new("settlement", "settles the balance for less, at the largest discount the creditor allows");

    public static readonly OfferReason SettlementAsked = new("settlement_asked", "settles the balance for less, at the discount the customer asked for");

    public static readonly OfferReason Promise = new("promise", "the customer can pay: one payment on a date they choose");

    public static readonly OfferReason DebtAdvice = new("debt_advice", "free, independent debt advice is available and the customer is told how to get it");

    public static readonly OfferReason BreathingSpace = new("breathing_space", "a debt adviser can apply for Breathing Space: 60 days without interest, fees or enforcement", "UK-BS-STANDARD-60D");

    public static readonly OfferReason NotFrozen = new("interest_continues", "the creditor's policy does not allow interest and fees to be frozen: they continue to be charged");

    private static readonly OfferReason AffordableUk = new("affordable", "within this creditor's share of the customer's disposable income", "UK-CONC-NO-PRESSURE");
    private static readonly OfferReason AffordableOther = AffordableUk with { RuleId = null };
    private static readonly OfferReason AboveAffordableUk = new("above_affordable", "more than this creditor's share of disposable income: confirm with the customer that it is sustainable", "UK-CONC-NO-PRESSURE");
    private static readonly OfferReason AboveAffordableOther = AboveAffordableUk with { RuleId = null };
    private static readonly OfferReason NoAssessmentUk = new("no_assessment", "no income and expenditure yet: complete one before agreeing, so the amount is affordable", "UK-SFS-IE");
    private static readonly OfferReason NoAssessmentOther = NoAssessmentUk with { RuleId = null };
    private static readonly OfferReason TokenPaymentUk = new("token_payment", "what the customer can afford is below the creditor's minimum: a token payment for a reasonable period", "UK-CONC-FORBEARANCE");
    private static readonly OfferReason TokenPaymentOther = TokenPaymentUk with { RuleId = null };
    private static readonly OfferReason StepUpUk = new("step_up", "affordability is low now: today's affordable amount until a review of income and expenditure, then a step up that clears the balance within the creditor's longest plan", "UK-CONC-FORBEARANCE");
    private static readonly OfferReason StepUpOther = StepUpUk with { RuleId = null };
    private static readonly OfferReason FrozenUk = new("frozen", "interest and fees are frozen while the arrangement is kept", "UK-CONC-FORBEARANCE");
    private static readonly OfferReason FrozenOther = FrozenUk with { RuleId = null };
    private static readonly OfferReason HolidayUk = new("payment_holiday", "the customer cannot afford a payment now: nothing is due until income and expenditure are reviewed", "UK-CONC-FORBEARANCE");
    private static readonly OfferReason HolidayOther = HolidayUk with { RuleId = null };

    // Why the customer's segment shaped an offer: plain words about the customer's situation, never a model or a score.
    public static readonly OfferReason SelfCure = new("segment_self_cure", "the account's history suggests the customer can pay and wants to: a promise to pay, or the shortest affordable plan, comes first");

    public static readonly OfferReason FirmButLawful = new("segment_firm", "the account's history suggests the customer can pay: settling for less, inside the creditor's bounds, or the shortest affordable plan comes first");

    private static readonly OfferReason LongestPlanUk = new("segment_longest_plan", "the customer wants to pay but money is tight: the lowest instalment that clears the balance within the creditor's longest plan, leaving room in the budget", "UK-CONC-FORBEARANCE");
    private static readonly OfferReason LongestPlanOther = LongestPlanUk with { RuleId = null };
    private static readonly OfferReason HolidayConsideredUk = new("segment_payment_holiday", "money is tight: a break with nothing due until income and expenditure are reviewed is also possible", "UK-CONC-FORBEARANCE");
    private static readonly OfferReason HolidayConsideredOther = HolidayConsideredUk with { RuleId = null };
    private static readonly OfferReason DebtAdviceSignpostedUk = new("segment_debt_advice", "money is tight and payments have stopped: free, independent debt advice is signposted and a person reviews these offers with the customer", "UK-CONC-FORBEARANCE");
    private static readonly OfferReason DebtAdviceSignpostedOther = DebtAdviceSignpostedUk with { RuleId = null };

    public static OfferReason LongestPlan(string? rule) => rule is null ? LongestPlanOther : LongestPlanUk;

    public static OfferReason HolidayConsidered(string? rule) => rule is null ? HolidayConsideredOther : HolidayConsideredUk;

    public static OfferReason DebtAdviceSignposted(string? rule) => rule is null ? DebtAdviceSignpostedOther : DebtAdviceSignpostedUk;

    public static OfferReason Affordable(string? rule) => rule is null ? AffordableOther : AffordableUk;

    public static OfferReason AboveAffordable(string? rule) => rule is null ? AboveAffordableOther : AboveAffordableUk;

    public static OfferReason NoAssessment(string? rule) => rule is null ? NoAssessmentOther : NoAssessmentUk;

    public static OfferReason TokenPayment(string? rule) => rule is null ? TokenPaymentOther : TokenPaymentUk;

    public static OfferReason StepUp(string? rule) => rule is null ? StepUpOther : StepUpUk;

    public static OfferReason Frozen(string? rule) => rule is null ? FrozenOther : FrozenUk;

    public static OfferReason Holiday(string? rule) => rule is null ? HolidayOther : HolidayUk;
}
