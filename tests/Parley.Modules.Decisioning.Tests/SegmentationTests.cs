using Parley.Modules.Decisioning.Contracts;
using Parley.Modules.Decisioning.Features;
using Parley.Modules.Decisioning.Segments;
using Shouldly;

namespace Parley.Modules.Decisioning.Tests;

public sealed class SegmentationTests
{
    private const long Limit = 100_000_00;

    private static readonly int MonthsBehindLatest = Index("months_behind_latest");
    private static readonly int UtilisationLatest = Index("utilisation_latest");
    private static readonly int UtilisationMean = Index("utilisation_mean");
    private static readonly int RunningUnderTenth = Index("months_running_under_10pct");
    private static readonly int ArrearsChange = Index("months_behind_change_3");

    [Fact]
    public void Low_balance_paid_in_full_is_able_and_willing_a_self_cure_reminder()
    {
        var assignment = Segmentation.Assign(new AccountFacts(Limit, 2), History(bill: 20_000_00, paid: 20_000_00, daysPastDue: [0, 0, 0, 0, 0, 0]));

        assignment.Segment.ShouldBe(Segment.SelfCureReminder);
        assignment.OffersHardshipSupport.ShouldBeFalse();
        assignment.AbilityReason.ShouldBe("able: headroom left — latest balance 20% and average 20% of the credit limit");
        assignment.WillingnessReason.ShouldBe("willing: not behind on the latest statement and arrears did not grow");
    }

    [Fact]
    public void A_maxed_out_balance_still_paid_a_tenth_is_willing_not_able_a_supportive_plan()
    {
        var assignment = Segmentation.Assign(new AccountFacts(Limit, 2), History(bill: 95_000_00, paid: 10_000_00, daysPastDue: [0, 0, 0, 0, 0, 0]));

        assignment.Segment.ShouldBe(Segment.SupportivePlan);
        assignment.OffersHardshipSupport.ShouldBeTrue();
        assignment.AbilityReason.ShouldBe("not able: the latest balance is 95% of the credit limit (at or above 90%) and the balance averaged 95% of the credit limit over six statements (at or above 80%)");
    }

    [Fact]
    public void Headroom_but_nothing_paid_and_growing_arrears_is_able_not_willing_firm_but_lawful()
    {
        var assignment = Segmentation.Assign(new AccountFacts(Limit, 2), History(bill: 30_000_00, paid: 0, daysPastDue: [0, 0, 0, 30, 60, 90]));

        assignment.Segment.ShouldBe(Segment.FirmButLawful);
        assignment.WillingnessReason.ShouldBe("not willing: 3 months behind and paid under 10 % of the bill 5 settled months running and arrears grew by 3 months over three statements");
    }

    [Fact]
    public void Maxed_out_and_paying_nothing_is_neither_a_human_with_debt_advice()
    {
        var assignment = Segmentation.Assign(new AccountFacts(Limit, 2), History(bill: 98_000_00, paid: 0, daysPastDue: [0, 0, 0, 30, 60, 90]));

        assignment.Segment.ShouldBe(Segment.HumanWithDebtAdvice);
        assignment.OffersHardshipSupport.ShouldBeTrue();
        Segmentation.TreatmentIntent(assignment.Segment).ShouldBe("human contact with debt-advice signposting");
        assignment.Reason.ShouldBe($"{assignment.AbilityReason}; {assignment.WillingnessReason}");
    }

    [Theory]
    [InlineData(0.90f, 0.10f, false)]
    [InlineData(0.8999f, 0.10f, true)]
    [InlineData(0.10f, 0.80f, false)]
    [InlineData(0.10f, 0.7999f, true)]
    public void Ability_turns_at_ninety_percent_latest_or_eighty_percent_average_utilisation(float latest, float mean, bool able)
    {
        var features = new float[EarlyWarningFeatures.FeatureCount];
        features[UtilisationLatest] = latest;
        features[UtilisationMean] = mean;

        Segmentation.Assign(features).Able.ShouldBe(able);
    }

    [Theory]
    [InlineData(1f, 2f, 0f, false)]
    [InlineData(1f, 1f, 0f, true)]
    [InlineData(0f, 5f, 0f, true)]
    [InlineData(1f, 0f, 1f, false)]
    [InlineData(2f, 0f, 0f, true)]
    [InlineData(0f, 0f, -2f, true)]
    public void Willingness_turns_at_two_months_running_under_a_tenth_while_behind_or_any_growth_in_arrears(float behind, float running, float growth, bool willing)
    {
        var features = new float[EarlyWarningFeatures.FeatureCount];
        features[MonthsBehindLatest] = behind;
        features[RunningUnderTenth] = running;
        features[ArrearsChange] = growth;

        Segmentation.Assign(features).Willing.ShouldBe(willing);
    }

    [Fact]
    public void Behind_but_still_paying_a_tenth_is_willing_and_says_so()
    {
        var assignment = Segmentation.Assign(new AccountFacts(Limit, 2), History(bill: 40_000_00, paid: 5_000_00, daysPastDue: [30, 30, 30, 30, 30, 30]));

        assignment.Segment.ShouldBe(Segment.SelfCureReminder);
        assignment.WillingnessReason.ShouldBe("willing: 1 month behind but paid at least a tenth of the bill in one of the last two settled months, and arrears did not grow");
    }

    [Fact]
    public void A_vector_of_the_wrong_length_is_refused() =>
        Should.Throw<ArgumentException>(() => Segmentation.Assign(new float[3]));

    /// <summary>Six monthly statements April–September with the same bill and payment; the latest payment is not yet due.</summary>
    private static StatementMonth[] History(long bill, long paid, int[] daysPastDue) =>
        [.. Enumerable.Range(0, 6).Select(i => new StatementMonth(bill, i < 5 ? paid : 0, daysPastDue[i]))];

    private static int Index(string name) => EarlyWarningFeatures.Definitions.Select(d => d.Name).ToList().IndexOf(name);
}
