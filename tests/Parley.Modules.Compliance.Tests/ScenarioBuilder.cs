using System.Text.Json.Nodes;
using Parley.Modules.Compliance.Engine;
using Parley.Modules.Compliance.Model;
using Parley.Modules.Compliance.Scenarios;
using Shouldly;

namespace Parley.Modules.Compliance.Tests;

/// <summary>
/// Builds scenarios in the evaluate format from a plain base (a Philadelphia consumer called at noon local; a
/// Manchester customer; an EU debtor) plus a JSON merge patch (RFC 7386), and runs them through the reader and gate.
/// </summary>
internal static class ScenarioBuilder
{
    public const string UsBase = """
        {
          "id": "T", "jurisdiction": "US-PA",
          "collector": { "type": "third_party_debt_collector", "fdcpa_debt_collector": true },
          "consumer": {
            "state": "PA", "time_zones": ["America/New_York"],
            "location_evidence": [ { "source": "mailing_address", "value": "1500 Market St, Philadelphia, PA 19102", "time_zone": "America/New_York" } ],
            "flags": {},
            "electronic_channel_basis": { "sms:+12155550100": "1006.6(d)(5): consumer texted from this number", "email:pat@example.com": "1006.6(d)(4)(i)(A): consumer used the address" }
          },
          "debts": [ { "debt_id": "D1", "type": "credit_card", "owner": "Example Bank" } ],
          "contact_history": [],
          "proposed_action": { "channel": "call", "at": "2026-06-10T16:00:00Z", "to": "mobile:+12155550100", "debt_id": "D1",
            "content": { "includes_mini_miranda": true, "includes_optout_notice": true } }
        }
        """;

    public const string UkBase = """
        {
          "id": "T", "jurisdiction": "UK",
          "collector": { "type": "fca_authorised_debt_collector", "fca_permission": "debt collecting", "fdcpa_debt_collector": false },
          "consumer": { "postcode": "M1 1AE", "time_zones": ["Europe/London"], "flags": {} },
          "debts": [ { "debt_id": "D1", "type": "credit_card", "owner": "Example Bank" } ],
          "contact_history": [],
          "proposed_action": { "channel": "call", "at": "2026-06-10T10:00:00Z", "to": "mobile:+447700900100", "debt_id": "D1", "content": {} }
        }
        """;

    public const string EuBase = """
        {
          "id": "T", "jurisdiction": "EU",
          "collector": { "type": "eu_collection_agency" },
          "consumer": { "time_zones": ["Europe/Berlin"], "flags": {} },
          "debts": [ { "debt_id": "D1", "type": "credit_card", "owner": "Example Bank" } ],
          "contact_history": [],
          "proposed_action": { "channel": "action", "at": "2026-09-10T10:00:00Z", "debt_id": "D1", "content": { "action_type": "automated_litigation_referral" } }
        }
        """;

    public static Scenario Build(string baseJson, string patch) => ScenarioReader.Read(File(baseJson, patch), ComplianceOptions.Default)[0];

    /// <summary>A scenario file holding the patched base as its one scenario.</summary>
    public static string File(string baseJson, string patch)
    {
        var node = Merge(JsonNode.Parse(baseJson)!, JsonNode.Parse(patch));
        return new JsonObject { ["scenarios"] = new JsonArray(node) }.ToJsonString();
    }

    public static ComplianceDecision Evaluate(string baseJson, string patch, ComplianceOptions? options = null)
    {
        var scenario = Build(baseJson, patch);
        return new ComplianceGate(options ?? ComplianceOptions.Default).Evaluate(scenario.Proposal, scenario.Facts);
    }

    public static ComplianceDecision Us(string patch, ComplianceOptions? options = null) => Evaluate(UsBase, patch, options);

    public static ComplianceDecision Uk(string patch, ComplianceOptions? options = null) => Evaluate(UkBase, patch, options);

    public static ComplianceDecision Eu(string patch, ComplianceOptions? options = null) => Evaluate(EuBase, patch, options);

    /// <summary>Asserts the verdict and, for a refusal, that <paramref name="ruleId"/> is among the deciding rules; for an allow, that it did not fail.</summary>
    public static void ShouldDecide(this ComplianceDecision decision, string expected, string ruleId)
    {
        ScenarioEvaluation.DecisionName(decision.Verdict).ShouldBe(expected, decision.Explanation);
        if (expected == "allow")
        {
            decision.Evaluated.Single(e => e.RuleId == ruleId).Result.Failed.ShouldBeFalse(decision.Explanation);
        }
        else
        {
            decision.DecidingRuleIds.ShouldContain(ruleId, decision.Explanation);
        }
    }

    /// <summary>Asserts that the rule itself failed (whatever an earlier stage decided).</summary>
    public static void ShouldFail(this ComplianceDecision decision, string ruleId) =>
        decision.Evaluated.Single(e => e.RuleId == ruleId).Result.Failed.ShouldBeTrue(decision.Explanation);

    /// <summary>Asserts the rule was evaluated and did not fail.</summary>
    public static void ShouldNotFail(this ComplianceDecision decision, string ruleId) =>
        decision.Evaluated.Single(e => e.RuleId == ruleId).Result.Failed.ShouldBeFalse(decision.Explanation);

    private static JsonNode? Merge(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target as JsonObject ?? new JsonObject();
        foreach (var (key, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(key);
            }
            else
            {
                var existing = result[key];
                result.Remove(key);
                result[key] = Merge(existing?.DeepClone(), value);
            }
        }

        return result;
    }
}
