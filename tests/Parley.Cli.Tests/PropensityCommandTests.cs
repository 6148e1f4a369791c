using System.CommandLine;
using System.Text.Json.Nodes;
using Shouldly;

namespace Parley.Cli.Tests;

/// <summary><c>parley demo outcomes</c> and <c>parley model train --kind propensity</c>: a real signal, deterministic, bad input refused.</summary>
public sealed class PropensityCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("parley-propensity-cli-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Training_on_generated_outcomes_learns_a_real_signal_and_is_deterministic_under_a_seed()
    {
        var data = Path.Combine(_root, "outcomes.csv");
        (await Run("demo", "outcomes", "--accounts", "2500", "--seed", "4", "--as-of", "2026-10-01", "--out", data)).Code.ShouldBe(0);

        var first = await Run("model", "train", "--kind", "propensity", "--data", data, "--out", Path.Combine(_root, "a"), "--seed", "9");
        var second = await Run("model", "train", "--kind", "propensity", "--data", data, "--out", Path.Combine(_root, "b"), "--seed", "9");

        first.Code.ShouldBe(0, first.Error);
        second.Code.ShouldBe(0, second.Error);
        var card = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_root, "a", "model-card.json"), TestContext.Current.CancellationToken))!;
        card["format"]!.GetValue<string>().ShouldBe("parley-propensity/1");
        card["cross_validated"]!["auc_mean"]!.GetValue<double>().ShouldBeGreaterThan(0.7);
        card["data"]!["attribution"]!.GetValue<string>().ShouldContain("SIMULATED");
        (await File.ReadAllTextAsync(Path.Combine(_root, "a", "model-card.md"), TestContext.Current.CancellationToken)).ShouldContain("The labels are SIMULATED");
        (await File.ReadAllBytesAsync(Path.Combine(_root, "a", "forest.bin"), TestContext.Current.CancellationToken))
            .ShouldBe(await File.ReadAllBytesAsync(Path.Combine(_root, "b", "forest.bin"), TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("missing column", "data.csv: row 1: missing column(s) active_holds")]
    [InlineData("extra column", "data.csv: row 1: unexpected column(s) notes")]
    [InlineData("non-numeric cell", "data.csv: row 3, field balance_minor: 'lots' is not a whole number")]
    [InlineData("bad label", "data.csv: row 2, field paid_within_30d: is not 0 or 1")]
    [InlineData("empty file", "data.csv: the file is empty (no header row)")]
    [InlineData("header only", "data.csv: no data rows after the header")]
    public async Task A_bad_training_file_exits_2_naming_row_and_field_and_writes_nothing(string damage, string message)
    {
        var good = Path.Combine(_root, "good.csv");
        (await Run("demo", "outcomes", "--accounts", "5", "--seed", "4", "--as-of", "2026-10-01", "--out", good)).Code.ShouldBe(0);
        var lines = await File.ReadAllLinesAsync(good, TestContext.Current.CancellationToken);
        var header = lines[0].Split(',').ToList();
        string[] damaged = damage switch
        {
            "missing column" => [.. lines.Select(l => Drop(l, header.IndexOf("active_holds")))],
            "extra column" => [.. lines.Select((l, i) => l + (i == 0 ? ",notes" : ",x"))],
            "non-numeric cell" => [.. lines.Select((l, i) => i == 2 ? Replace(l, header.IndexOf("balance_minor"), "lots") : l)],
            "bad label" => [.. lines.Select((l, i) => i == 1 ? Replace(l, header.IndexOf("paid_within_30d"), "2") : l)],
            "empty file" => [],
            _ => [lines[0]],
        };
        var data = Path.Combine(_root, "data.csv");
        await File.WriteAllLinesAsync(data, damaged, TestContext.Current.CancellationToken);
        var output = Path.Combine(_root, "model");

        var result = await Run("model", "train", "--kind", "propensity", "--data", data, "--out", output);

        result.Code.ShouldBe(2);
        result.Error.ShouldContain(message);
        Directory.Exists(output).ShouldBeFalse();
    }

    [Theory]
    [InlineData("--kind", "loyalty", "--data", "x.csv", "--kind 'loyalty' is not a model kind")]
    [InlineData("--kind", "propensity", "--uci", "x.csv", "--kind propensity trains from --data")]
    [InlineData("--kind", "early-warning", "--data", "x.csv", "--kind early-warning trains from --uci")]
    public async Task A_wrong_kind_or_input_option_exits_2(string kindOption, string kind, string inputOption, string input, string message)
    {
        var output = Path.Combine(_root, "model");
        var result = await Run("model", "train", kindOption, kind, inputOption, Path.Combine(_root, input), "--out", output);
        result.Code.ShouldBe(2);
        result.Error.ShouldContain(message);
        Directory.Exists(output).ShouldBeFalse();
    }

    [Fact]
    public async Task A_missing_training_file_exits_2_naming_it()
    {
        var result = await Run("model", "train", "--kind", "propensity", "--data", Path.Combine(_root, "absent.csv"), "--out", Path.Combine(_root, "model"));
        result.Code.ShouldBe(2);
        result.Error.ShouldContain("absent.csv: no such file");
    }

    private static string Drop(string line, int index) => string.Join(',', line.Split(',').Where((_, i) => i != index));

    private static string Replace(string line, int index, string value) => string.Join(',', line.Split(',').Select((c, i) => i == index ? value : c));

    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await ParleyCommand.Build().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, TestContext.Current.CancellationToken);
        return (code, output.ToString(), error.ToString());
    }
}
