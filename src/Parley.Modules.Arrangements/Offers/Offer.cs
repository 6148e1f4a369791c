using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Arrangements.Affordability;
using Parley.Modules.Arrangements.Schedules;
using Parley.Modules.Decisioning.Contracts;
using Parley.SharedKernel;

namespace Parley.Modules.Arrangements.Offers;

/// <summary>Why an offer was made, with the compliance rule (compliance-rules.md) behind it where one applies.</summary>
public sealed record OfferReason(string Code, string Text, string? RuleId = null);

/// <summary>
/// The creditor's terms an offer is sized against: the minimum instalment, settlement discount bounds, what the account
/// accrues without an arrangement (annual interest, monthly fee), whether a kept arrangement may freeze them, and the
/// longest plan in months.
/// </summary>
public sealed record OfferTerms(
    Money MinimumInstalment,
    decimal SettlementDiscountMinPercent,
    decimal SettlementDiscountMaxPercent,
    decimal AnnualInterestRatePercent,
    Money MonthlyFee,
    bool FreezeAllowed,
    int MaxPlanMonths)
{
    public bool Accrues => AnnualInterestRatePercent > 0m || MonthlyFee.IsPositive;

    public static OfferTerms From(AccountArrangementPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return new(
            policy.MinimumInstalment,
            policy.SettlementDiscountMinPercent,
            policy.SettlementDiscountMaxPercent,
            policy.AnnualInterestRatePercent,
            policy.MonthlyFee ?? Money.Zero(policy.Currency),
            policy.FreezeAllowed,
            policy.MaxPlanMonths);
    }
}

/// <summary>What the customer asked for: an instalment, a frequency, a settlement discount (each optional).</summary>
public sealed record CustomerPreference(Money? Amount = null, Frequency? Frequency = null, decimal? SettlementDiscountPercent = null);

/// <summary>Everything an offer is made from. <see cref="Today"/> is the customer's local date.</summary>
public sealed record OfferRequest(
    Money Balance,
    OfferTerms Terms,
    AffordabilityAssessment? Affordability,
    Segment? Segment,
    LocalDate Today,
    CustomerPreference? Preference = null,
    IReadOnlyList<MonthlyPayment>? PaymentHistory = null,
    BankHolidayCalendar Holidays = BankHolidayCalendar.WeekendsOnly);

/// <summary>
/// One offer. <see cref="Shape"/> is null for a payment holiday with nothing due (a pause until <see cref="EndDate"/>,
/// when the I&amp;E is reviewed). <see cref="Amount"/> is the regular instalment (the first step of a step-up, a part of
/// a settlement); <see cref="LastAmount"/> the last one. <see cref="Affordable"/> is the affordable amount per period
/// when an I&amp;E is known. An offer outside the creditor's policy carries <see cref="ApprovalReason"/>: a supervisor
/// approves it or it is not made — it is never clipped to fit.
/// </summary>
public sealed record Offer(
    OfferKind Kind,
    PlanShape? Shape,
    Frequency Frequency,
    LocalDate Start,
    Money Balance,
    Money Amount,
    Money LastAmount,
    int Instalments,
    LocalDate EndDate,
    Money TotalPaid,
    bool InterestAndFeesFrozen,
    IReadOnlyList<OfferReason> Reasons,
    string? ApprovalReason,
    bool ChosenByCustomer,
    Money? Affordable,
    LocalDate? ReviewDate,
    BankHolidayCalendar Holidays)
{
    public bool RequiresApproval => ApprovalReason is not null;

    /// <summary>The customer's segment the offer was made for (null: unknown, offered as without one).</summary>
    public Segment? Segment { get; init; }

    /// <summary>The terms tell the customer about free debt advice (the segment calls for it: <see cref="OfferSegmentRules"/>).</summary>
    public bool SignpostsDebtAdvice => OfferSegmentRules.For(Segment).SignpostDebtAdvice;

    /// <summary>What the balance becomes when the offer is kept: nothing, or what a promise leaves.</summary>
    public Money WrittenOff => Shape is Settlement ? Balance - TotalPaid : Money.Zero(Balance.Currency);

    /// <summary>The plain-language terms, written when asked for (the engine stays allocation-light).</summary>
    public string Terms => OfferText.Terms(this);

    /// <summary>
    /// The offer's exact schedule (null for a pause with nothing due), as approved: an offer needing approval is built
    /// with the bounds it asks to go beyond. Due dates move past bank holidays of <see cref="Holidays"/>; a promise keeps
    /// the customer's own date.
    /// </summary>
    public Schedule? Schedule(OfferTerms terms, LocalDate today)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (Shape is null)
        {
            return null;
        }

        var minimum = terms.MinimumInstalment;
        var (low, high) = (terms.SettlementDiscountMinPercent, terms.SettlementDiscountMaxPercent);
        if (RequiresApproval)
        {
            minimum = Money.Min(minimum, Smallest(Shape, Amount));
            if (Shape is Settlement s)
            {
                (low, high) = (Math.Min(low, s.DiscountPercent), Math.Max(high, s.DiscountPercent));
            }
        }

        return ScheduleBuilder.Build(new PlanRequest(Balance, Frequency, Start, Shape), new PlanPolicy(minimum, low, high), today).InCalendar(Holidays);
    }

    private static Money Smallest(PlanShape shape, Money amount) => shape switch
    {
        SteppedInstalments s => s.Steps.Select(x => x.Amount).Aggregate(s.Then, Money.Min),
        SeasonalInstalments s when s.ReducedMonths.Count > 0 => Money.Min(s.Instalment, s.ReducedAmount),
        _ => amount,
    };
}
