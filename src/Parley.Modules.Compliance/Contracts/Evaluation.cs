using System.Globalization;
using System.Text;
using System.Text.Json;
using NodaTime;
using Parley.SharedKernel;

namespace Parley.Modules.Compliance.Contracts;

/// <summary>Where evaluated decisions are appended.</summary>
public enum DecisionLogging
{
    /// <summary>The database's hash-chained decision log (the API always).</summary>
    Database,

    /// <summary>Nowhere: the operator's dry evaluation of a scenario file.</summary>
    None,

    /// <summary>A chain of JSON lines the caller keeps (<c>parley compliance evaluate --log</c>): it sends the lines it has and appends the new ones.</summary>
    JsonLines,
}

/// <summary>
/// Proposals in the scenario format (an array, <c>{"scenarios": […]}</c> or one scenario) to evaluate against the rule
/// packs. <paramref name="LogLines"/> is the chain so far when <paramref name="Logging"/> is <see cref="DecisionLogging.JsonLines"/>.
/// </summary>
public sealed record EvaluateProposalsRequest(string Scenarios, DecisionLogging Logging = DecisionLogging.Database, IReadOnlyList<string>? LogLines = null);

/// <summary>One scenario's verdict: its id, the decision by its API name (<c>route_to_human</c>), the deciding rules, the next lawful instant and the explanation.</summary>
public sealed record ProposalVerdict(string Id, string Decision, bool Allowed, IReadOnlyList<string> RuleIds, Instant? NextLawfulAt, string Explanation);

/// <summary>The verdicts, the same as the one JSON array the CLI prints, and the log lines to append (JSON-lines logging only).</summary>
public sealed record ProposalVerdicts(IReadOnlyList<ProposalVerdict> Verdicts, string Json, IReadOnlyList<string> NewLogLines);

public sealed record MalformedScenario(string ScenarioId, string Field, string Problem)
    : DomainError("compliance.malformed_scenario", $"Scenario {ScenarioId}, field {Field}: {Problem}", ErrorKind.Validation)
{
    public override IReadOnlyDictionary<string, string[]>? FieldErrors => new Dictionary<string, string[]> { [$"{ScenarioId}.{Field}"] = [Problem] };
}

/// <summary>
/// Checks the decision log's hash chain: the database's (no <paramref name="JsonLines"/>) or a JSON-lines log written
/// by <c>parley compliance evaluate --log</c>.
/// </summary>
public sealed record VerifyDecisionLogRequest(IReadOnlyList<string>? JsonLines = null);

/// <summary>The outcome of verifying a chain: the first broken record (1-based sequence) and why, or the head hash to anchor elsewhere.</summary>
public sealed record LogVerification(bool Valid, long Records, long? FirstBrokenSequence, string? Problem, string HeadHash);

/// <summary>A JSON-lines log that cannot be read as decision records at all (as opposed to one whose chain is broken).</summary>
public sealed record UnreadableDecisionLog(string Problem)
    : DomainError("compliance.unreadable_decision_log", Problem, ErrorKind.Validation);

/// <summary>The verdict array of <c>parley compliance evaluate</c> and <c>explain</c>: <c>[{"id","decision","allowed","rule_ids","next_lawful_at","explanation"}, …]</c>.</summary>
public static class VerdictJson
{
    /// <summary>An instant as the verdicts write it: UTC, whole seconds, e.g. <c>2026-11-10T14:00:00Z</c>.</summary>
    public static string Instant(Instant instant) => instant.InUtc().ToString("uuuu-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Write(IEnumerable<ProposalVerdict> verdicts)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartArray();
            foreach (var v in verdicts)
            {
                json.WriteStartObject();
                json.WriteString("id", v.Id);
                json.WriteString("decision", v.Decision);
                json.WriteBoolean("allowed", v.Allowed);
                json.WriteStartArray("rule_ids");
                foreach (var id in v.RuleIds)
                {
                    json.WriteStringValue(id);
                }

                json.WriteEndArray();
                if (v.NextLawfulAt is { } next)
                {
                    json.WriteString("next_lawful_at", Instant(next));
                }
                else
                {
                    json.WriteNull("next_lawful_at");
                }

                json.WriteString("explanation", v.Explanation);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
