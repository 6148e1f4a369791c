using System.Text.Json;
using CsCheck;
using NodaTime;
using Parley.Modules.Decisioning.Contracts;
using Parley.Modules.Decisioning.EarlyWarning;
using Parley.Modules.Decisioning.Training.EarlyWarning;
using Parley.Modules.Decisioning.Training.Fairness;
using Parley.Modules.Decisioning.Training.Uci;
using Shouldly;

namespace Parley.Modules.Decisioning.Tests;

public sealed class FairnessAuditTests
{
    private static readonly FairnessDecision Flag = new("flag", DecisionKind.Adverse, "p ≥ 0.5");
    private static readonly FairnessDecision Help = new("help", DecisionKind.Beneficial, "not able");

    [Theory]
    [InlineData(DecisionKind.Adverse, 0.50, 0.25, 0.5)]
    [InlineData(DecisionKind.Adverse, 0.25, 0.25, 1.0)]
    [InlineData(DecisionKind.Adverse, 0.0, 0.0, 1.0)]
    [InlineData(DecisionKind.Beneficial, 0.30, 0.50, 0.6)]
    [InlineData(DecisionKind.Beneficial, 0.40, 0.50, 0.8)]
    [InlineData(DecisionKind.Beneficial, 0.0, 0.0, 1.0)]
    [InlineData(DecisionKind.Beneficial, 0.0, 0.20, 0.0)]
    public void Impact_ratio_reads_one_for_the_favoured_group_and_less_for_worse_treatment(DecisionKind kind, double group, double favoured, double expected) =>
        FairnessAudit.ImpactRatio(kind, group, favoured).ShouldBe(expected, 1e-12);

    /// <summary>
    /// 160 men: 40 positives, 40 flagged (32 of them positives), 80 helped (32 positives). 160 women: 80 positives,
    /// 80 flagged (40 positives), 48 helped (24 positives). 5 rows of sex code 0: too few to judge.
    /// </summary>
    [Fact]
    public void Selection_rates_impact_ratios_and_tpr_gaps_check_by_hand()
    {
        var rows = new List<(int Sex, bool Label, bool Flagged, bool Helped)>();
        rows.AddRange(Rows(1, positives: 40, negatives: 120, flaggedPositives: 32, flaggedNegatives: 8, helpedPositives: 32, helpedNegatives: 48));
        rows.AddRange(Rows(2, positives: 80, negatives: 80, flaggedPositives: 40, flaggedNegatives: 40, helpedPositives: 24, helpedNegatives: 24));
        rows.AddRange(Rows(0, positives: 1, negatives: 4, flaggedPositives: 0, flaggedNegatives: 4, helpedPositives: 0, helpedNegatives: 0));

        var report = Audit(rows);
        var sex = report.Attributes.Single();

        // Overall: flagged 40 + 80 + 4 of 325 rows; 32 + 40 + 0 of the 121 positives.
        report.Decisions[0].Selected.ShouldBe(124);
        report.Decisions[0].SelectionRate.ShouldBe(124 / 325.0);
        report.Decisions[0].TruePositiveRate.ShouldBe(72 / 121.0);
        sex.Groups.Select(g => g.Group).ShouldBe(["male", "female", "other/unknown"]);
        var (male, female, other) = (sex.Groups[0], sex.Groups[1], sex.Groups[2]);
        male.Rows.ShouldBe(160);
        male.BaseRate.ShouldBe(0.25);
        female.BaseRate.ShouldBe(0.5);

        // Flag is adverse: men, flagged least (25 %), are favoured; women flagged 50 % → 0.25 / 0.50.
        male.Decisions[0].SelectionRate.ShouldBe(0.25);
        female.Decisions[0].SelectionRate.ShouldBe(0.5);
        male.Decisions[0].ImpactRatio.ShouldBe(1.0);
        female.Decisions[0].ImpactRatio!.Value.ShouldBe(0.5, 1e-12);
        // TPR: men 32/40, women 40/80 → gap 0.3 for women.
        male.Decisions[0].TruePositiveRate.ShouldBe(0.8);
        female.Decisions[0].TruePositiveRate.ShouldBe(0.5);
        female.Decisions[0].TprGap!.Value.ShouldBe(0.3, 1e-12);
        male.Decisions[0].TprGap.ShouldBe(0.0);

        // Help is beneficial: men helped most (50 %) are favoured; women 30 % → 0.6. TPR men 32/40, women 24/80.
        female.Decisions[1].SelectionRate.ShouldBe(0.3);
        female.Decisions[1].ImpactRatio!.Value.ShouldBe(0.6, 1e-12);
        female.Decisions[1].TprGap!.Value.ShouldBe(0.5, 1e-12);

        // Too few rows: reported, never judged, never the favoured group although flagged 80 % and helped 0 %.
        other.Judged.ShouldBeFalse();
        other.Decisions[0].SelectionRate.ShouldBe(0.8);
        other.Decisions[0].ImpactRatio.ShouldBeNull();
        other.Decisions[1].TprGap.ShouldBeNull();

        var flagVerdict = sex.Verdicts[0];
        flagVerdict.Verdict.ShouldBe(FairnessVerdict.Warn);
        flagVerdict.FavouredGroup.ShouldBe("male");
        flagVerdict.Reason.ShouldContain("female selected 50.0% vs 25.0% for male (least often), impact ratio 0.500 < 0.80");
        flagVerdict.Reason.ShouldContain("female true-positive rate 50.0% is 0.300 below male's 80.0%");
        flagVerdict.Reason.ShouldContain("not judged: other/unknown");
        sex.Verdicts[1].Verdict.ShouldBe(FairnessVerdict.Warn);
        sex.Verdicts[1].FavouredGroup.ShouldBe("male");
    }

    [Fact]
    public void Verdicts_agree_with_the_figures_and_the_favoured_group_reads_one()
    {
        var row = Gen.Select(Gen.Int[0, 2], Gen.Bool, Gen.Bool, Gen.Bool, (sex, label, flagged, helped) => (Sex: sex, Label: label, Flagged: flagged, Helped: helped));
        row.List[1, 150].Sample(rows =>
        {
            var sex = Audit(rows).Attributes.Single();

            sex.Groups.Sum(g => g.Rows).ShouldBe(rows.Count);
            for (var d = 0; d < 2; d++)
            {
                var outcomes = sex.Groups.Where(g => g.Judged).Select(g => g.Decisions[d]).ToArray();
                sex.Groups.Where(g => !g.Judged).ShouldAllBe(g => g.Decisions[d].ImpactRatio == null && g.Decisions[d].TprGap == null);
                outcomes.ShouldAllBe(o => o.ImpactRatio >= 0 && o.ImpactRatio <= 1);
                outcomes.ShouldAllBe(o => o.TprGap == null || (o.TprGap >= 0 && o.TprGap <= 1));
                var verdict = sex.Verdicts[d];
                if (outcomes.Length < 2)
                {
                    verdict.Verdict.ShouldBe(FairnessVerdict.NotJudged);
                    continue;
                }

                sex.Groups.Single(g => g.Group == verdict.FavouredGroup).Decisions[d].ImpactRatio.ShouldBe(1.0);
                var breaches = outcomes.Any(o => o.ImpactRatio < 0.8 || o.TprGap > 0.1);
                verdict.Verdict.ShouldBe(breaches ? FairnessVerdict.Warn : FairnessVerdict.Pass, verdict.Reason);
            }
        });
    }

    [Fact]
    public void Four_fifths_exactly_and_a_tpr_gap_of_a_tenth_exactly_pass()
    {
        var rows = new List<(int Sex, bool Label, bool Flagged, bool Helped)>();
        // Helped: men 40/80, women 32/80 → ratio 0.8. TPR of help: men 20/40 (0.5), women 16/40 (0.4) → gap 0.1.
        rows.AddRange(Rows(1, positives: 40, negatives: 40, flaggedPositives: 0, flaggedNegatives: 0, helpedPositives: 20, helpedNegatives: 20));
        rows.AddRange(Rows(2, positives: 40, negatives: 40, flaggedPositives: 0, flaggedNegatives: 0, helpedPositives: 16, helpedNegatives: 16));

        var sex = Audit(rows).Attributes.Single();

        sex.Verdicts[1].Verdict.ShouldBe(FairnessVerdict.Pass, sex.Verdicts[1].Reason);
        sex.Verdicts[1].Reason.ShouldStartWith("lowest impact ratio 0.800 (female vs male, most often selected) at or above 0.80");
        // Nobody flagged: two zero rates are equal treatment.
        sex.Verdicts[0].Verdict.ShouldBe(FairnessVerdict.Pass, sex.Verdicts[0].Reason);
        sex.Groups[1].Decisions[0].ImpactRatio.ShouldBe(1.0);
    }

    [Fact]
    public void A_group_with_enough_rows_but_under_thirty_positives_has_its_tpr_reported_not_judged()
    {
        var rows = new List<(int Sex, bool Label, bool Flagged, bool Helped)>();
        // Both flagged half the time. Women: 29 positives, none flagged — a TPR of 0 against the men's 1, on too few positives to judge.
        rows.AddRange(Rows(1, positives: 30, negatives: 30, flaggedPositives: 30, flaggedNegatives: 0, helpedPositives: 0, helpedNegatives: 0));
        rows.AddRange(Rows(2, positives: 29, negatives: 31, flaggedPositives: 0, flaggedNegatives: 30, helpedPositives: 0, helpedNegatives: 0));

        var sex = Audit(rows).Attributes.Single();

        var women = sex.Groups[1].Decisions[0];
        women.TruePositiveRate.ShouldBe(0.0);
        women.TprGap.ShouldBeNull();
        women.ImpactRatio.ShouldBe(1.0);
        sex.Verdicts[0].Verdict.ShouldBe(FairnessVerdict.Pass, sex.Verdicts[0].Reason);
        sex.Verdicts[0].Reason.ShouldEndWith("too few positives (< 30) to judge the true-positive rate: female");
    }

    [Fact]
    public void With_fewer_than_two_groups_of_thirty_rows_nothing_is_judged()
    {
        var rows = new List<(int Sex, bool Label, bool Flagged, bool Helped)>();
        rows.AddRange(Rows(1, positives: 10, negatives: 30, flaggedPositives: 10, flaggedNegatives: 0, helpedPositives: 0, helpedNegatives: 0));
        rows.AddRange(Rows(2, positives: 10, negatives: 19, flaggedPositives: 0, flaggedNegatives: 0, helpedPositives: 0, helpedNegatives: 0));

        var sex = Audit(rows).Attributes.Single();

        sex.Groups[1].Rows.ShouldBe(29);
        sex.Groups[1].Judged.ShouldBeFalse();
        sex.Verdicts.ShouldAllBe(v => v.Verdict == FairnessVerdict.NotJudged);
        sex.Verdicts[0].Reason.ShouldContain("too few rows (< 30), not judged: female");
    }

    [Fact]
    public void Calibration_by_group_compares_mean_prediction_with_the_observed_rate()
    {
        var sensitive = new List<SensitiveAttributes>();
        var labels = new List<bool>();
        var probabilities = new List<float>();
        // One positive in every four rows, so each equal-count bin of four observes 25 %. Men: p = 0.25, calibrated; women: p = 0.5, 0.25 too high.
        foreach (var sex in new[] { 1, 2 })
        {
            for (var i = 0; i < 40; i++)
            {
                sensitive.Add(new SensitiveAttributes(sex, 2, 1, 30));
                labels.Add(i % 4 == 0);
                probabilities.Add(sex == 1 ? 0.25f : 0.5f);
            }
        }

        var report = FairnessAudit.Run("hand-made", probabilities, labels, sensitive, [], [SensitiveGroups.Sex], FairnessThresholds.Default);
        var audit = report.Attributes.Single();

        audit.Groups[0].CalibrationGap.ShouldBe(0.0, 1e-9);
        audit.Groups[0].ExpectedCalibrationError.ShouldBe(0.0, 1e-9);
        audit.Groups[1].MeanPredicted.ShouldBe(0.5);
        audit.Groups[1].CalibrationGap.ShouldBe(0.25, 1e-9);
        audit.Groups[1].ExpectedCalibrationError.ShouldBe(0.25, 1e-9);
        audit.Calibration.Verdict.ShouldBe(FairnessVerdict.Warn);
        audit.Calibration.Reason.ShouldBe("female predicted 50.0% on average but 25.0% observed (gap +0.250 beyond ±0.05)");
        report.Overall.ShouldBe(FairnessVerdict.Warn);
    }

    [Theory]
    [InlineData(1, 2, 1, 24, "male", "under 25", "university", "married")]
    [InlineData(2, 1, 2, 25, "female", "25-34", "graduate school", "single")]
    [InlineData(2, 3, 3, 44, "female", "35-44", "high school", "other/unknown")]
    [InlineData(0, 4, 0, 54, "other/unknown", "45-54", "other/unknown", "other/unknown")]
    [InlineData(1, 0, 1, 55, "male", "55 and over", "other/unknown", "married")]
    [InlineData(1, 5, 1, 79, "male", "55 and over", "other/unknown", "married")]
    [InlineData(1, 6, 1, 30, "male", "25-34", "other/unknown", "married")]
    public void Uci_codes_map_to_readable_groups(int sex, int education, int marriage, int age, string sexGroup, string ageBand, string educationGroup, string maritalGroup)
    {
        var row = new SensitiveAttributes(sex, education, marriage, age);

        SensitiveGroups.All.Select(a => a.GroupOf(row)).ShouldBe([sexGroup, ageBand, educationGroup, maritalGroup]);
        SensitiveGroups.All.ShouldAllBe(a => a.Groups.Contains(a.GroupOf(row)));
    }

    [Fact]
    public void The_model_card_carries_the_audit_of_out_of_fold_predictions_and_reads_back()
    {
        var sample = UciCreditDefault.Read(UciCreditDefaultTests.SamplePath);
        var (model, card) = EarlyWarningTraining.Train(sample, "uci-sample.csv", 5, Instant.FromUtc(2026, 11, 23, 7, 0));
        var directory = Path.Combine(Path.GetTempPath(), $"parley-model-{Environment.ProcessId}-{nameof(The_model_card_carries_the_audit_of_out_of_fold_predictions_and_reads_back)}");
        try
        {
            var fairness = card.Fairness.ShouldNotBeNull();
            fairness.Predictions.ShouldContain("out-of-fold");
            fairness.Rows.ShouldBe(400);
            fairness.Attributes.Select(a => a.Attribute).ShouldBe(["sex", "age band", "education", "marital status"]);
            fairness.Decisions.Select(d => d.Name).ShouldBe(["flagged high risk", "offered hardship support"]);
            fairness.Attributes.ShouldAllBe(a => a.Groups.Sum(g => g.Rows) == 400);

            EarlyWarningTraining.Write(model, card, directory);
            var (_, read) = EarlyWarningTraining.Read(directory);

            JsonSerializer.Serialize(read.Fairness, ModelCards.Json).ShouldBe(JsonSerializer.Serialize(fairness, ModelCards.Json));
            File.ReadAllText(Path.Combine(directory, ModelCards.CardMarkdownFile)).ShouldContain("## Fairness audit");
            File.ReadAllText(Path.Combine(directory, ModelCards.CardJsonFile)).ShouldContain("\"verdict\": \"");
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static FairnessReport Audit(IReadOnlyList<(int Sex, bool Label, bool Flagged, bool Helped)> rows) =>
        FairnessAudit.Run(
            "hand-made",
            [.. rows.Select(r => r.Flagged ? 0.9f : 0.1f)],
            [.. rows.Select(r => r.Label)],
            [.. rows.Select(r => new SensitiveAttributes(r.Sex, 2, 1, 30))],
            [new DecisionOutcomes(Flag, [.. rows.Select(r => r.Flagged)]), new DecisionOutcomes(Help, [.. rows.Select(r => r.Helped)])],
            [SensitiveGroups.Sex],
            FairnessThresholds.Default);

    /// <summary>Rows of one sex: the first flagged/helped positives and negatives selected, flags and help independent.</summary>
    private static IEnumerable<(int Sex, bool Label, bool Flagged, bool Helped)> Rows(int sex, int positives, int negatives, int flaggedPositives, int flaggedNegatives, int helpedPositives, int helpedNegatives) =>
        Enumerable.Range(0, positives).Select(i => (sex, true, i < flaggedPositives, i < helpedPositives))
            .Concat(Enumerable.Range(0, negatives).Select(i => (sex, false, i < flaggedNegatives, i < helpedNegatives)));
}
