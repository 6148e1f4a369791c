using CsCheck;
using Parley.Modules.Arrangements.Offers;
using Parley.Modules.Decisioning.Contracts;
using Parley.SharedKernel;
using Shouldly;

namespace Parley.Modules.Arrangements.Tests.Offers;

/// <summary>What each segment changes in the offers, and what it never changes: affordability and the creditor's policy.</summary>
public sealed class OfferSegmentTests
{
    /// <summary>A GBP balance of 1,000.00, £25 minimum, 0–30 % settlements, a 60-month longest plan, interest frozen.</summary>
    private static IReadOnlyList<Offer> OffersFor(Segment? segment, decimal? share = 100m, decimal balance = 1000m) =>
        OfferEngine.Offers(new OfferRequest(
            Money.Of(balance, Currency.GBP), OfferEngineTests.Terms(Currency.GBP), share is { } s ? OfferEngineTests.Assessment(s, Currency.GBP) : null, segment, OfferEngineTests.Today));

    private static Money Gbp(decimal amount) => Money.Of(amount, Currency.GBP);

    [Fact]
    public void Unknown_offers_as_before_a_plan_then_a_settlement_then_a_promise_and_say_nothing_of_a_segment()
    {
        var offers = OffersFor(null);

        offers.Select(o => (o.Kind, o.Amount)).ShouldBe([(OfferKind.FixedPlan, Gbp(100m)), (OfferKind.Settlement, Gbp(100m)), (OfferKind.PromiseToPay, Gbp(100m))]);
        offers.SelectMany(o => o.Reasons).ShouldAllBe(r => !r.Code.StartsWith("segment_", StringComparison.Ordinal));
        offers.ShouldAllBe(o => !o.SignpostsDebtAdvice);
    }

    [Fact]
    public void Supportive_plan_puts_the_lowest_affordable_instalment_over_the_longest_plan_first_and_considers_a_holiday()
    {
        var offers = OffersFor(Segment.SupportivePlan);

        offers.Select(o => (o.Kind, o.Amount, o.Instalments)).ShouldBe([
            (OfferKind.FixedPlan, Gbp(25m), 40),
            (OfferKind.FixedPlan, Gbp(100m), 10),
            (OfferKind.PaymentHoliday, Gbp(0m), 0),
            (OfferKind.Settlement, Gbp(100m), 7),
        ]);
        offers.ShouldAllBe(o => !o.RequiresApproval && o.InterestAndFeesFrozen);
        offers[0].Reasons.Select(r => r.Code).ShouldBe(["affordable", "segment_longest_plan", "frozen"]);
        offers[0].Reasons[1].Text.ShouldBe("the customer wants to pay but money is tight: the lowest instalment that clears the balance within the creditor's longest plan, leaving room in the budget");
        offers[2].Reasons[0].ShouldBe(OfferReasons.HolidayConsidered("UK-CONC-FORBEARANCE"));
        offers.ShouldNotContain(o => o.Kind == OfferKind.PromiseToPay);
    }

    [Fact]
    public void Human_with_debt_advice_is_supportive_and_every_offer_signposts_free_debt_advice_for_a_person_to_review()
    {
        var offers = OffersFor(Segment.HumanWithDebtAdvice);

        offers.Select(o => (o.Kind, o.Amount)).ShouldBe(OffersFor(Segment.SupportivePlan).Select(o => (o.Kind, o.Amount)));
        foreach (var offer in offers)
        {
            offer.Reasons.Count(r => r.Code is "segment_debt_advice" or "debt_advice").ShouldBe(1);
            offer.Reasons.ShouldContain(new OfferReason("segment_debt_advice", "money is tight and payments have stopped: free, independent debt advice is signposted and a person reviews these offers with the customer", "UK-CONC-FORBEARANCE"));
            offer.Terms.ShouldContain("Free, independent debt advice is available: we can tell you how to get it.");
        }

        OfferSegmentRules.For(Segment.HumanWithDebtAdvice).PersonReview.ShouldBeTrue();
        OfferSegmentRules.For(Segment.SupportivePlan).PersonReview.ShouldBeFalse();
    }

    [Fact]
    public void Self_cure_reminder_puts_a_promise_to_pay_first_then_the_shortest_plan()
    {
        var offers = OffersFor(Segment.SelfCureReminder, share: 400m);

        offers.Select(o => (o.Kind, o.Amount, o.Instalments)).ShouldBe([
            (OfferKind.PromiseToPay, Gbp(400m), 1),
            (OfferKind.FixedPlan, Gbp(400m), 3),
            (OfferKind.Settlement, Gbp(350m), 2),
        ]);
        offers[0].Reasons.Select(r => r.Code).ShouldBe(["promise", "affordable", "segment_self_cure"]);
        offers[1].Reasons.ShouldNotContain(OfferReasons.SelfCure);
    }

    [Fact]
    public void Firm_but_lawful_puts_a_settlement_inside_the_creditors_bounds_first_then_the_shortest_plan()
    {
        var offers = OffersFor(Segment.FirmButLawful, share: 400m);

        offers.Select(o => o.Kind).ShouldBe([OfferKind.Settlement, OfferKind.FixedPlan, OfferKind.PromiseToPay]);
        var settlement = offers[0];
        ((Parley.Modules.Arrangements.Schedules.Settlement)settlement.Shape!).DiscountPercent.ShouldBe(30m);
        settlement.RequiresApproval.ShouldBeFalse();
        settlement.Reasons.ShouldContain(OfferReasons.FirmButLawful);
    }

    [Theory]
    [InlineData(Segment.FirmButLawful)]
    [InlineData(Segment.SelfCureReminder)]
    public void An_able_segment_with_nothing_to_spare_still_gets_only_the_holiday(Segment segment)
    {
        var holiday = OffersFor(segment, share: 0m).ShouldHaveSingleItem();

        holiday.Kind.ShouldBe(OfferKind.PaymentHoliday);
    }

    [Fact]
    public void Affordability_below_the_minimum_keeps_the_supportive_offers_flagged_for_approval_and_adds_no_longer_plan()
    {
        var offers = OffersFor(Segment.SupportivePlan, share: 10m);

        offers.Select(o => o.Kind).ShouldBe([OfferKind.PaymentHoliday, OfferKind.FixedPlan, OfferKind.StepUp]);
        offers.Skip(1).ShouldAllBe(o => o.RequiresApproval);
        offers[0].Reasons[0].ShouldBe(OfferReasons.Holiday("UK-CONC-FORBEARANCE"));
    }

    private static readonly Gen<OfferRequest> Requests = OfferPropertyTests.Requests;

    [Fact]
    public void For_every_segment_affordable_offers_come_first_and_none_asks_more_than_is_affordable_unless_chosen() =>
        Requests.Sample(request =>
        {
            var offers = OfferEngine.Offers(request);
            var tiers = offers.Select(o => o.RequiresApproval ? 2 : o.Affordable is { } a && o.Amount > a ? 1 : 0).ToList();
            tiers.ShouldBe(tiers.Order().ToList());
            offers.Where(o => !o.ChosenByCustomer && o.Affordable is not null && o.ReviewDate is null)
                .ShouldAllBe(o => o.Amount <= o.Affordable!.Value && o.LastAmount <= o.Affordable!.Value);
            offers.ShouldAllBe(o => o.Segment == request.Segment);
        });

    [Fact]
    public void Without_a_segment_offers_rank_by_kind_within_a_tier_and_carry_no_segment_reason() =>
        Requests.Sample(request =>
        {
            var offers = OfferEngine.Offers(request with { Segment = null });
            var keys = offers.Select(o => ((o.RequiresApproval ? 2 : o.Affordable is { } a && o.Amount > a ? 1 : 0) * 100) + (o.ChosenByCustomer ? 0 : 10) + (int)o.Kind).ToList();
            keys.ShouldBe(keys.Order().ToList());
            offers.SelectMany(o => o.Reasons).ShouldAllBe(r => !r.Code.StartsWith("segment_", StringComparison.Ordinal));
        });

    [Fact]
    public void What_the_customer_chose_is_always_among_the_offers_whatever_the_segment() =>
        Requests.Sample(request =>
        {
            var offers = OfferEngine.Offers(request);
            var b = request.Balance.ToMinorUnits();
            if (request.Preference?.Amount is { } chosen && OfferEngine.Ceiling(b, Math.Min(chosen.ToMinorUnits(), b)) <= Parley.Modules.Arrangements.Schedules.ScheduleBuilder.MaxInstalments)
            {
                offers.ShouldContain(o => o.Kind == OfferKind.FixedPlan && o.ChosenByCustomer);
            }
        });

    [Fact]
    public void A_segment_never_turns_an_offer_needing_approval_into_one_that_does_not() =>
        Requests.Sample(request =>
        {
            var plain = OfferEngine.Offers(request with { Segment = null });
            var shaped = OfferEngine.Offers(request);
            foreach (var offer in shaped)
            {
                var same = plain.FirstOrDefault(o => o.Kind == offer.Kind && o.Amount == offer.Amount && o.Instalments == offer.Instalments && o.ChosenByCustomer == offer.ChosenByCustomer);
                if (same is not null)
                {
                    offer.ApprovalReason.ShouldBe(same.ApprovalReason);
                }
            }
        });
}
