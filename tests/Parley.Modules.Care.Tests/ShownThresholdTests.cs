using Parley.Modules.Care.Contracts;
using Parley.Modules.Care.Model;
using Parley.Modules.Care.Training;
using Shouldly;

namespace Parley.Modules.Care.Tests;

/// <summary>
/// A vulnerability driver or distress is shown when a rule or the model flags it, so its threshold is chosen for that
/// combined flag (issue 17: the model-alone choice made rules and model worse than the rules alone).
/// </summary>
public sealed class ShownThresholdTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("care-shown-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static double CombinedF1(IReadOnlyList<double> p, IReadOnlyList<bool> rule, IReadOnlyList<bool> y, double threshold) =>
        Metrics.Prf(y, [.. p.Select((v, i) => rule[i] || LinearHead.ModelFlags(v, threshold))]).F1;

    [Fact]
    public void A_model_that_only_adds_false_alarms_to_what_the_rules_catch_is_left_out()
    {
        // Ten positives, every one caught by a rule; the model scores them 0.30–0.75 and thirty negatives 0.10–0.68.
        var y = Enumerable.Range(0, 40).Select(i => i < 10).ToList();
        var rule = y.ToList();
        var p = Enumerable.Range(0, 40).Select(i => i < 10 ? 0.30 + (i * 0.05) : 0.10 + ((i - 10) * 0.02)).ToList();

        var old = HeadTrainer.F1Threshold(p, y);
        var shown = HeadTrainer.ShownThreshold(p, rule, y, floor: old);

        // The model-alone choice flags negatives the rules never would: rules OR model is worse than the rules alone.
        CombinedF1(p, rule, y, old).ShouldBeLessThan(CombinedF1(p, rule, y, LinearHead.RulesAlone));
        shown.ShouldBe(LinearHead.RulesAlone);
        CombinedF1(p, rule, y, shown).ShouldBe(1.0);
    }

    [Fact]
    public void The_model_keeps_the_finds_the_rules_miss()
    {
        // Six positives: three caught by a rule, three only the model sees (0.8); negatives at most 0.4, one at 0.85.
        var y = new List<bool> { true, true, true, true, true, true };
        var rule = new List<bool> { true, true, true, false, false, false };
        var p = new List<double> { 0.2, 0.3, 0.9, 0.8, 0.8, 0.8 };
        y.AddRange(Enumerable.Repeat(false, 20));
        rule.AddRange(Enumerable.Repeat(false, 20));
        p.AddRange(Enumerable.Range(0, 20).Select(i => i == 0 ? 0.85 : 0.02 * i));

        var shown = HeadTrainer.ShownThreshold(p, rule, y, floor: 0.05);

        shown.ShouldBe(0.8, 1e-5);
        CombinedF1(p, rule, y, shown).ShouldBeGreaterThan(CombinedF1(p, rule, y, LinearHead.RulesAlone));
    }

    [Fact]
    public void The_threshold_never_goes_below_the_model_alone_choice()
    {
        // The combined flag would do best at 0.3, but the floor (the model-alone choice) is 0.5.
        var y = new List<bool> { true, true, false, false, false };
        var rule = new List<bool> { false, false, false, false, false };
        var p = new List<double> { 0.3, 0.6, 0.1, 0.2, 0.25 };

        var shown = HeadTrainer.ShownThreshold(p, rule, y, floor: 0.5);

        shown.ShouldBeGreaterThanOrEqualTo(0.5);
        shown.ShouldBeLessThanOrEqualTo(0.6);
    }

    [Fact]
    public void The_shown_threshold_is_the_best_of_every_candidate_at_or_above_the_floor()
    {
        var random = new Random(11);
        for (var trial = 0; trial < 20; trial++)
        {
            var p = Enumerable.Range(0, 150).Select(_ => Math.Round(random.NextDouble(), 2)).ToList();
            var y = p.Select(v => random.NextDouble() < v * 0.6).ToList();
            var rule = y.Select(v => v ? random.NextDouble() < 0.6 : random.NextDouble() < 0.03).ToList();
            var floor = Math.Round(random.NextDouble() * 0.5, 2);

            var shown = HeadTrainer.ShownThreshold(p, rule, y, floor);

            var best = p.Where(v => v >= floor).Select(v => Math.Max(floor, v - 1e-6)).Append(LinearHead.RulesAlone).Max(c => CombinedF1(p, rule, y, c));
            CombinedF1(p, rule, y, shown).ShouldBe(best, 1e-12);
            shown.ShouldBeGreaterThanOrEqualTo(floor);
        }
    }

    [Fact]
    public void A_head_left_to_the_rules_never_flags_even_when_its_probability_rounds_to_one()
    {
        // One enormous weight on a word no rule reads: the calibrated probability is exactly 1.0 in floating point.
        var weight = new[] { (Index: TextFeatures.WordIndex("zucchini"), Weight: 1000f) };
        LinearHead Head(double threshold) => new("job-loss", [weight[0].Index], [weight[0].Weight], 0, -1, 0, threshold);
        var text = new CareText("zucchini zucchini zucchini");

        var alone = new CareClassifier(new CareModel([Head(LinearHead.RulesAlone)], "test")).Classify(text).Vulnerability.Single(v => v.Label == CareLabel.JobLoss);
        var open = new CareClassifier(new CareModel([Head(0.5)], "test")).Classify(text).Vulnerability.Single(v => v.Label == CareLabel.JobLoss);

        alone.Probability.ShouldBe(1.0);
        alone.Flagged.ShouldBeFalse();
        open.Flagged.ShouldBeTrue();
    }

    [Fact]
    public void Drivers_and_distress_are_chosen_for_rules_or_model_and_the_legal_labels_dispute_and_crisis_are_not()
    {
        CareLabels.Vulnerabilities.ShouldAllBe(l => CareTraining.ShownByRulesOrModel(l));
        CareTraining.ShownByRulesOrModel(CareLabel.Distress).ShouldBeTrue();
        CareTraining.ShownByRulesOrModel(CareLabel.Dispute).ShouldBeFalse();
        CareTraining.ShownByRulesOrModel(CareLabel.Crisis).ShouldBeFalse();
        CareLabels.Intents.ShouldAllBe(l => !CareTraining.ShownByRulesOrModel(l));
    }

    [Fact]
    public void The_held_out_part_of_GoEmotions_train_is_a_stable_tenth_by_comment_id()
    {
        GoEmotions.IsHeldOut("r7").ShouldBeTrue();
        GoEmotions.IsHeldOut("r0").ShouldBeFalse();
        var share = Enumerable.Range(0, 20_000).Count(i => GoEmotions.IsHeldOut($"c{i}")) / 20_000.0;
        share.ShouldBe(0.10, 0.01);

        var rows = Enumerable.Range(0, 300).Select(i => new EmotionExample($"text {i}", new HashSet<int> { 27 }, $"c{i}")).ToList();
        var (train, heldOut) = GoEmotions.SplitTrain(rows);
        (train.Count + heldOut.Count).ShouldBe(rows.Count);
        heldOut.ShouldAllBe(e => GoEmotions.IsHeldOut(e.Id));
        train.ShouldAllBe(e => !GoEmotions.IsHeldOut(e.Id));
    }

    [Fact]
    public void The_topic_words_find_money_work_housing_and_stress_as_whole_words()
    {
        GoEmotions.IsDistressTopic("I can't pay the RENT this month").ShouldBeTrue();
        GoEmotions.IsDistressTopic("got laid off today").ShouldBeTrue();
        GoEmotions.IsDistressTopic("the parent company").ShouldBeFalse();
        GoEmotions.IsDistressTopic("what a lovely day").ShouldBeFalse();
    }

    [Theory]
    [InlineData("id,text,distress\nr0,hello,0\n", "row 2: field 'id' 'r0' is not in GoEmotions' held-out part")]
    [InlineData("id,text,distress\nr7,hello,yes\n", "row 2: field 'distress' is 'yes'")]
    [InlineData("id,text\nr7,hello\n", "no 'distress' column")]
    [InlineData("id,text,distress\nr7,hello,0\nr7,again,1\n", "row 3: field 'id' is 'r7' again")]
    public void A_bad_reddit_distress_file_names_the_row_and_field(string content, string expected)
    {
        var path = Path.Combine(directory, "reddit.csv");
        File.WriteAllText(path, content);

        Should.Throw<CareDataException>(() => RedditDistress.Read(path)).Message.ShouldContain(expected);
    }

    [Fact]
    public void Distress_on_the_reddit_comments_is_scored_for_rules_and_model_and_for_the_rules_alone()
    {
        var path = Path.Combine(directory, "reddit.csv");
        File.WriteAllText(path, "id,text,distress\nr7,\"I can't cope with the rent, I'm desperate\",1\nr20,my boss bought pizza for work,0\nr31,\"money is tight, I keep crying at night\",1\n");

        var report = CareEvaluation.Run(new CareClassifier(null), null, null, null, redditDistress: RedditDistress.Read(path)).RedditDistress!;

        report.Rows.ShouldBe(3);
        report.Positives.ShouldBe(2);
        report.RulesAlone.Precision.Value.ShouldBe(1.0);

        // Without a model, rules and model is the rules alone.
        report.RulesAndModel.F1.Value.ShouldBe(report.RulesAlone.F1.Value);
        report.Failures.ShouldAllBe(f => f.Kind == "missed distress");
    }

    [Theory]
    [InlineData("this isn't my debt", new[] { "dispute", "not-mine" })]
    [InlineData("I lost my job and can't cope", new[] { "job-loss", "distress" })]
    public void The_shipped_model_still_flags_the_done_when_sentences(string text, string[] codes)
    {
        var c = CareClassifier.Default().Classify(new CareText(text));

        var flagged = c.FlaggedIntents.Concat(c.FlaggedVulnerability).Select(s => s.Code).ToHashSet();
        if (c.Dispute.Flagged)
        {
            flagged.Add("dispute");
        }

        if (c.Distress.Flagged)
        {
            flagged.Add("distress");
        }

        codes.ShouldAllBe(code => flagged.Contains(code));
    }
}
