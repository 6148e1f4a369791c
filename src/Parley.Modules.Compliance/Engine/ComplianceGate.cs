using System.Text;
using NodaTime;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Compliance.Model;

namespace Parley.Modules.Compliance.Engine;

/// <summary>Every outbound contact and collection action passes here, at planning time and again at send time (other modules use Contracts.IComplianceGate).</summary>
public interface IRuleGate
{
    ComplianceDecision Evaluate(Proposal proposal, ComplianceFacts facts);
}

/// <summary>The verdict without the allocations of a full decision (the hot path and the rescheduler use it).</summary>
public readonly record struct VerdictSummary(Verdict Verdict, RuleStage? DecidingStage, int Evaluated, Instant? EarliestLawful, bool Reschedulable);

/// <summary>
/// Combines rule results as catalogue §0 says: every applicable rule is evaluated and recorded; the first stage
/// (hard stops, channel, content, time and place, frequency) with a failing rule decides; within it the most
/// severe outcome wins (route to a human, then deny requiring a validation notice, then deny). Nothing stops
/// early: a refusal names every rule that failed, whatever its stage (<see cref="ComplianceDecision.Reasons"/>).
/// </summary>
public sealed class ComplianceGate(ComplianceOptions options) : IRuleGate
{
    private const int MaxRescheduleRounds = 48;

    /// <summary>The explanation of an allowed decision evaluated without prose.</summary>
    public const string AllowedUnexplained = "Allowed: every applicable rule is satisfied.";

    public ComplianceGate()
        : this(ComplianceOptions.Default)
    {
    }

    public ComplianceOptions Options { get; } = options;

    public ComplianceDecision Evaluate(Proposal proposal, ComplianceFacts facts) => Evaluate(proposal, facts, explainAllowed: true);

    /// <summary>
    /// As <see cref="Evaluate(Proposal, ComplianceFacts)"/>; without <paramref name="explainAllowed"/> an allowed
    /// decision's explanation is one fixed sentence (a planner logs the decision, not its prose), while a refusal is
    /// always explained in full.
    /// </summary>
    public ComplianceDecision Evaluate(Proposal proposal, ComplianceFacts facts, bool explainAllowed)
    {
        var headers = RulePacks.HeadersFor(facts.Jurisdiction.Region);
        var results = new RuleResult[headers.Length];
        var summary = EvaluateInto(proposal, facts, results);
        var next = summary.Reschedulable ? NextLawful(proposal, facts, summary) : null;
        var evaluated = new RuleEvaluation[headers.Length];
        for (var i = 0; i < evaluated.Length; i++)
        {
            evaluated[i] = new RuleEvaluation(headers[i].Id, headers[i].Version, headers[i].Stage, results[i]);
        }

        return Describe(summary, evaluated, next, explainAllowed);
    }

    /// <summary>
    /// Evaluates every rule of the jurisdiction's packs into <paramref name="results"/>, index for index with
    /// <see cref="RulePacks.For"/> (results only: the rules' ids and versions are fixed per region, so the hot path does not copy them).
    /// </summary>
    public VerdictSummary EvaluateInto(Proposal proposal, ComplianceFacts facts, Span<RuleResult> results)
    {
        var rules = RulePacks.RulesFor(facts.Jurisdiction.Region);
        var headers = RulePacks.HeadersFor(facts.Jurisdiction.Region);
        var context = new EvaluationContext(proposal, facts, Options);
        RuleStage? decidingStage = null;
        var worst = RuleOutcome.Pass;
        var reschedulable = true;
        Instant? earliest = null;
        for (var i = 0; i < rules.Length; i++)
        {
            var result = rules[i].Evaluate(context);
            results[i] = result;
            if (!result.Failed)
            {
                continue;
            }

            var header = headers[i];
            if (decidingStage is null || header.Stage < decidingStage)
            {
                decidingStage = header.Stage;
                worst = result.Outcome;
            }
            else if (header.Stage == decidingStage && result.Outcome > worst)
            {
                worst = result.Outcome;
            }

            if (result.EarliestLawful is { } e && result.Outcome == RuleOutcome.Deny)
            {
                earliest = earliest is null || e > earliest ? e : earliest;
            }
            else
            {
                reschedulable = false;
            }
        }

        var verdict = decidingStage is null
            ? Verdict.Allow
            : worst switch
            {
                RuleOutcome.Route => Verdict.RouteToHuman,
                RuleOutcome.DenyAndRequireValidationNotice => Verdict.DenyAndRequireValidationNotice,
                _ => Verdict.Deny,
            };
        return new VerdictSummary(verdict, decidingStage, rules.Length, earliest, verdict != Verdict.Allow && reschedulable && earliest is not null);
    }

    /// <summary>
    /// The first instant at which every timing and frequency rule allows the proposal: start from the latest
    /// instant any failing rule names, re-evaluate, and repeat until allowed (or nothing moves).
    /// </summary>
    public Instant? NextLawful(Proposal proposal, ComplianceFacts facts, VerdictSummary summary)
    {
        var rules = RulePacks.For(facts.Jurisdiction.Region);
        Span<RuleResult> scratch = new RuleResult[rules.Length];
        var current = summary;
        var at = proposal.At;
        for (var round = 0; round < MaxRescheduleRounds && current.Reschedulable; round++)
        {
            var candidate = current.EarliestLawful!.Value;
            if (candidate <= at)
            {
                return null;
            }

            at = candidate;
            current = EvaluateInto(proposal with { At = at }, facts, scratch);
            if (current.Verdict == Verdict.Allow)
            {
                return at;
            }
        }

        return null;
    }

    private static ComplianceDecision Describe(VerdictSummary summary, RuleEvaluation[] evaluated, Instant? next, bool explainAllowed)
    {
        if (summary.Verdict == Verdict.Allow && !explainAllowed)
        {
            var passed = new List<string>(evaluated.Length);
            foreach (var e in evaluated)
            {
                if (e.Result.Outcome == RuleOutcome.Pass)
                {
                    passed.Add(e.RuleId);
                }
            }

            return new ComplianceDecision(summary.Verdict, passed, AllowedUnexplained, evaluated, next, []);
        }

        var explanation = new StringBuilder();
        if (summary.Verdict == Verdict.Allow)
        {
            var satisfied = new List<string>();
            foreach (var e in evaluated)
            {
                if (e.Result.Outcome == RuleOutcome.Pass)
                {
                    satisfied.Add(e.RuleId);
                }
            }

            explanation.Append("Allowed: every applicable rule is satisfied");
            AppendReasons(explanation, evaluated.Where(e => e.Result.Outcome == RuleOutcome.Pass && e.Stage is not RuleStage.Record).Take(6));
            return new ComplianceDecision(summary.Verdict, satisfied, explanation.ToString(), evaluated, next, []);
        }

        var reasons = Reasons(evaluated);
        var deciding = new string[reasons.Length];
        var missing = new List<string>();
        for (var i = 0; i < reasons.Length; i++)
        {
            deciding[i] = reasons[i].RuleId;
            if (reasons[i].Result.MissingFact is { } fact && !missing.Contains(fact))
            {
                missing.Add(fact);
            }
        }

        explanation.Append(summary.Verdict switch
        {
            Verdict.RouteToHuman => "Route to a person",
            Verdict.DenyAndRequireValidationNotice => "Denied until the validation notice is sent",
            _ => "Denied",
        });
        AppendReasons(explanation, reasons);
        if (missing.Count > 0)
        {
            explanation.Append(" Missing fact(s): ").Append(string.Join(", ", missing)).Append('.');
        }

        if (next is { } n)
        {
            explanation.Append(" Next lawful: ").Append(n.ToString()).Append('.');
        }

        return new ComplianceDecision(summary.Verdict, deciding, explanation.ToString(), evaluated, next, missing) { Reasons = reasons };
    }

    /// <summary>
    /// Every failing rule, not only the deciding stage's: an agent and the customer are owed the whole answer. Ordered
    /// by §0 stage (the deciding stage is the earliest failing one, so it comes first), then in rule-pack order.
    /// </summary>
    internal static RuleEvaluation[] Reasons(RuleEvaluation[] evaluated) =>
        [.. evaluated.Where(e => e.Result.Failed).OrderBy(e => e.Stage)];

    private static void AppendReasons(StringBuilder text, IEnumerable<RuleEvaluation> reasons)
    {
        var shown = 0;
        foreach (var e in reasons)
        {
            text.Append(shown == 0 ? ": " : " ").Append(e.Result.Reason.TrimEnd('.')).Append(" (").Append(e.RuleId).Append(").");
            shown++;
        }

        if (shown == 0)
        {
            text.Append('.');
        }
    }
}
