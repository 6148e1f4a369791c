using System.Globalization;
using NodaTime;
using Parley.Modules.Decisioning.Contracts;
using Parley.Modules.Decisioning.EarlyWarning;
using Parley.Modules.Decisioning.Scoring;
using Parley.Modules.Decisioning.Training.EarlyWarning;
using Parley.Modules.Decisioning.Training.Scoring;
using Parley.Modules.Decisioning.Training.Uci;
using Shouldly;

namespace Parley.Modules.Decisioning.Tests;

public sealed class UciBatchScoringTests : IDisposable
{
    /// <summary>One model directory trained on the sample (cross-validation included), written once for all these tests.</summary>
    private static readonly Lazy<string> ModelDirectory = new(() =>
    {
        var directory = Path.Combine(Path.GetTempPath(), $"parley-score-model-{Environment.ProcessId}");
        var (model, card) = EarlyWarningTraining.Train(UciCreditDefault.Read(UciCreditDefaultTests.SamplePath), "uci-sample.csv", 5, Instant.FromUtc(2026, 11, 23, 9, 0));
        EarlyWarningTraining.Write(model, card, directory);
        return directory;
    });

    private readonly string _work = Directory.CreateTempSubdirectory("parley-score-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public void Every_row_gets_the_probability_and_reasons_of_the_training_feature_path()
    {
        var scorer = ForestScorer.Load(ModelDirectory.Value);
        var output = Path.Combine(_work, "scores.csv");

        var result = UciBatchScoring.Run(scorer, UciCreditDefaultTests.SamplePath, output);

        result.Rows.ShouldBe(400);
        var lines = File.ReadAllLines(output);
        lines[0].ShouldBe("row,ID,probability,reason_1,reason_2,reason_3");
        lines.Length.ShouldBe(401);
        var clients = UciCreditDefault.Read(UciCreditDefaultTests.SamplePath);
        var features = EarlyWarningModel.Featurize(clients);
        for (var i = 0; i < clients.Count; i++)
        {
            var (probability, reasons) = scorer.Explain(features[i].Features);
            var expected = string.Join(',', [(i + 2).ToString(CultureInfo.InvariantCulture), clients[i].Id.ToString(CultureInfo.InvariantCulture), probability.ToString("0.000000", CultureInfo.InvariantCulture), .. reasons.Select(r => $"\"{r.Code}: {r.Text}\""), .. Enumerable.Repeat("", 3 - reasons.Count)]);
            lines[i + 1].ShouldBe(expected);
        }
    }

    [Fact]
    public void Without_an_ID_column_the_output_has_none_and_optional_columns_may_be_absent()
    {
        var input = Path.Combine(_work, "no-id.csv");
        var kept = new[] { 1 }.Concat(Enumerable.Range(6, 18)).ToArray();
        File.WriteAllLines(input, File.ReadLines(UciCreditDefaultTests.SamplePath).Take(3).Select(l => string.Join(',', kept.Select(k => l.Split(',')[k]))));
        var output = Path.Combine(_work, "scores.csv");

        UciBatchScoring.Run(ForestScorer.Load(ModelDirectory.Value), input, output).Rows.ShouldBe(2);

        var lines = File.ReadAllLines(output);
        lines[0].ShouldBe("row,probability,reason_1,reason_2,reason_3");
        lines[1].ShouldStartWith("2,0.");
    }

    [Theory]
    [InlineData("missing column", "row 1: missing column(s) PAY_AMT6")]
    [InlineData("extra column", "row 1: unexpected column 'NOTES'")]
    [InlineData("non-numeric cell", "row 4, field BILL_AMT3: 'lots' is not a whole number")]
    [InlineData("short row", "row 3: 24 fields where the header has 25")]
    [InlineData("empty file", "the file is empty (no header row)")]
    [InlineData("header only", "no data rows")]
    public void Bad_input_is_refused_by_row_and_field_and_leaves_the_old_output_alone(string damage, string message)
    {
        var lines = File.ReadLines(UciCreditDefaultTests.SamplePath).Take(5).ToList();
        switch (damage)
        {
            case "missing column":
                lines[0] = lines[0].Replace(",PAY_AMT6", "", StringComparison.Ordinal);
                break;
            case "extra column":
                lines = [.. lines.Select((l, i) => l + (i == 0 ? ",NOTES" : ",1"))];
                break;
            case "non-numeric cell":
                var cells = lines[3].Split(',');
                cells[14] = "lots";
                lines[3] = string.Join(',', cells);
                break;
            case "short row":
                lines[2] = lines[2][..lines[2].LastIndexOf(',')];
                break;
            case "empty file":
                lines = [];
                break;
            default:
                lines = [lines[0]];
                break;
        }

        var input = Path.Combine(_work, "input.csv");
        File.WriteAllLines(input, lines);
        var output = Path.Combine(_work, "scores.csv");
        File.WriteAllText(output, "earlier scores");

        Should.Throw<UciFormatException>(() => UciBatchScoring.Run(ForestScorer.Load(ModelDirectory.Value), input, output)).Message.ShouldBe($"input.csv: {message}", customMessage: damage);

        File.ReadAllText(output).ShouldBe("earlier scores");
        Directory.GetFiles(_work).Length.ShouldBe(2);
    }

    [Fact]
    public void A_model_directory_of_another_version_or_with_a_tampered_forest_is_refused()
    {
        var copy = Path.Combine(_work, "model");
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.GetFiles(ModelDirectory.Value))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }

        var cardPath = Path.Combine(copy, ModelCards.CardJsonFile);
        var card = File.ReadAllText(cardPath);
        File.WriteAllText(cardPath, card.Replace(EarlyWarningTraining.Format, "parley-early-warning/1", StringComparison.Ordinal));
        Should.Throw<ModelDirectoryException>(() => ForestScorer.Load(copy)).Message.ShouldContain("parley-early-warning/1");

        File.WriteAllText(cardPath, card);
        File.AppendAllText(Path.Combine(copy, FlatForest.FileName), "x");
        Should.Throw<ModelDirectoryException>(() => ForestScorer.Load(copy)).Message.ShouldContain("forest.bin: content hash does not match");

        File.Delete(Path.Combine(copy, FlatForest.FileName));
        Should.Throw<ModelDirectoryException>(() => ForestScorer.Load(copy)).Message.ShouldContain("needs forest.bin");
    }
}
