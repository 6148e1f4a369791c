using NodaTime;
using Parley.Modules.Decisioning.Contracts;
using Parley.Modules.Decisioning.EarlyWarning;
using Parley.Modules.Decisioning.Training.EarlyWarning;
using Parley.Modules.Decisioning.Training.Uci;
using Shouldly;

namespace Parley.Modules.Decisioning.Tests;

public sealed class EarlyWarningModelTests
{
    private static readonly IReadOnlyList<UciClient> Sample = UciCreditDefault.Read(UciCreditDefaultTests.SamplePath);

    private static readonly Instant TrainedAt = Instant.FromUtc(2026, 11, 23, 7, 0);

    [Fact]
    public void Training_is_deterministic_under_a_seed()
    {
        var rows = EarlyWarningModel.Featurize(Sample);
        var features = rows.Select(r => r.Features).ToArray();

        var first = EarlyWarningModel.Train(rows, Learner.LightGbm, 11).Predict(features);
        var second = EarlyWarningModel.Train(rows, Learner.LightGbm, 11).Predict(features);

        second.ShouldBe(first);
        first.ShouldAllBe(p => p > 0 && p < 1);
    }

    [Fact]
    public void Folds_are_stratified_and_the_same_for_the_same_seed()
    {
        var labels = Sample.Select(c => c.DefaultedNextMonth).ToArray();

        var folds = EarlyWarningModel.AssignFolds(labels, 5, 3);

        EarlyWarningModel.AssignFolds(labels, 5, 3).ShouldBe(folds);
        EarlyWarningModel.AssignFolds(labels, 5, 4).ShouldNotBe(folds);
        foreach (var fold in Enumerable.Range(0, 5))
        {
            folds.Count(f => f == fold).ShouldBe(80);
            labels.Where((_, i) => folds[i] == fold).Count(l => l).ShouldBeInRange(16, 18);
        }
    }

    [Fact]
    public void Cross_validation_reports_both_learners_on_the_same_folds_and_beats_chance()
    {
        var (_, card) = EarlyWarningTraining.Train(Sample, "uci-sample.csv", 5, TrainedAt);

        card.Data.Rows.ShouldBe(400);
        card.Data.Positives.ShouldBe(85);
        card.CrossValidated.FoldAucs.Count.ShouldBe(5);
        card.Baseline.FoldAucs.Count.ShouldBe(5);
        card.CrossValidated.OutOfFold.Rows.ShouldBe(400);
        // 400 rows are few; the shared file's figure is in the report. Chance is 0.5.
        card.CrossValidated.AucMean.ShouldBeGreaterThan(0.65);
        card.Baseline.AucMean.ShouldBeGreaterThan(0.65);
        card.Features.Select(f => f.Name).ShouldNotContain(n => n.Contains("sex", StringComparison.OrdinalIgnoreCase) || n.Contains("age", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void A_written_model_reads_back_and_scores_the_same()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"parley-model-{Environment.ProcessId}-{nameof(A_written_model_reads_back_and_scores_the_same)}");
        var (model, card) = EarlyWarningTraining.Train(Sample, "uci-sample.csv", 5, TrainedAt);
        var features = EarlyWarningModel.Featurize(Sample).Select(r => r.Features).ToArray();
        try
        {
            var written = EarlyWarningTraining.Write(model, card, directory);
            var (read, readCard) = EarlyWarningTraining.Read(directory);

            readCard.ModelSha256.ShouldBe(written.ModelSha256);
            readCard.CrossValidated.AucMean.ShouldBe(card.CrossValidated.AucMean);
            read.Predict(features).ShouldBe(model.Predict(features));
            File.ReadAllText(Path.Combine(directory, ModelCards.CardMarkdownFile)).ShouldContain("CC BY 4.0");
            Directory.Exists(directory + ".partial").ShouldBeFalse();
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Writing_never_replaces_a_directory_that_holds_something_else()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"parley-model-{Environment.ProcessId}-{nameof(Writing_never_replaces_a_directory_that_holds_something_else)}");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "notes.txt"), "keep me");
        var (model, card) = EarlyWarningTraining.Train(Sample, "uci-sample.csv", 5, TrainedAt);
        try
        {
            Should.Throw<ModelDirectoryException>(() => EarlyWarningTraining.Write(model, card, directory)).Message.ShouldContain("not a model directory");
            File.ReadAllText(Path.Combine(directory, "notes.txt")).ShouldBe("keep me");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void A_tampered_model_or_another_format_is_refused()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"parley-model-{Environment.ProcessId}-{nameof(A_tampered_model_or_another_format_is_refused)}");
        var (model, card) = EarlyWarningTraining.Train(Sample, "uci-sample.csv", 5, TrainedAt);
        try
        {
            EarlyWarningTraining.Write(model, card with { Format = "parley-early-warning/0" }, directory);
            Should.Throw<ModelDirectoryException>(() => EarlyWarningTraining.Read(directory)).Message.ShouldContain("parley-early-warning/0");

            EarlyWarningTraining.Write(model, card, directory);
            File.AppendAllText(Path.Combine(directory, ModelCards.ModelFile), "x");
            Should.Throw<ModelDirectoryException>(() => EarlyWarningTraining.Read(directory)).Message.ShouldContain("hash");

            Should.Throw<ModelDirectoryException>(() => EarlyWarningTraining.Read(directory + "-missing")).Message.ShouldContain("not a model directory");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
