using Parley.Modules.Decisioning.Features;
using Parley.Modules.Decisioning.Scoring;
using Shouldly;

namespace Parley.Modules.Decisioning.Tests;

public sealed class ForestScorerTests
{
    [Fact]
    public void Contributions_and_the_expected_score_sum_to_the_raw_score()
    {
        var scorer = new ForestScorer(TrainedSample.Forest);
        var contributions = new double[EarlyWarningFeatures.FeatureCount];

        foreach (var features in TrainedSample.Features)
        {
            var raw = scorer.Contributions(features, contributions);

            raw.ShouldBe(TrainedSample.Forest.RawScore(features), 1e-9);
            (scorer.ExpectedRaw + contributions.Sum()).ShouldBe(raw, 1e-9);
        }
    }

    [Fact]
    public void Explain_gives_the_scored_probability_and_only_factors_that_raise_it_largest_first()
    {
        var scorer = new ForestScorer(TrainedSample.Forest);

        foreach (var features in TrainedSample.Features.Take(50))
        {
            var (probability, reasons) = scorer.Explain(features);

            probability.ShouldBe(scorer.Probability(features), 1e-6);
            reasons.Count.ShouldBeLessThanOrEqualTo(ForestScorer.ReasonCount);
            reasons.ShouldAllBe(r => r.Contribution > 0);
            reasons.Select(r => r.Contribution).ShouldBeInOrder(SortDirection.Descending);
            reasons.Select(r => r.Code).ShouldBeUnique();
        }
    }

    [Fact]
    public void A_row_three_months_behind_on_the_latest_statement_says_so_first()
    {
        var scorer = new ForestScorer(TrainedSample.Forest);
        // Six statements of 20,000 on a 50,000 limit, each paid by 2,000; only the latest is three months late.
        StatementMonth[] months = [.. Enumerable.Range(0, 6).Select(i => new StatementMonth(2_000_000, i < 5 ? 200_000 : 0, i == 5 ? 90 : 0))];
        var features = EarlyWarningFeatures.Compute(new AccountFacts(5_000_000, 2), months);

        var (_, reasons) = scorer.Explain(features);

        reasons[0].Code.ShouldBe("EW01");
        reasons[0].Text.ShouldBe("3 months behind on the latest statement");
    }
}
