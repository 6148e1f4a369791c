using System.Text.Json;
using Parley.Modules.Compliance.Engine;
using Parley.Modules.Compliance.Scenarios;
using Shouldly;

namespace Parley.Modules.Compliance.Tests.Scenarios;

/// <summary>The 13 public worked examples: each decision matches, and for refusals the expected rule ids are reported.</summary>
public sealed class PublicScenarioTests
{
    private static readonly string FileText = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Scenarios", "public-scenarios.json"));

    public static TheoryData<string> Ids()
    {
        using var doc = JsonDocument.Parse(FileText);
        var data = new TheoryData<string>();
        foreach (var s in doc.RootElement.GetProperty("scenarios").EnumerateArray())
        {
            data.Add(s.GetProperty("id").GetString()!);
        }

        return data;
    }

    [Fact]
    public void The_file_holds_the_thirteen_public_scenarios() => Ids().Count.ShouldBe(13);

    [Theory]
    [MemberData(nameof(Ids))]
    public void Decision_and_deciding_rules_match_the_worked_example(string id)
    {
        using var doc = JsonDocument.Parse(FileText);
        var expected = doc.RootElement.GetProperty("scenarios").EnumerateArray().Single(s => s.GetProperty("id").GetString() == id).GetProperty("expected");
        var scenario = ScenarioReader.Read(FileText, ComplianceOptions.Default).Single(s => s.Id == id);

        var decision = new ComplianceGate().Evaluate(scenario.Proposal, scenario.Facts);

        ScenarioEvaluation.DecisionName(decision.Verdict).ShouldBe(expected.GetProperty("decision").GetString(), decision.Explanation);
        decision.Allowed.ShouldBe(expected.GetProperty("allowed").GetBoolean());
        foreach (var rule in expected.GetProperty("rule_ids").EnumerateArray())
        {
            decision.DecidingRuleIds.ShouldContain(rule.GetString()!, decision.Explanation);
        }
    }

    [Fact]
    public void Timing_and_frequency_denials_name_the_next_lawful_instant_in_utc()
    {
        var results = ScenarioEvaluation.Evaluate(ScenarioReader.Read(FileText, ComplianceOptions.Default), new ComplianceGate()).ToDictionary(r => r.Id);

        // 07:30 EDT on 9 June: next lawful 08:01 EDT the same morning.
        ScenarioEvaluation.FormatInstant(results["SCN-001"].Decision.NextLawfulAt!.Value).ShouldBe("2026-06-09T12:01:00Z");
        // Seven calls 1–6 June: 8 June local is the first day with room, at 08:01 EDT.
        ScenarioEvaluation.FormatInstant(results["SCN-016"].Decision.NextLawfulAt!.Value).ShouldBe("2026-06-08T12:01:00Z");
        // A cease request cannot be waited out.
        results["SCN-036"].Decision.NextLawfulAt.ShouldBeNull();
    }

    [Fact]
    public void The_output_is_one_json_array_with_the_required_fields()
    {
        var json = ScenarioEvaluation.ToJson(ScenarioEvaluation.Evaluate(ScenarioReader.Read(FileText, ComplianceOptions.Default), new ComplianceGate()));
        using var doc = JsonDocument.Parse(json);

        doc.RootElement.ValueKind.ShouldBe(JsonValueKind.Array);
        doc.RootElement.GetArrayLength().ShouldBe(13);
        foreach (var item in doc.RootElement.EnumerateArray())
        {
            item.EnumerateObject().Select(p => p.Name).ShouldBe(["id", "decision", "allowed", "rule_ids", "next_lawful_at", "explanation"]);
        }
    }
}
