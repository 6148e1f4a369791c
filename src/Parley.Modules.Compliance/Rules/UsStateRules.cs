using Parley.Modules.Compliance.Engine;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Compliance.Model;

namespace Parley.Modules.Compliance.Rules;

/// <summary>New York: out-of-statute disclosure before accepting payment (DFS), and in every communication in NYC.</summary>
public sealed class NyTimeBarredDisclosure : Rule
{
    public override string Id => "US-NY-TIMEBARRED-DISCLOSURE";

    public override string Citation => "23 NYCRR 1.3; N.Y. CPLR 214-i; DFS Industry Letter 7 Apr 2022; 6 RCNY 2-191 / 5-77";

    public override RuleStage Stage => RuleStage.Content;

    public override RuleResult Evaluate(EvaluationContext c)
    {
        if (!(c.Facts.InUsState("NY") || c.Facts.IsNyc) || c.Facts.TimeBarred != true)
        {
            return NotApplicable("Not a time-barred New York debt.");
        }

        var needed = c.Proposal.Action == CollectionAction.AcceptPayment || (c.Facts.IsNyc && c.IsCommunication);
        if (!needed)
        {
            return Pass("No disclosure needed for this activity.");
        }

        var missing = c.Proposal.Action == CollectionAction.AcceptPayment
            ? "Before accepting payment on a time-barred debt, New York requires the statute-of-limitations disclosure."
            : "Every NYC communication about a time-barred debt needs the out-of-statute disclosure.";
        return ByFact(
            c.Content.NySolDisclosureGivenInSameMedium,
            "The statute-of-limitations disclosure was given in the same medium.",
            missing,
            "content.ny_sol_disclosure_given_in_same_medium",
            missing.TrimEnd('.') + "; whether it was given is not known.");
    }
}

/// <summary>California's Rosenthal Act covers creditors collecting their own debts; Reg F-style rules apply to them.</summary>
public sealed class CaRosenthalScope : Rule
{
    public override string Id => "US-CA-ROSENTHAL-SCOPE";

    public override string Citation => "Cal. Civ. Code 1788.2(c), 1788.11, 1788.17";

    public override RuleStage Stage => RuleStage.HardStop;

    public override RuleResult Evaluate(EvaluationContext c) =>
        c.Facts.InUsState("CA")
            ? Pass("California: time, place, cease and third-party rules apply to first-party collections too.")
            : NotApplicable("Not California.");
}

/// <summary>California: the prescribed time-barred notice in the first written communication after the debt becomes time-barred; no suit.</summary>
public sealed class CaTimeBarred : Rule
{
    public override string Id => "US-CA-TIMEBARRED";

    public override string Citation => "Cal. Civ. Code 1788.14(d); Cal. Code Civ. Proc. 337(b)";

    public override RuleStage Stage => RuleStage.Content;

    public override RuleResult Evaluate(EvaluationContext c)
    {
        if (!c.Facts.InUsState("CA") || c.Facts.TimeBarred != true)
        {
            return NotApplicable("Not a time-barred California debt.");
        }

        if (c.Content.ThreatensSuit == true || c.Proposal.Action is CollectionAction.IssueCourtClaim or CollectionAction.AutomatedLitigationReferral)
        {
            return Deny("No lawsuit, arbitration or threat of one on a time-barred California debt.");
        }

        if (c.Proposal.Channel is not (Channel.Letter or Channel.Email))
        {
            return Pass("Not a written communication.");
        }

        var first = c.Facts.FirstWrittenCommunicationSinceTimeBarred
            ?? !c.Facts.History.Any(r => r.Direction == Direction.Outbound && r.Channel is Channel.Letter or Channel.Email);
        if (!first)
        {
            return Pass("Not the first written communication since the debt became time-barred.");
        }

        return ByFact(
            c.Content.IncludesCaTimeBarredNotice,
            "Includes the prescribed California time-barred notice.",
            "The first written communication after the debt became time-barred must carry the prescribed notice ('…we will not sue you for it…').",
            "content.includes_ca_time_barred_notice",
            "The first written communication after the debt became time-barred must carry the prescribed notice; whether this one does is not known.");
    }
}
