using System.Globalization;
using System.Text;
using System.Text.Json;
using NodaTime;
using Parley.Modules.Compliance.Engine;
using Parley.Modules.Compliance.Model;

namespace Parley.Modules.Compliance.Scenarios;

/// <summary>One scenario's verdict in the output shape of <c>parley compliance evaluate</c>.</summary>
public sealed record ScenarioResult(string Id, ComplianceDecision Decision);

/// <summary>Evaluates scenarios and writes the one-array JSON output.</summary>
public static class ScenarioEvaluation
{
    public static IReadOnlyList<ScenarioResult> Evaluate(IEnumerable<Scenario> scenarios, IRuleGate gate) =>
        [.. scenarios.Select(s => new ScenarioResult(s.Id, gate.Evaluate(s.Proposal, s.Facts)))];

    public static string DecisionName(Verdict verdict) => verdict switch
    {
        Verdict.Allow => "allow",
        Verdict.Deny => "deny",
        Verdict.RouteToHuman => "route_to_human",
        Verdict.DenyAndRequireValidationNotice => "deny_and_require_validation_notice",
    };

    public static string FormatInstant(Instant instant) => instant.InUtc().ToString("uuuu-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Writes <c>[{"id","decision","allowed","rule_ids","next_lawful_at","explanation"}, …]</c>.</summary>
    public static string ToJson(IEnumerable<ScenarioResult> results)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartArray();
            foreach (var r in results)
            {
                json.WriteStartObject();
                json.WriteString("id", r.Id);
                json.WriteString("decision", DecisionName(r.Decision.Verdict));
                json.WriteBoolean("allowed", r.Decision.Allowed);
                json.WriteStartArray("rule_ids");
                foreach (var id in r.Decision.DecidingRuleIds)
                {
                    json.WriteStringValue(id);
                }

                json.WriteEndArray();
                if (r.Decision.NextLawfulAt is { } next)
                {
                    json.WriteString("next_lawful_at", FormatInstant(next));
                }
                else
                {
                    json.WriteNull("next_lawful_at");
                }

                json.WriteString("explanation", r.Decision.Explanation);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
