using System.Text.Json;
using Shouldly;

namespace Parley.Modules.Compliance.Tests.Cli;

/// <summary>
/// The "Bad input" through <c>parley compliance evaluate</c>: malformed input exits 2 naming the scenario and
/// the field; a missing fact is never a silent allow but a refusal or a route that names the fact.
/// </summary>
public sealed class BadInputCliTests
{
    [Theory]
    [InlineData("""{"consumer":{"time_zones":["America/Atlantis"]}}""", "consumer.time_zones[0]", "unknown time zone id 'America/Atlantis'")]
    [InlineData("""{"proposed_action":{"channel":"fax"}}""", "proposed_action.channel", "unknown channel 'fax'")]
    [InlineData("""{"contact_history":[{"channel":"call","at":"2026-06-05T10:00:00-04:00"},{"channel":"call","at":"2026-06-04T10:00:00-04:00"}]}""", "contact_history[1].at", "out of order")]
    [InlineData("""{"proposed_action":{"at":"2026-06-31T12:00:00Z"}}""", "proposed_action.at", "not a valid instant")]
    [InlineData("""{"proposed_action":{"at":null}}""", "proposed_action.at", "missing instant")]
    [InlineData("""{"expected":{"rule_ids":["US-REGF-TIME-9TO5"]}}""", "expected.rule_ids[0]", "unknown rule id")]
    public async Task Malformed_input_exits_2_naming_the_scenario_and_field(string patch, string field, string problem)
    {
        var run = await EvaluateAsync(ScenarioBuilder.UsBase, patch);

        run.ExitCode.ShouldBe(2, run.Out);
        run.Out.ShouldBeEmpty();
        run.Error.ShouldContain($"T: {field}");
        run.Error.ShouldContain(problem);
    }

    [Theory]
    [InlineData("""{"proposed_action":{"content":{"includes_mini_miranda":null}}}""", "deny", "US-REGF-MINIMIRANDA", "content.includes_mini_miranda")]
    [InlineData("""{"proposed_action":{"channel":"sms","to":null}}""", "deny", "US-REGF-SMS-PROCEDURES", "proposed_action.to")]
    [InlineData("""{"proposed_action":{"channel":"letter","to":"postal:1500 Market St","content":{"threatens_suit":true}}}""", "route_to_human", "US-REGF-TIMEBARRED", "consumer.flags.time_barred")]
    public async Task A_missing_fact_is_refused_or_routed_naming_the_fact(string patch, string decision, string rule, string fact)
    {
        var run = await EvaluateAsync(ScenarioBuilder.UsBase, patch);

        run.ExitCode.ShouldBe(0, run.Error);
        using var doc = JsonDocument.Parse(run.Out);
        var result = doc.RootElement[0];
        result.GetProperty("decision").GetString().ShouldBe(decision, run.Out);
        result.GetProperty("rule_ids").EnumerateArray().Select(r => r.GetString()).ShouldContain(rule);
        result.GetProperty("explanation").GetString()!.ShouldContain($"Missing fact(s): {fact}");
    }

    [Fact]
    public async Task A_missing_file_exits_2()
    {
        var run = await ParleyCli.RunAsync("compliance", "evaluate", Path.Combine(AppContext.BaseDirectory, "Scenarios", "no-such-file.json"));

        run.ExitCode.ShouldBe(2);
        run.Error.ShouldContain("no such file");
    }

    private static async Task<CliRun> EvaluateAsync(string baseJson, string patch)
    {
        var folder = Directory.CreateTempSubdirectory("parley-bad-input-");
        try
        {
            var file = Path.Combine(folder.FullName, "scenarios.json");
            await File.WriteAllTextAsync(file, ScenarioBuilder.File(baseJson, patch), TestContext.Current.CancellationToken);
            return await ParleyCli.RunAsync("compliance", "evaluate", file);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
