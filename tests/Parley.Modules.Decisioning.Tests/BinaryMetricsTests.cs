using CsCheck;
using Parley.Modules.Decisioning.Contracts;
using Shouldly;

namespace Parley.Modules.Decisioning.Tests;

public sealed class BinaryMetricsTests
{
    [Fact]
    public void Auc_is_one_for_a_perfect_ranking_zero_reversed_and_half_when_all_tie()
    {
        bool[] labels = [false, false, true, true];
        BinaryMetrics.AreaUnderRoc(labels, [0.1f, 0.2f, 0.3f, 0.4f]).ShouldBe(1);
        BinaryMetrics.AreaUnderRoc(labels, [0.4f, 0.3f, 0.2f, 0.1f]).ShouldBe(0);
        BinaryMetrics.AreaUnderRoc(labels, [0.5f, 0.5f, 0.5f, 0.5f]).ShouldBe(0.5);
        BinaryMetrics.AreaUnderRoc(labels, [0.1f, 0.3f, 0.2f, 0.4f]).ShouldBe(0.75);
    }

    [Fact]
    public void Auc_of_complementary_scores_sums_to_one()
    {
        Gen.Select(Gen.Bool.Array[2, 60], Gen.Int[0, 1000])
            .Where(t => t.Item1.Contains(true) && t.Item1.Contains(false))
            .Sample((labels, seed) =>
            {
                var random = new Random(seed);
                var p = labels.Select(_ => random.Next(0, 5) / 4f).ToArray();
                var q = p.Select(v => 1 - v).ToArray();
                (BinaryMetrics.AreaUnderRoc(labels, p) + BinaryMetrics.AreaUnderRoc(labels, q)).ShouldBe(1, 1e-12);
            });
    }

    [Fact]
    public void Brier_log_loss_accuracy_and_deciles()
    {
        var labels = Enumerable.Range(0, 20).Select(i => i % 4 == 0).ToArray();
        var p = Enumerable.Range(0, 20).Select(i => i % 4 == 0 ? 0.8f : 0.2f).ToArray();

        var m = BinaryMetrics.Compute(labels, p);

        m.Rows.ShouldBe(20);
        m.Positives.ShouldBe(5);
        m.Brier.ShouldBe(0.04, 1e-6);
        m.LogLoss.ShouldBe(-Math.Log(0.8), 1e-6);
        m.Accuracy.ShouldBe(1);
        m.Calibration.Count.ShouldBe(10);
        m.Calibration.Sum(b => b.Rows).ShouldBe(20);
        m.Calibration[^1].ObservedRate.ShouldBe(1);
        m.Calibration[0].ObservedRate.ShouldBe(0);
        // Every bin is off by 0.2 except the eighth, which holds one row of each class (mean 0.5, rate 0.5).
        m.ExpectedCalibrationError.ShouldBe(0.18, 1e-6);
    }
}
