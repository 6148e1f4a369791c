using Parley.Modules.Compliance.Engine;
using Parley.Modules.Compliance.Model;

namespace Parley.Modules.Compliance.Rules;

internal static class AutomatedDecisions
{
    /// <summary>Decisions with legal or similarly significant effect.</summary>
    public static bool Significant(CollectionAction action) =>
        action is CollectionAction.AutomatedLitigationReferral or CollectionAction.AutomatedDefaultAndDebtSale or CollectionAction.RejectRepaymentProposal
            or CollectionAction.IssueCourtClaim;

    /// <summary>Taken with no meaningful human involvement.</summary>
    public static bool Solely(ContentFacts content) =>
        content.SolelyAutomated == true || (content.HumanReview != true && (content.Automated == true || content.AutomatedBatch == true));

    public static bool HumanInterventionRequested(EvaluationContext c) =>
        c.Facts.DataSubjectRequests.Any(r => r.Type.Contains("art22", StringComparison.OrdinalIgnoreCase) || r.Type.Contains("human", StringComparison.OrdinalIgnoreCase));

    public static bool Requested(EvaluationContext c, params string[] markers) =>
        c.Facts.DataSubjectRequests.Any(r => markers.Any(m => r.Type.Contains(m, StringComparison.OrdinalIgnoreCase)));
}

/// <summary>EU GDPR: no solely automated significant decision without a basis and the Art 22(3) safeguards; a person on request.</summary>
public sealed class EuGdprArticle22 : Rule
{
    public override string Id => "EU-GDPR-ART22";

    public override string Citation => "GDPR Art. 22, 13(2)(f), 14(2)(g), 15(1)(h)";

    public override RuleStage Stage => RuleStage.Content;

    public override RuleResult Evaluate(EvaluationContext c)
    {
        var region = c.Facts.Jurisdiction;
        var before22A = region.IsUk && c.ConsumerDate < c.Options.UkArticle22ACommencement;
        if (!(region.IsEu || before22A) || !AutomatedDecisions.Significant(c.Proposal.Action))
        {
            return NotApplicable("No significant automated decision under Art. 22.");
        }

        if (AutomatedDecisions.HumanInterventionRequested(c))
        {
            return Route("The data subject asked for human intervention.");
        }

        if (!AutomatedDecisions.Solely(c.Content))
        {
            return Pass("A person takes the decision.");
        }

        return ByFact(
            c.Content.Safeguards?.All,
            "Solely automated with the Art. 22(3) safeguards (information, view, human intervention, contest).",
            "A solely automated decision with significant effect without the Art. 22 basis and safeguards; a person must decide.",
            "content.safeguards",
            "A solely automated decision with significant effect, and whether the Art. 22 safeguards are in place is not known; a person must decide.");
    }
}

/// <summary>UK GDPR Arts 22A–D (from 5 Feb 2026): significant automated decisions need the safeguards; a person on request.</summary>
public sealed class UkGdprArticle22AToD : Rule
{
    public override string Id => "UK-GDPR-ART22A-D";

    public override string Citation => "UK GDPR Arts 22A–22D (Data (Use and Access) Act 2025 s.80; SI 2026/82)";

    public override RuleStage Stage => RuleStage.Content;

    public override RuleResult Evaluate(EvaluationContext c)
    {
        if (!c.Facts.Jurisdiction.IsUk || c.ConsumerDate < c.Options.UkArticle22ACommencement || !AutomatedDecisions.Significant(c.Proposal.Action))
        {
            return NotApplicable("No significant automated decision under Arts 22A–D.");
        }

        if (AutomatedDecisions.HumanInterventionRequested(c))
        {
            return Route("The data subject asked for human intervention.");
        }

        if (!AutomatedDecisions.Solely(c.Content))
        {
            return Pass("Meaningful human involvement.");
        }

        if (c.Facts.VulnerabilityDrivers.Contains("health"))
        {
            return Route("The decision would rest on special-category (health) data: a person decides.");
        }

        return ByFact(
            c.Content.Safeguards?.All,
            "Automated, with the Art. 22C safeguards.",
            "A significant decision with no meaningful human involvement lacks the safeguards (inform, representations, human intervention, contest).",
            "content.safeguards",
            "A significant decision with no meaningful human involvement, and whether the safeguards (inform, representations, human intervention, contest) are in place is not known.");
    }
}

/// <summary>Access requests: a copy of the data within 1 month (extendable by 2).</summary>
public sealed class GdprArticle15 : Rule
{
    public override string Id => "EU-GDPR-ART15";

    public override string Citation => "GDPR Art. 15, 12(3)";

    public override RuleStage Stage => RuleStage.Record;

    public override RuleResult Evaluate(EvaluationContext c) =>
        (c.Facts.Jurisdiction.IsEu || c.Facts.Jurisdiction.IsUk) && AutomatedDecisions.Requested(c, "art15", "access")
            ? Pass("An access request is open: answer within 1 month.")
            : NotApplicable("No access request.");
}

/// <summary>Erasure requests: erase unless kept for legal claims or a legal obligation (e.g. Reg F retention); otherwise restrict.</summary>
public sealed class GdprArticle17 : Rule
{
    public override string Id => "EU-GDPR-ART17";

    public override string Citation => "GDPR Art. 17";

    public override RuleStage Stage => RuleStage.Record;

    public override RuleResult Evaluate(EvaluationContext c) =>
        (c.Facts.Jurisdiction.IsEu || c.Facts.Jurisdiction.IsUk) && AutomatedDecisions.Requested(c, "art17", "erasure")
            ? Pass("An erasure request is open: collections data kept only for legal claims or obligations (Art. 17(3)(b), (e)).")
            : NotApplicable("No erasure request.");
}

/// <summary>An objection to legitimate-interest processing (e.g. profiling for prioritisation) stops it unless grounds are compelling.</summary>
public sealed class GdprArticle21 : Rule
{
    public override string Id => "EU-GDPR-ART21";

    public override string Citation => "GDPR Art. 21";

    public override RuleStage Stage => RuleStage.Content;

    public override RuleResult Evaluate(EvaluationContext c)
    {
        if (!(c.Facts.Jurisdiction.IsEu || c.Facts.Jurisdiction.IsUk) || !AutomatedDecisions.Requested(c, "art21", "objection"))
        {
            return NotApplicable("No objection.");
        }

        var profiling = c.Content.Model is not null || c.Content.AutomatedBatch == true || c.Proposal.Action == CollectionAction.DeployModel;
        return profiling
            ? Route("The data subject objected to profiling: stop unless a person finds compelling grounds.")
            : Pass("The objection does not cover this processing.");
    }
}

/// <summary>California: requests to know, delete or correct answered within 45 days (+45 with notice).</summary>
public sealed class CcpaAccessDelete : Rule
{
    public override string Id => "US-CCPA-ACCESS-DELETE";

    public override string Citation => "Cal. Civ. Code 1798.100, .105, .106, .110, .130(a)(2), .145(e)";

    public override RuleStage Stage => RuleStage.Record;

    public override RuleResult Evaluate(EvaluationContext c) =>
        c.Facts.InUsState("CA") && AutomatedDecisions.Requested(c, "ccpa", "delete", "access", "correct")
            ? Pass("A CCPA request is open: respond within 45 days.")
            : NotApplicable("No CCPA request.");
}

/// <summary>ECOA/Reg B covers collection procedures: no prohibited basis in strategies or models.</summary>
public sealed class EcoaRegBCollections : Rule
{
    public override string Id => "US-ECOA-REGB-COLLECTIONS";

    public override string Citation => "15 U.S.C. 1691; 12 CFR 1002.2(m), 1002.4(a)";

    public override RuleStage Stage => RuleStage.Content;

    public override RuleResult Evaluate(EvaluationContext c)
    {
        if (!c.Facts.Jurisdiction.IsUs || (c.Proposal.Action != CollectionAction.DeployModel && c.Content.UsesProhibitedBases.Count == 0))
        {
            return NotApplicable("No strategy or model in question.");
        }

        return c.Content.UsesProhibitedBases.Count > 0
            ? Deny($"The strategy uses a prohibited basis ({string.Join(", ", c.Content.UsesProhibitedBases)}).")
            : Pass("No prohibited basis is used.");
    }
}

/// <summary>Screening: an adverse-impact ratio below 0.80 sends the model to fair-lending review before deployment.</summary>
public sealed class FairnessFourFifths : Rule
{
    public override string Id => "US-FAIRNESS-4-5THS";

    public override string Citation => "29 CFR 1607.4(D) (EEOC Uniform Guidelines; a heuristic, not an ECOA safe harbour)";

    public override RuleStage Stage => RuleStage.Content;

    public override RuleResult Evaluate(EvaluationContext c)
    {
        if (!c.Facts.Jurisdiction.IsUs || c.Proposal.Action != CollectionAction.DeployModel)
        {
            return NotApplicable("Not a model deployment.");
        }

        var ratio = c.Content.ImpactRatio;
        if (ratio is null && c.Content.AdverseOutcomeRateProtected is { } protectedRate && c.Content.AdverseOutcomeRateReference is { } reference && reference < 1m)
        {
            // Favourable-outcome framing: selection rate = 1 − adverse rate.
            ratio = (1m - protectedRate) / (1m - reference);
        }

        if (ratio is not { } r)
        {
            return RuleResult.Missing("content.impact_ratio", "The model's adverse-impact ratio has not been measured.", RuleOutcome.Route);
        }

        return r < c.Options.AdverseImpactRatioThreshold
            ? Route($"Adverse-impact ratio {r:0.###} for {c.Content.ProtectedBasis ?? "a protected group"} is below {c.Options.AdverseImpactRatioThreshold:0.##}: fair-lending review first.")
            : Pass($"Adverse-impact ratio {r:0.###} meets the four-fifths screen.");
    }
}

/// <summary>EU AI Act: creditworthiness systems are high-risk (collections models contested; treated as in scope by default) and need human oversight.</summary>
public sealed class EuAiActAnnexIii5b : Rule
{
    public override string Id => "EU-AIACT-ANNEXIII-5B";

    public override string Citation => "Regulation (EU) 2024/1689 Art 6(2)-(3), Annex III point 5(b)";

    public override RuleStage Stage => RuleStage.Content;

    public override RuleResult Evaluate(EvaluationContext c)
    {
        if (!c.Facts.Jurisdiction.IsEu || c.Proposal.Action != CollectionAction.DeployModel || !c.Options.TreatCollectionsModelsAsHighRiskAi
            || c.ConsumerDate < c.Options.AiActAnnexIiiApplies)
        {
            return NotApplicable("No high-risk AI deployment in scope.");
        }

        return c.Content.HumanReview == true
            ? Pass("High-risk AI with human oversight in place.")
            : Route("A credit-scoring or profiling model is high-risk: deployment needs human oversight, logging and a rights impact assessment.");
    }
}
