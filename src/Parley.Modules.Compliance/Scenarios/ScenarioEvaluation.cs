using NodaTime;
using Parley.Modules.Compliance.Engine;
using Parley.Modules.Compliance.Contracts;
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

    public static string FormatInstant(Instant instant) => VerdictJson.Instant(instant);

    /// <summary>The result in the contract's words.</summary>
    public static ProposalVerdict ToVerdict(ScenarioResult r) =>
        new(r.Id, DecisionName(r.Decision.Verdict), r.Decision.Allowed, r.Decision.DecidingRuleIds, r.Decision.NextLawfulAt, r.Decision.Explanation);

    /// <summary>Writes <c>[{"id","decision","allowed","rule_ids","next_lawful_at","explanation"}, …]</c>.</summary>
    public static string ToJson(IEnumerable<ScenarioResult> results) => VerdictJson.Write(results.Select(ToVerdict));
}
