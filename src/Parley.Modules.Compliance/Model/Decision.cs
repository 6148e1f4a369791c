using NodaTime;

using Parley.Modules.Compliance.Contracts;

namespace Parley.Modules.Compliance.Model;

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

    /// <summary>
    /// The shape most rules share: a stated fact decides (<paramref name="allows"/> true passes, false denies); an
    /// unstated one is the missing fact <paramref name="missingFact"/>, refused (or routed) rather than assumed.
    /// </summary>
    public static RuleResult ByFact(bool? allows, string pass, string deny, string missingFact, string missingReason, RuleOutcome whenMissing = RuleOutcome.Deny) =>
        ByFact(allows, pass, deny, Missing(missingFact, missingReason, whenMissing));

    /// <summary>As above, with the answer for an unstated fact given whole (e.g. not applicable when nothing is known).</summary>
    public static RuleResult ByFact(bool? allows, string pass, string deny, RuleResult unknown) =>
        allows switch
        {
            true => Pass(pass),
            false => Deny(deny),
            null => unknown,
        };

    public bool Failed => Outcome >= RuleOutcome.Deny;
}

/// <summary>A rule as evaluated for one proposal.</summary>
public readonly record struct RuleEvaluation(string RuleId, string Version, RuleStage Stage, RuleResult Result);

/// <summary>
/// The gate's answer: verdict, the rules that decided it, why, every rule evaluated, and when it would be lawful.
/// For a refusal <see cref="DecidingRuleIds"/> names every rule that failed (not only the deciding stage's), in
/// <see cref="Reasons"/> order; for an allow it names the rules that were satisfied.
/// </summary>
public sealed record ComplianceDecision(
    Verdict Verdict,
    IReadOnlyList<string> DecidingRuleIds,
    string Explanation,
    IReadOnlyList<RuleEvaluation> Evaluated,
    Instant? NextLawfulAt,
    IReadOnlyList<string> MissingFacts)
{
    public bool Allowed => Verdict == Verdict.Allow;

    /// <summary>
    /// Every rule that denied, routed or required something, each with its reason: by §0 stage (the deciding stage
    /// first), then in rule-pack order. Empty when allowed.
    /// </summary>
    public IReadOnlyList<RuleEvaluation> Reasons { get; init; } = [];
}
