using NodaTime;
using Parley.Modules.Arrangements.Affordability;
using Parley.Modules.Arrangements.Offers;
using Parley.Modules.Arrangements.Schedules;
using Parley.Modules.Decisioning.Contracts;
using Parley.SharedKernel;
using Shouldly;

namespace Parley.Modules.Arrangements.Tests.Offers;

/// <summary>Offers for typical situations: what is offered, in which order, and what needs a supervisor.</summary>
public sealed class OfferEngineTests
{
    internal static readonly LocalDate Today = new(2026, 11, 23);

    internal static OfferTerms Terms(Currency currency, decimal minimum = 25m, decimal rate = 24m, bool freeze = true) =>
        new(Money.Of(minimum, currency), 0m, 30m, rate, Money.Zero(currency), freeze, 60);

    internal static AffordabilityAssessment Assessment(decimal share, Currency currency)
    {
        var m = Money.Of(share, currency);
        var zero = Money.Zero(currency);
        return new AffordabilityAssessment(m, zero, zero, zero, zero, m, Money.Max(m, zero), 100m, [], []);
    }

    private static IReadOnlyList<Offer> OffersFor(decimal balance, decimal? share, Segment? segment = null, CustomerPreference? preference = null, OfferTerms? terms = null, IReadOnlyList<MonthlyPayment>? history = null, BankHolidayCalendar holidays = BankHolidayCalendar.WeekendsOnly) =>
        OfferEngine.Offers(new OfferRequest(
            Money.Of(balance, Currency.GBP), terms ?? Terms(Currency.GBP), share is { } s ? Assessment(s, Currency.GBP) : null, segment, Today, preference, history, holidays));

    [Fact]
    public void An_affordable_fixed_plan_comes_first_then_a_settlement_paid_in_affordable_parts()
    {
        var offers = OffersFor(1000m, 100m);

        offers.Select(o => o.Kind).ShouldBe([OfferKind.FixedPlan, OfferKind.Settlement, OfferKind.PromiseToPay]);
        var plan = offers[0];
        (plan.Amount, plan.Instalments, plan.Start, plan.EndDate, plan.TotalPaid).ShouldBe((Money.Of(100m, Currency.GBP), 10, new LocalDate(2026, 11, 30), new LocalDate(2027, 8, 30), Money.Of(1000m, Currency.GBP)));
        plan.InterestAndFeesFrozen.ShouldBeTrue();
        plan.RequiresApproval.ShouldBeFalse();
        plan.Reasons.Select(r => r.RuleId).ShouldBe(["UK-CONC-NO-PRESSURE", "UK-CONC-FORBEARANCE"]);
        plan.Terms.ShouldBe("Pay 100.00 GBP monthly from 30 November 2026. 10 payments, the last of 100.00 GBP on 30 August 2027: 1,000.00 GBP in total. No interest or fees are added while you keep to it.");

        var settlement = offers[1];
        (settlement.Instalments, settlement.Amount, settlement.TotalPaid, settlement.WrittenOff).ShouldBe((7, Money.Of(100m, Currency.GBP), Money.Of(700m, Currency.GBP), Money.Of(300m, Currency.GBP)));
    }

    [Fact]
    public void The_last_instalment_moves_past_the_summer_bank_holiday_in_England_and_Wales() =>
        OffersFor(1000m, 100m, holidays: BankHolidayCalendar.EnglandAndWales)[0].EndDate.ShouldBe(new LocalDate(2027, 8, 31));

    [Fact]
    public void An_able_customer_is_also_offered_a_promise_to_pay_what_they_can_afford()
    {
        var offers = OffersFor(150m, 200m);

        offers.Select(o => o.Kind).ShouldBe([OfferKind.FixedPlan, OfferKind.Settlement, OfferKind.PromiseToPay]);
        offers[2].Amount.ShouldBe(Money.Of(150m, Currency.GBP));
        offers[2].Start.ShouldBe(Today.PlusDays(14));
    }

    [Fact]
    public void No_disposable_income_gets_a_payment_holiday_with_debt_advice_and_breathing_space()
    {
        var offers = OffersFor(1000m, -50m);

        var holiday = offers.ShouldHaveSingleItem();
        (holiday.Kind, holiday.Shape, holiday.Instalments, holiday.EndDate).ShouldBe((OfferKind.PaymentHoliday, (PlanShape?)null, 0, Today.PlusMonths(2)));
        holiday.Reasons.Select(r => r.RuleId).ShouldBe(["UK-CONC-FORBEARANCE", null, "UK-BS-STANDARD-60D"]);
        holiday.Schedule(Terms(Currency.GBP), Today).ShouldBeNull();
    }

    [Fact]
    public void Affordability_below_the_minimum_is_a_token_plan_and_a_step_up_both_for_approval_after_the_holiday()
    {
        var offers = OffersFor(1000m, 10m, Segment.SupportivePlan);

        offers.Select(o => o.Kind).ShouldBe([OfferKind.PaymentHoliday, OfferKind.FixedPlan, OfferKind.StepUp]);
        offers[1].ApprovalReason.ShouldBe("an instalment of 10.00 GBP is below the creditor's minimum of 25.00 GBP; 100 instalments is longer than the creditor's longest plan (60)");
        var step = offers[2];
        step.ApprovalReason.ShouldBe("an instalment of 10.00 GBP is below the creditor's minimum of 25.00 GBP");
        ((SteppedInstalments)step.Shape!).Then.ShouldBe(Money.Of(25m, Currency.GBP));
        (step.Instalments, step.ReviewDate).ShouldBe((44, new LocalDate(2027, 5, 31)));
    }

    [Fact]
    public void A_chosen_amount_above_affordability_is_offered_after_the_affordable_plan_and_says_so()
    {
        var offers = OffersFor(1000m, 100m, Segment.SupportivePlan, new CustomerPreference(Money.Of(300m, Currency.GBP)));

        offers[0].ChosenByCustomer.ShouldBeFalse();
        var chosen = offers.Single(o => o.ChosenByCustomer);
        (chosen.Amount, chosen.Instalments).ShouldBe((Money.Of(300m, Currency.GBP), 4));
        chosen.Reasons.Select(r => r.Code).ShouldContain("above_affordable");
    }

    [Fact]
    public void A_discount_beyond_the_creditors_bounds_is_flagged_for_approval_not_clipped()
    {
        var settlement = OffersFor(1000m, 100m, Segment.SupportivePlan, new CustomerPreference(SettlementDiscountPercent: 50m)).Single(o => o.Kind == OfferKind.Settlement);

        ((Settlement)settlement.Shape!).DiscountPercent.ShouldBe(50m);
        settlement.ApprovalReason.ShouldBe("a discount of 50% is outside the creditor's bounds of 0%–30%");
        settlement.Schedule(Terms(Currency.GBP), Today)!.TotalPaid.ShouldBe(Money.Of(500m, Currency.GBP));
    }

    [Fact]
    public void Without_an_I_and_E_the_plan_runs_a_year_and_asks_for_one()
    {
        var plan = OffersFor(1000m, null).ShouldHaveSingleItem();

        (plan.Amount, plan.Instalments, plan.LastAmount).ShouldBe((Money.Of(83.34m, Currency.GBP), 12, Money.Of(83.26m, Currency.GBP)));
        plan.Reasons[0].ShouldBe(OfferReasons.NoAssessment("UK-SFS-IE"));
    }

    [Fact]
    public void Where_the_creditor_forbids_a_freeze_interest_continues_and_a_holiday_freeze_needs_approval()
    {
        var terms = Terms(Currency.GBP, freeze: false);
        OffersFor(1000m, 100m, Segment.SupportivePlan, terms: terms)[0].Reasons.ShouldContain(OfferReasons.NotFrozen);
        OffersFor(1000m, 0m, Segment.SupportivePlan, terms: terms).Single().ApprovalReason.ShouldBe("freezing interest and fees during the holiday is outside the creditor's policy");
    }

    [Fact]
    public void A_seasonal_plan_is_offered_when_the_history_shows_a_season()
    {
        var history = Enumerable.Range(0, 24)
            .Select(i => new YearMonth(2025, 1).PlusMonths(i))
            .Select(m => new MonthlyPayment(m, Money.Of(m.Month == 8 ? 0m : 120m, Currency.GBP)))
            .ToList();

        var seasonal = OffersFor(1000m, 100m, Segment.SupportivePlan, history: history).Single(o => o.Kind == OfferKind.Seasonal);

        ((SeasonalInstalments)seasonal.Shape!).SkippedMonths.ShouldBe([8]);
        seasonal.Instalments.ShouldBe(10);
        seasonal.EndDate.ShouldBe(new LocalDate(2027, 9, 30));
        seasonal.Reasons[0].ShouldBe(OfferReasons.Seasonal);
    }

    [Fact]
    public void Accounts_outside_the_UK_carry_no_UK_rule_ids()
    {
        var offers = OfferEngine.Offers(new OfferRequest(Money.Of(1000m, Currency.USD), Terms(Currency.USD), Assessment(0m, Currency.USD), null, Today));
        offers.SelectMany(o => o.Reasons).ShouldAllBe(r => r.RuleId == null);
    }
}
