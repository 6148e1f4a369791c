using System.Text.Json;
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
                var parsed = PlanShapes.ToDomain(proposal.Shape, proposal.Amount, Currency.GBP);

                // The typed shape survives JSON and the command line's words unchanged.
                PlanShapes.ToSpec(parsed).ShouldBe(proposal.Shape, new ShapeComparer());
                JsonSerializer.Deserialize<PlanShapeSpec>(JsonSerializer.Serialize(proposal.Shape, Json), Json).ShouldBe(proposal.Shape, new ShapeComparer());
                PlanInputText.ParseShape(PlanInputText.FormatShape(proposal.Shape!)).ShouldBe(proposal.Shape, new ShapeComparer());
                proposal.Frequency.ShouldBe(offer.Frequency);
                proposal.Start.ShouldBe(offer.Start);
                var policy = PlanPolicy.Unbounded(Currency.GBP);
                var asOffered = ScheduleBuilder.Build(new PlanRequest(offer.Balance, offer.Frequency, offer.Start, offer.Shape!), policy, request.Today);
                var asProposed = ScheduleBuilder.Build(new PlanRequest(offer.Balance, offer.Frequency, offer.Start, parsed), policy, request.Today);
                asProposed.Instalments.ShouldBe(asOffered.Instalments);
            }
        });

    [Fact]
    public void Each_shape_is_written_in_the_command_lines_words_and_as_typed_json()
    {
        var gbp = Currency.GBP;
        string Text(PlanShape shape) => PlanInputText.FormatShape(PlanShapes.ToSpec(shape));
        Text(new FixedInstalments(Money.Of(25m, gbp))).ShouldBe("fixed");
        Text(new SteppedInstalments([new Step(6, Money.Of(12.5m, gbp))], Money.Of(40m, gbp))).ShouldBe("step:steps=6x12.50");
        Text(new SeasonalInstalments(Money.Of(50m, gbp), new HashSet<int> { 12, 1 }, Money.Of(25m, gbp), new HashSet<int> { 8 })).ShouldBe("seasonal:skip=8;reduce=1,12;reduced-amount=25.00");
        Text(new SeasonalInstalments(Money.Of(50m, gbp), new HashSet<int>(), Money.Zero(gbp), new HashSet<int> { 8 })).ShouldBe("seasonal:skip=8");
        Text(new IncomeShare(10m, [Money.Of(1200m, gbp), Money.Of(800m, gbp)], Money.Of(50m, gbp), Money.Of(200m, gbp))).ShouldBe("income:percent=10;floor=50.00;cap=200.00;incomes=1200.00,800.00");
        Text(new Settlement(20m, 3)).ShouldBe("settlement:discount=20;instalments=3");
        Text(new PromiseToPay(Money.Of(100m, gbp))).ShouldBe("promise");
        Text(new PaymentHoliday(2, Money.Of(30m, gbp))).ShouldBe("holiday:periods=2");
        PlanShapes.Instalment(new SteppedInstalments([new Step(6, Money.Of(12.5m, gbp))], Money.Of(40m, gbp))).ShouldBe(40.00m);
        PlanShapes.Instalment(new Settlement(20m, 3)).ShouldBeNull();

        JsonSerializer.Serialize<PlanShapeSpec>(PlanShapes.ToSpec(new SteppedInstalments([new Step(6, Money.Of(12.5m, gbp))], Money.Of(40m, gbp))), Json)
            .ShouldBe("""{"kind":"step","steps":[{"periods":6,"amount":12.50}]}""");
        JsonSerializer.Serialize<PlanShapeSpec>(new PlanShapeSpec.Settlement(20m), Json).ShouldBe("""{"kind":"settlement","discountPercent":20,"instalments":null}""");
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Shapes compare by value, lists by their items (records compare lists by reference).</summary>
    private sealed class ShapeComparer : IEqualityComparer<PlanShapeSpec?>
    {
        public bool Equals(PlanShapeSpec? x, PlanShapeSpec? y) =>
            x is null ? y is null : y is not null && JsonSerializer.Serialize(x, Json) == JsonSerializer.Serialize(y, Json);

        public int GetHashCode(PlanShapeSpec? obj) => obj?.Kind.GetHashCode(StringComparison.Ordinal) ?? 0;
    }
}
