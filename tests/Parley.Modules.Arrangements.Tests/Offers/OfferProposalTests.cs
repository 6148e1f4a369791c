using CsCheck;
using Parley.Modules.Arrangements.Offers;
using Parley.Modules.Arrangements.Schedules;
using Parley.Modules.Decisioning.Contracts;
using Parley.SharedKernel;
using Shouldly;

namespace Parley.Modules.Arrangements.Tests.Offers;

/// <summary>An offer written as a proposal reads back as the same plan: the account page proposes exactly what was offered.</summary>
public sealed class OfferProposalTests
{
    private static readonly Gen<OfferRequest> Requests =
        from balance in Gen.Long[1, 2_000_000]
        from minimum in Gen.Long[1, 5_000]
        from share in Gen.Long[-10_000, 500_000].Nullable()
        from segment in Gen.Enum<Segment>().Nullable()
        from chosen in Gen.Long[1, 300_000].Nullable()
        from discount in Gen.Int[0, 60].Nullable()
        from seasonalMonths in Gen.Int[1, 12].HashSet[0, 3]
        let gbp = Currency.GBP
        select new OfferRequest(
            Money.FromMinorUnits(balance, gbp),
            new OfferTerms(Money.FromMinorUnits(minimum, gbp), 0m, 30m, 20m, Money.Of(5m, gbp), true, 60),
            share is { } s ? OfferEngineTests.Assessment(s / 100m, gbp) : null,
            segment,
            OfferEngineTests.Today,
            new CustomerPreference(chosen is { } c ? Money.FromMinorUnits(c, gbp) : null, null, discount),
            seasonalMonths.Count == 0 ? null : [.. Enumerable.Range(0, 24).Select(i => new NodaTime.YearMonth(2024, 1).PlusMonths(i))
                .Select(m => new MonthlyPayment(m, Money.Of(seasonalMonths.Contains(m.Month) ? 5m : 150m, gbp)))]);

    [Fact]
    public void Every_offer_with_a_schedule_reads_back_as_the_same_shape_and_builds_the_same_schedule() =>
        Requests.Sample(request =>
        {
            foreach (var offer in OfferEngine.Offers(request).Where(o => o.Shape is not null))
            {
                var proposal = OfferProposal.For(default, offer).ShouldNotBeNull();
                var amount = proposal.Amount is { } a ? Money.Of(a, Currency.GBP) : (Money?)null;
                var parsed = PlanText.ParseShape(proposal.Shape, amount, Currency.GBP);

                OfferProposal.ShapeText(parsed).ShouldBe(proposal.Shape);
                PlanText.ParseFrequency(proposal.Frequency).ShouldBe(offer.Frequency);
                PlanText.ParseDate("start", proposal.Start).ShouldBe(offer.Start);
                var policy = PlanPolicy.Unbounded(Currency.GBP);
                var asOffered = ScheduleBuilder.Build(new PlanRequest(offer.Balance, offer.Frequency, offer.Start, offer.Shape!), policy, request.Today);
                var asProposed = ScheduleBuilder.Build(new PlanRequest(offer.Balance, offer.Frequency, offer.Start, parsed), policy, request.Today);
                asProposed.Instalments.ShouldBe(asOffered.Instalments);
            }
        });

    [Fact]
    public void Each_shape_is_written_in_the_simulators_words()
    {
        var gbp = Currency.GBP;
        OfferProposal.ShapeText(new FixedInstalments(Money.Of(25m, gbp))).ShouldBe("fixed");
        OfferProposal.ShapeText(new SteppedInstalments([new Step(6, Money.Of(12.5m, gbp))], Money.Of(40m, gbp))).ShouldBe("step:steps=6x12.50");
        OfferProposal.ShapeText(new SeasonalInstalments(Money.Of(50m, gbp), new HashSet<int> { 12, 1 }, Money.Of(25m, gbp), new HashSet<int> { 8 })).ShouldBe("seasonal:skip=8;reduce=1,12;reduced-amount=25.00");
        OfferProposal.ShapeText(new SeasonalInstalments(Money.Of(50m, gbp), new HashSet<int>(), Money.Zero(gbp), new HashSet<int> { 8 })).ShouldBe("seasonal:skip=8");
        OfferProposal.ShapeText(new IncomeShare(10m, [Money.Of(1200m, gbp), Money.Of(800m, gbp)], Money.Of(50m, gbp), Money.Of(200m, gbp))).ShouldBe("income:percent=10;floor=50.00;cap=200.00;incomes=1200.00,800.00");
        OfferProposal.ShapeText(new Settlement(20m, 3)).ShouldBe("settlement:discount=20;instalments=3");
        OfferProposal.ShapeText(new PromiseToPay(Money.Of(100m, gbp))).ShouldBe("promise");
        OfferProposal.ShapeText(new PaymentHoliday(2, Money.Of(30m, gbp))).ShouldBe("holiday:periods=2");
        OfferProposal.Amount(new SteppedInstalments([new Step(6, Money.Of(12.5m, gbp))], Money.Of(40m, gbp))).ShouldBe(40.00m);
        OfferProposal.Amount(new Settlement(20m, 3)).ShouldBeNull();
    }
}
