using Parley.Modules.Compliance.Model;

namespace Parley.Modules.Compliance.Engine;

/// <summary>One catalogue rule: its id, citation and stage in the §0 order, and a pure evaluation.</summary>
public interface IRule
{
    /// <summary>The catalogue id, e.g. <c>US-REGF-TIME-8TO9</c>.</summary>
    string Id { get; }

    /// <summary>The legal source, as the catalogue cites it.</summary>
    string Citation { get; }

    /// <summary>The catalogue revision the rule was written against (logged with every decision).</summary>
    string Version { get; }

    RuleStage Stage { get; }

    RuleResult Evaluate(EvaluationContext context);
}

/// <summary>Base for rules: the catalogue revision is shared until a rule changes on its own.</summary>
public abstract class Rule : IRule
{
    public const string CatalogueRevision = "2026-11-23";

    public abstract string Id { get; }

    public abstract string Citation { get; }

    public virtual string Version => CatalogueRevision;

    public abstract RuleStage Stage { get; }

    public abstract RuleResult Evaluate(EvaluationContext context);

    protected static RuleResult NotApplicable(string reason) => RuleResult.NotApplicable(reason);

    protected static RuleResult Pass(string reason) => RuleResult.Pass(reason);

    protected static RuleResult Deny(string reason) => RuleResult.Deny(reason);

    protected static RuleResult Route(string reason) => RuleResult.Route(reason);

    /// <inheritdoc cref="RuleResult.ByFact(bool?, string, string, string, string, RuleOutcome)"/>
    protected static RuleResult ByFact(bool? allows, string pass, string deny, string missingFact, string missingReason, RuleOutcome whenMissing = RuleOutcome.Deny) =>
        RuleResult.ByFact(allows, pass, deny, missingFact, missingReason, whenMissing);

    /// <inheritdoc cref="RuleResult.ByFact(bool?, string, string, RuleResult)"/>
    protected static RuleResult ByFact(bool? allows, string pass, string deny, RuleResult unknown) => RuleResult.ByFact(allows, pass, deny, unknown);
}
