using System.CommandLine;
using System.Text.Json.Nodes;
using Shouldly;

namespace Parley.Cli.Tests;

/// <summary><c>parley model score|evaluate</c> on bad input: exit code 2, a message naming the row, field or file, no output written.</summary>
public sealed class ModelCommandBadInputTests : IDisposable
{
    private static readonly string Sample = Path.Combine(AppContext.BaseDirectory, "Data", "uci-sample.csv");

    private static readonly Lazy<Task<string>> TrainedModel = new(async () =>
    {
        var directory = Path.Combine(Directory.CreateTempSubdirectory("parley-model-bad-input-").FullName, "model");
        (await Run("model", "train", "--uci", Sample, "--out", directory)).Code.ShouldBe(0);
        return directory;
    });

    private readonly string _root = Directory.CreateTempSubdirectory("parley-model-cli-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData("missing column", "input.csv: row 1: missing column(s) PAY_AMT6")]
    [InlineData("extra column", "input.csv: row 1: unexpected column 'NOTES'")]
    [InlineData("non-numeric cell", "input.csv: row 4, field BILL_AMT3: 'lots' is not a whole number")]
    [InlineData("empty file", "input.csv: the file is empty (no header row)")]
    public async Task Score_and_evaluate_refuse_a_bad_file_with_exit_code_2_naming_row_and_field(string damage, string message)
    {
        var model = await TrainedModel.Value;
        var input = Damaged(damage);
        var output = Path.Combine(_root, "scores.csv");

        var score = await Run("model", "score", "--model", model, "--uci", input, "--out", output);
        var evaluate = await Run("model", "evaluate", "--model", model, "--uci", input);

        score.Code.ShouldBe(2);
        score.Error.ShouldContain(message);
        File.Exists(output).ShouldBeFalse();
        Directory.GetFiles(_root).ShouldNotContain(f => f.Contains(".partial", StringComparison.Ordinal));
        evaluate.Code.ShouldBe(2);
        evaluate.Error.ShouldContain(message);
        evaluate.Output.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("wrong version")]
    [InlineData("bad hash")]
    public async Task Score_and_evaluate_refuse_a_model_directory_of_another_version_or_with_a_bad_hash(string damage)
    {
        var model = CopyOf(await TrainedModel.Value);
        string expected;
        if (damage == "wrong version")
        {
            var cardPath = Path.Combine(model, "model-card.json");
            var card = JsonNode.Parse(File.ReadAllText(cardPath))!;
            card["format"] = "parley-early-warning/1";
            File.WriteAllText(cardPath, card.ToJsonString());
            expected = $"{cardPath}: format parley-early-warning/1";
        }
        else
        {
            File.AppendAllText(Path.Combine(model, "forest.bin"), "x");
            File.AppendAllText(Path.Combine(model, "model.zip"), "x");
            expected = "content hash does not match the model card";
        }

        var output = Path.Combine(_root, "scores.csv");
        var score = await Run("model", "score", "--model", model, "--uci", Sample, "--out", output);
        var evaluate = await Run("model", "evaluate", "--model", model, "--uci", Sample);

        score.Code.ShouldBe(2);
        score.Error.ShouldContain(expected);
        File.Exists(output).ShouldBeFalse();
        evaluate.Code.ShouldBe(2);
        evaluate.Error.ShouldContain(expected);
    }

    private string Damaged(string damage)
    {
        var lines = File.ReadAllLines(Sample);
        switch (damage)
        {
            case "missing column":
                var drop = Array.IndexOf(lines[0].Split(','), "PAY_AMT6");
                lines = [.. lines.Select(l => string.Join(',', l.Split(',').Where((_, i) => i != drop)))];
                break;
            case "extra column":
                lines = [.. lines.Select((l, i) => l + (i == 0 ? ",NOTES" : ",1"))];
                break;
            case "non-numeric cell":
                var column = Array.IndexOf(lines[0].Split(','), "BILL_AMT3");
                var cells = lines[3].Split(',');
                cells[column] = "lots";
                lines[3] = string.Join(',', cells);
                break;
            default:
                lines = [];
                break;
        }

        var path = Path.Combine(_root, "input.csv");
        File.WriteAllLines(path, lines);
        return path;
    }

    private string CopyOf(string model)
    {
        var copy = Directory.CreateDirectory(Path.Combine(_root, "model-copy")).FullName;
        foreach (var file in Directory.GetFiles(model))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }

        return copy;
    }

    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await ParleyCommand.Build().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, TestContext.Current.CancellationToken);
        return (code, output.ToString(), error.ToString());
    }
}
