using System.CommandLine;
using System.Text.Json;
using Shouldly;

namespace Parley.Cli.Tests;

public sealed class AuditCommandTests : IDisposable
{
    private static readonly string Sample = Path.Combine(AppContext.BaseDirectory, "Data", "uci-sample.csv");

    private readonly string _root = Directory.CreateTempSubdirectory("parley-audit-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Audits_a_trained_model_into_the_out_directory_or_else_beside_the_model()
    {
        var model = Path.Combine(_root, "model");
        var report = Path.Combine(_root, "report");
        (await Run("model", "train", "--uci", Sample, "--out", model)).Code.ShouldBe(0);

        var (code, output, error) = await Run("audit", "fairness", "--model", model, "--uci", Sample, "--out", report);

        code.ShouldBe(0, error);
        output.ShouldContain("sex / flagged high risk");
        output.ShouldContain("age band / offered hardship support");
        output.ShouldContain("marital status / calibration");
        using (var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(report, "fairness.json"))))
        {
            json.RootElement.EnumerateObject().First().Name.ShouldBe("overall");
            json.RootElement.GetProperty("rows").GetInt32().ShouldBe(400);
            json.RootElement.GetProperty("predictions").GetString().ShouldNotBeNull().ShouldContain("in-sample");
            json.RootElement.GetProperty("attributes").EnumerateArray().Select(a => a.GetProperty("attribute").GetString())
                .ShouldBe(["sex", "age band", "education", "marital status"]);
        }

        File.ReadAllText(Path.Combine(report, "fairness.md")).ShouldContain("| sex | flagged high risk |");
        Directory.GetFiles(report).Select(Path.GetFileName).Order().ShouldBe(["fairness.json", "fairness.md"]);

        (await Run("audit", "fairness", "--model", model, "--uci", Sample)).Code.ShouldBe(0);
        File.Exists(Path.Combine(model, "fairness.md")).ShouldBeTrue();
        File.Exists(Path.Combine(model, "fairness.json")).ShouldBeTrue();
    }

    [Fact]
    public async Task A_missing_model_directory_exits_2_naming_it_and_writes_nothing()
    {
        var report = Path.Combine(_root, "report");

        var (code, _, error) = await Run("audit", "fairness", "--model", Path.Combine(_root, "model"), "--uci", Sample, "--out", report);

        code.ShouldBe(2);
        error.ShouldContain("not a model directory");
        Directory.Exists(report).ShouldBeFalse();
    }

    [Fact]
    public async Task A_bad_column_or_a_missing_file_exits_2_with_the_field_named_and_writes_nothing()
    {
        var model = Path.Combine(_root, "model");
        (await Run("model", "train", "--uci", Sample, "--out", model)).Code.ShouldBe(0);
        var renamed = Path.Combine(_root, "renamed.csv");
        File.WriteAllLines(renamed, File.ReadAllLines(Sample).Select((line, i) => i == 0 ? line.Replace("SEX", "GENDER", StringComparison.Ordinal) : line));
        var nonNumeric = Path.Combine(_root, "non-numeric.csv");
        File.WriteAllLines(nonNumeric, File.ReadAllLines(Sample).Select((line, i) => i == 3 ? line.Replace(",2,2,1,", ",female,2,1,", StringComparison.Ordinal) : line));

        var badColumn = await Run("audit", "fairness", "--model", model, "--uci", renamed);
        var badCell = await Run("audit", "fairness", "--model", model, "--uci", nonNumeric);
        var missing = await Run("audit", "fairness", "--model", model, "--uci", Path.Combine(_root, "no-such.csv"));

        badColumn.Code.ShouldBe(2);
        badColumn.Error.ShouldContain("unexpected column 'GENDER'");
        badCell.Code.ShouldBe(2);
        badCell.Error.ShouldContain("row 4, field SEX");
        missing.Code.ShouldBe(2);
        missing.Error.ShouldContain("no-such.csv: no such file");
        Directory.GetFiles(model).Select(Path.GetFileName).ShouldNotContain(f => f!.StartsWith("fairness", StringComparison.Ordinal));
    }

    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await ParleyCommand.Build().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, TestContext.Current.CancellationToken);
        return (code, output.ToString(), error.ToString());
    }
}
