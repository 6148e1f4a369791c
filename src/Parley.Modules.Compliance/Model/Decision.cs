using NodaTime;

namespace Parley.Modules.Compliance.Model;

/// <summary>The gate's verdict on a proposal.</summary>
public enum Verdict
{
    Allow,
    Deny,
    RouteToHuman,
    DenyAndRequireValidationNotice,
}

/// <summary>What one rule concluded. Ordered by severity after <see cref="Pass"/>.</summary>
public enum RuleOutcome
{
    NotApplicable,
    Pass,
    Deny,
    DenyAndRequireValidationNotice,
    Route,
}

/// <summary>The §0 evaluation order: the first stage with a failing rule decides.</summary>
public enum RuleStage
{
    HardStop = 1,
    ChannelEligibility = 2,
    Content = 3,
    TimeAndPlace = 4,
    Frequency = 5,
    Record = 6,
}

/// <summary>One rule's result: outcome, a plain-language reason, the fact that was missing (if that decided it) and, for timing and frequency denials, the earliest instant this rule alone would allow.</summary>
public readonly record struct RuleResult(RuleOutcome Outcome, string Reason, string? MissingFact = null, Instant? EarliestLawful = null)
{
    public static RuleResult NotApplicable(string reason) => new(RuleOutcome.NotApplicable, reason);

    public static RuleResult Pass(string reason) => new(RuleOutcome.Pass, reason);

    public static RuleResult Deny(string reason, Instant? earliestLawful = null) => new(RuleOutcome.Deny, reason, null, earliestLawful);

    public static RuleResult Route(string reason) => new(RuleOutcome.Route, reason);

    public static RuleResult Missing(string fact, string reason, RuleOutcome outcome = RuleOutcome.Deny) => new(outcome, reason, fact);

    public bool Failed => Outcome >= RuleOutcome.Deny;
}

/// <summary>A rule as evaluated for one proposal.</summary>
public readonly record struct RuleEvaluation(string RuleId, string Version, RuleStage Stage, RuleResult Result);

/// <summary>The gate's answer: verdict, the rules that decided it, why, every rule evaluated, and when it would be lawful.</summary>
public sealed record ComplianceDecision(
    Verdict Verdict,
    IReadOnlyList<string> DecidingRuleIds,
    string Explanation,
    IReadOnlyList<RuleEvaluation> Evaluated,
    Instant? NextLawfulAt,
    IReadOnlyList<string> MissingFacts)
{
    public bool Allowed => Verdict == Verdict.Allow;
}
