using System.Text.Json;
using Shouldly;

namespace Parley.Modules.Compliance.Tests.Cli;

/// <summary>
/// <c>parley compliance evaluate</c> over the catalogue scenarios (written from the catalogue's rows and §2 resolutions,
/// each description citing its source) and the public examples: the decision matches, and for refusals the expected
/// deciding rule ids are among those reported (the acceptance criterion); for allows, the expected rules were satisfied.
/// </summary>
public sealed class EvaluateCliTests
{
    private static readonly Lazy<Task<Dictionary<string, JsonElement>>> CatalogueResults = new(() => EvaluateAsync("catalogue-scenarios.json"));
    private static readonly Lazy<Task<Dictionary<string, JsonElement>>> PublicResults = new(() => EvaluateAsync("public-scenarios.json"));

    public static TheoryData<string> CatalogueIds() => Ids("catalogue-scenarios.json");

    public static TheoryData<string> PublicIds() => Ids("public-scenarios.json");

    [Fact]
    public void The_catalogue_file_covers_every_decision_and_an_allow_and_a_refusal_for_many_rules()
    {
        var expected = Scenarios("catalogue-scenarios.json").Select(s => s.GetProperty("expected")).ToList();

        expected.Select(e => e.GetProperty("decision").GetString()).Distinct().ShouldBe(["allow", "deny", "route_to_human", "deny_and_require_validation_notice"], ignoreOrder: true);
        var refused = expected.Where(e => !e.GetProperty("allowed").GetBoolean()).SelectMany(e => e.GetProperty("rule_ids").EnumerateArray().Select(r => r.GetString())).ToHashSet();
        refused.Count.ShouldBeGreaterThanOrEqualTo(60);
    }

    [Theory]
    [MemberData(nameof(CatalogueIds))]
    public async Task Catalogue_scenario_matches_through_the_cli(string id) => Check(Expected("catalogue-scenarios.json", id), (await CatalogueResults.Value)[id]);

    [Theory]
    [MemberData(nameof(PublicIds))]
    public async Task Public_scenario_matches_through_the_cli(string id) => Check(Expected("public-scenarios.json", id), (await PublicResults.Value)[id]);

    private static void Check(JsonElement expected, JsonElement actual)
    {
        var explanation = actual.GetProperty("explanation").GetString();
        actual.GetProperty("decision").GetString().ShouldBe(expected.GetProperty("decision").GetString(), explanation);
        actual.GetProperty("allowed").GetBoolean().ShouldBe(expected.GetProperty("allowed").GetBoolean());
        var reported = actual.GetProperty("rule_ids").EnumerateArray().Select(r => r.GetString()).ToList();
        foreach (var rule in expected.GetProperty("rule_ids").EnumerateArray())
        {
            reported.ShouldContain(rule.GetString(), explanation);
        }
    }

    private static async Task<Dictionary<string, JsonElement>> EvaluateAsync(string file)
    {
        var run = await ParleyCli.RunAsync("compliance", "evaluate", Path.Combine(AppContext.BaseDirectory, "Scenarios", file));
        run.ExitCode.ShouldBe(0, run.Error);
        using var doc = JsonDocument.Parse(run.Out);
        return doc.RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!, r => r.Clone());
    }

    private static List<JsonElement> Scenarios(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Scenarios", file)));
        return [.. doc.RootElement.GetProperty("scenarios").EnumerateArray().Select(s => s.Clone())];
    }

    private static JsonElement Expected(string file, string id) => Scenarios(file).Single(s => s.GetProperty("id").GetString() == id).GetProperty("expected");

    private static TheoryData<string> Ids(string file)
    {
        var data = new TheoryData<string>();
        foreach (var s in Scenarios(file))
        {
            data.Add(s.GetProperty("id").GetString()!);
        }

        return data;
    }
}
