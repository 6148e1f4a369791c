using NodaTime;
using Parley.Modules.Decisioning.Features;
using Shouldly;

namespace Parley.Modules.Decisioning.Tests;

public sealed class EarlyWarningFeaturesTests
{
    private static readonly LocalDate March = new(2026, 3, 31);

    [Fact]
    public void Definitions_match_the_vector_and_have_unique_stable_codes()
    {
        EarlyWarningFeatures.Definitions.Count.ShouldBe(EarlyWarningFeatures.FeatureCount);
        EarlyWarningFeatures.Definitions.Select(d => d.ReasonCode).ShouldBe([.. Enumerable.Range(1, EarlyWarningFeatures.FeatureCount).Select(i => $"EW{i:00}")]);
        EarlyWarningFeatures.Definitions.Select(d => d.Name).Distinct().Count().ShouldBe(EarlyWarningFeatures.FeatureCount);
    }

    [Fact]
    public void Computes_arrears_utilisation_and_payment_behaviour_from_the_statements()
    {
        // Limit 1,000.00; bills rising 100 → 600; the settled months paid 50, 5, 4, 3, 2 (the latest is not yet due).
        var history = History(
            (10_000, 5_000, 0),
            (20_000, 500, 0),
            (30_000, 400, 0),
            (40_000, 300, 30),
            (50_000, 200, 60),
            (60_000, 0, 90));

        var f = EarlyWarningFeatures.Compute(new AccountFacts(100_000, 2), history);

        f[0].ShouldBe(3f);                       // months behind on the latest
        f[1].ShouldBe(3f);                       // worst
        f[2].ShouldBe(3f);                       // 0 → 3 over three statements
        f[3].ShouldBe(3f);                       // months in arrears
        f[4].ShouldBe(0.6f);                     // latest utilisation
        f[5].ShouldBe(0.35f, 1e-6);              // mean utilisation
        f[6].ShouldBe(200f / 50_000, 1e-6);      // last settled bill
        f[7].ShouldBe(900f / 120_000, 1e-6);     // three settled months
        f[8].ShouldBe(6_400f / 150_000, 1e-6);   // all settled months
        f[9].ShouldBe(4f);                       // months paying under 10 %
        f[10].ShouldBe(4f);                      // running, latest back
        f[11].ShouldBe(0.5f, 1e-6);              // balance trend
        f[12].ShouldBe(0.1f, 1e-6);              // latest change
        f[13].ShouldBe(0.002f, 1e-6);            // last payment over limit
        f[14].ShouldBe(0f);                      // months with nothing to pay
        f[15].ShouldBe(2f);                      // months behind on the one before the latest
        f[16].ShouldBe(0f);                      // months paid in full
        f[17].ShouldBe(0.6f, 1e-6);              // highest utilisation
        f[18].ShouldBe(1_000f);                  // credit limit in major units
    }

    [Fact]
    public void Nothing_billed_reads_as_fully_paid_and_no_limit_scales_by_the_largest_bill()
    {
        var history = History((10_000, 10_000, 0), (0, 0, 0), (20_000, 0, 0));

        var f = EarlyWarningFeatures.Compute(new AccountFacts(0, 2), history);

        f[4].ShouldBe(1f);
        f[6].ShouldBe(1f);
        f[8].ShouldBe(1f);
        f[9].ShouldBe(0f);
        f[14].ShouldBe(1f);
        f[16].ShouldBe(1f);
    }

    [Fact]
    public void An_empty_history_gives_finite_features()
    {
        EarlyWarningFeatures.Compute(new AccountFacts(100_000, 2), []).ShouldAllBe(v => float.IsFinite(v));
    }

    [Fact]
    public void Explains_a_value_in_plain_words()
    {
        EarlyWarningFeatures.Definitions[0].Explain(3f).ShouldBe("3 months behind on the latest statement");
        EarlyWarningFeatures.Definitions[10].Explain(4f).ShouldBe("paid under 10 % of the bill 4 months running");
        EarlyWarningFeatures.Definitions[4].Explain(0.95f).ShouldBe("latest balance is 95% of the credit limit");
        EarlyWarningFeatures.Definitions[18].Explain(20_000f).ShouldBe("credit limit of 20,000");
    }

    [Fact]
    public void Reasons_read_naturally_at_zero_and_at_one()
    {
        EarlyWarningFeatures.Definitions[6].Explain(0f).ShouldBe("paid nothing of the last settled bill");
        EarlyWarningFeatures.Definitions[13].Explain(0.001f).ShouldBe("no payment towards the last settled bill");
        EarlyWarningFeatures.Definitions[0].Explain(0f).ShouldBe("current on the latest statement");
        EarlyWarningFeatures.Definitions[0].Explain(1f).ShouldBe("1 month behind on the latest statement");
        EarlyWarningFeatures.Definitions[2].Explain(1f).ShouldBe("arrears changed by +1 month over three statements");
        EarlyWarningFeatures.Definitions[6].Explain(0.25f).ShouldBe("paid 25% of the last settled bill");
        EarlyWarningFeatures.Definitions.ShouldAllBe(d => d.WhenZero.Length > 0 && !d.WhenZero.Contains(" 0 ", StringComparison.Ordinal) && !d.WhenZero.Contains("0%", StringComparison.Ordinal));
    }

    private static StatementMonth[] History(params (long Due, long Paid, int DaysPastDue)[] months) =>
        [.. months.Select(m => new StatementMonth(m.Due, m.Paid, m.DaysPastDue))];
}
