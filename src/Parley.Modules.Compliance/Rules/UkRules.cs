using Parley.Modules.Compliance.Engine;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Compliance.Model;
using Parley.SharedKernel;

namespace Parley.Modules.Compliance.Rules;

/// <summary>Breathing-space state: in force from the notified start date; ended only by a notified end (plus the safety margin), never by arithmetic.</summary>
internal static class Moratorium
{
    public static bool Active(EvaluationContext c) =>
        c.Facts.BreathingSpaceStart is { } start
        && c.LatestConsumerDate >= start
        && !(c.Facts.BreathingSpaceEndNotified is { } end && c.EarliestConsumerDate > end.PlusDays(c.Options.BreathingSpaceEndMarginDays));

    public static bool Applies(EvaluationContext c, BreathingSpaceType type) =>
        c.Facts.Jurisdiction.IsUk && c.Facts.BreathingSpaceType == type && Active(c);

    public static bool AnyActive(EvaluationContext c) => c.Facts.Jurisdiction.IsUk && c.Facts.BreathingSpaceType is not null && Active(c);

    public static bool SeeksPayment(ContentFacts content) =>
        content.RequestsPayment == true || content.DemandFullBalance == true || content.IncludesCollectionContent == true || content.WarnsDefaultAndFees == true;

    public static bool IsEnforcement(CollectionAction action) =>
        action is CollectionAction.IssueCourtClaim or CollectionAction.AutomatedLitigationReferral or CollectionAction.AutomatedDefaultAndDebtSale;
}

/// <summary>Standard breathing space: every action on a moratorium debt pauses for 60 days from the start unless cancelled.</summary>
public sealed class UkBreathingSpaceStandard : Rule
{
    public override string Id => "UK-BS-STANDARD-60D";

    public override string Citation => "SI 2020/1311 regs 24–27";

    public override RuleStage Stage => RuleStage.HardStop;

    public override RuleResult Evaluate(EvaluationContext c)
    {
        if (!Moratorium.Applies(c, BreathingSpaceType.Standard))
        {
            return c.Facts.Jurisdiction.IsUk && c.Facts.BreathingSpaceType == BreathingSpaceType.Standard && c.Facts.BreathingSpaceEndNotified is { } ended
                ? Pass($"The breathing space ended (end notified for {ended:uuuu-MM-dd}, plus the safety margin).")
                : NotApplicable("No standard breathing space in force.");
        }

        if (c.Proposal.Action is CollectionAction.AcceptPayment or CollectionAction.DeployModel)
        {
            return Pass("A voluntary payment may be accepted during a breathing space.");
        }

        if (c.Proposal.IsContact && !Moratorium.SeeksPayment(c.Content))
        {
            return Pass("The contact does not pursue the moratorium debt (see UK-BS-NO-CONTACT).");
        }

        var end = c.Facts.BreathingSpaceEndNotified is { } e ? $"end notified for {e:uuuu-MM-dd}" : "no end notified (60 days is not ended by arithmetic)";
        return Deny($"A standard breathing space has been in force since {c.Facts.BreathingSpaceStart:uuuu-MM-dd} ({end}); collection pauses.");
    }
}

/// <summary>Mental-health-crisis moratorium: pause and route to specialists; it lasts for the crisis treatment plus 30 days, so it is open-ended until the end is notified.</summary>
public sealed class UkBreathingSpaceMentalHealthCrisis : Rule
{
    public override string Id => "UK-BS-MHCM";

    public override string Citation => "SI 2020/1311 Part 3 (regs 28–32)";

    public override RuleStage Stage => RuleStage.HardStop;

    public override RuleResult Evaluate(EvaluationContext c)
    {
        if (!Moratorium.Applies(c, BreathingSpaceType.MentalHealthCrisis))
        {
            return NotApplicable("No mental-health-crisis moratorium in force.");
        }

        return c.Proposal.Action == CollectionAction.AcceptPayment
            ? Pass("A voluntary payment may be accepted.")
            : Route("A mental-health-crisis moratorium is in force with no end notified; route any necessary contact to a specialist team.");
    }
}

/// <summary>During a moratorium nobody may ask the debtor for payment of a moratorium debt; other contact goes to a person.</summary>
public sealed class UkBreathingSpaceNoContact : Rule
{
    public override string Id => "UK-BS-NO-CONTACT";

    public override string Citation => "SI 2020/1311 reg 7 (effect of moratorium) and reg 11";

    public override RuleStage Stage => RuleStage.HardStop;

    public override RuleResult Evaluate(EvaluationContext c)
    {
        if (!Moratorium.AnyActive(c) || !c.Proposal.IsContact)
        {
            return NotApplicable("No moratorium contact.");
        }

        if (Moratorium.SeeksPayment(c.Content))
        {
            return Deny("A moratorium is in force: no contact to request or demand payment of the moratorium debt.");
        }

        return Route(c.Content.RequestsPayment is null
            ? "A moratorium is in force and whether the contact asks for payment is not known; a person decides."
            : "A moratorium is in force: contact that does not ask for payment (e.g. a notice required by law) goes to a person.");
    }
}

/// <summary>No interest, fees, penalties or charges on moratorium debts.</summary>
public sealed class UkBreathingSpaceFreeze : Rule
{
    public override string Id => "UK-BS-FREEZE";

    public override string Citation => "SI 2020/1311 reg 7";

    public override RuleStage Stage => RuleStage.HardStop;

    public override RuleResult Evaluate(EvaluationContext c) =>
        !Moratorium.AnyActive(c) || c.Proposal.Action != CollectionAction.ApplyInterestAndFees
            ? NotApplicable("No interest or fees during a moratorium.")
            : Deny("A moratorium is in force: interest, fees, penalties and charges must not be applied.");
}

/// <summary>No enforcement during a moratorium: claims, judgments, enforcement agents, statutory demands, default steps.</summary>
public sealed class UkBreathingSpaceNoEnforcement : Rule
{
    public override string Id => "UK-BS-NO-ENFORCEMENT";

    public override string Citation => "SI 2020/1311 regs 7, 10";

    public override RuleStage Stage => RuleStage.HardStop;

    public override RuleResult Evaluate(EvaluationContext c) =>
        !Moratorium.AnyActive(c) || !Moratorium.IsEnforcement(c.Proposal.Action)
            ? NotApplicable("No enforcement during a moratorium.")
            : Deny("A moratorium is in force: enforcement action is prohibited (and void if taken).");
}

/// <summary>Possible lack of mental capacity: pause recovery and route to a specialist.</summary>
public sealed class UkConcMentalCapacity : Rule
{
    public override string Id => "UK-CONC-MENTAL-CAPACITY";

    public override string Citation => "CONC 7.10";

    public override RuleStage Stage => RuleStage.HardStop;

    public override RuleResult Evaluate(EvaluationContext c) =>
        !c.Facts.Jurisdiction.IsUk || !c.Facts.MentalCapacityConcern || !c.IsCollectionActivity
            ? NotApplicable("No mental-capacity concern.")
            : Route("The customer may lack mental capacity: pause recovery and route to a specialist.");
}

/// <summary>Customers showing vulnerability get adjusted channel, timing and tone; sensitive cases go to trained staff.</summary>
public sealed class UkFg21Vulnerability : Rule
{
    public override string Id => "UK-FG21-VULNERABILITY";

    public override string Citation => "FCA FG21/1 (Feb 2021)";

    public override RuleStage Stage => RuleStage.HardStop;

    public override RuleResult Evaluate(EvaluationContext c)
    {
        var vulnerable = c.Facts.Vulnerable || c.Facts.VulnerabilityDrivers.Count > 0;
        if (!c.Facts.Jurisdiction.IsUk || !vulnerable || !c.IsCollectionActivity || c.Proposal.Action == CollectionAction.AcceptPayment)
        {
            return NotApplicable("No vulnerability characteristics recorded.");
        }

        if (c.Content.HumanReview == true)
        {
            return Pass("A trained person reviews this contact.");
        }

        if (c.AddressedToThirdParty && c.Facts.ThirdPartyAuthority is { Verified: true })
        {
            return Pass("Through a verified third party acting for the customer.");
        }

        var drivers = c.Facts.VulnerabilityDrivers.Count > 0 ? string.Join(", ", c.Facts.VulnerabilityDrivers) : "unspecified";
        return c.Options.RouteVulnerableCustomerContacts
            ? Route($"The customer shows characteristics of vulnerability ({drivers}); a trained person adjusts channel, timing and tone.")
            : Pass("Vulnerability recorded; adjustments apply.");
    }
}

/// <summary>A debt disputed on valid or possibly valid grounds (in any form): pause recovery and investigate.</summary>
public sealed class UkConcDispute : Rule
{
    public override string Id => "UK-CONC-DISPUTE";

    public override string Citation => "CONC 7.14.1R, 7.14.2G, 7.14.3R, 7.14.5R";

    public override RuleStage Stage => RuleStage.HardStop;

    public override RuleResult Evaluate(EvaluationContext c)
    {
        if (!c.Facts.Jurisdiction.IsUk || !(c.Facts.DisputedUnverified || c.Facts.UkDisputeGrounds is not null))
        {
            return NotApplicable("No dispute.");
        }

        if (c.Content.IsVerificationResponse == true || !c.IsCollectionActivity || c.Proposal.Action == CollectionAction.AcceptPayment)
        {
            return Pass("Giving the customer the debt details or the outcome is allowed.");
        }

        return Deny($"The debt is disputed ({c.Facts.UkDisputeGrounds ?? "grounds to be investigated"}); recovery pauses while it is investigated.");
    }
}

/// <summary>UK: no contact likely to embarrass the customer or let third parties learn of the debt.</summary>
public sealed class UkConcThirdParty : Rule
{
    public override string Id => "UK-CONC-THIRDPARTY";

    public override string Citation => "CONC 7.9.10R (7.9.11G examples)";

    public override RuleStage Stage => RuleStage.Content;

    public override RuleResult Evaluate(EvaluationContext c)
    {
        if (!c.Facts.Jurisdiction.IsUk || !c.Proposal.IsContact)
        {
            return NotApplicable("Not a UK contact.");
        }

        var content = c.Content;
        if (content.EnvelopeRevealsDebt == true)
        {
            return Deny(c.Facts.SharedHouseholdAddress
                ? "The envelope reveals the debt at a shared household address."
                : "The envelope reveals the debt to anyone who handles it.");
        }

        if (string.Equals(content.Visibility, "public", StringComparison.Ordinal))
        {
            return Deny("A public message would reveal the debt.");
        }

        if (c.AddressedToThirdParty && !content.SaysNothingAboutDebt)
        {
            return ByFact(
                c.Facts.ThirdPartyAuthority?.Verified,
                $"The third party has verified authority ({c.Facts.ThirdPartyAuthority?.Type}).",
                "Discussing the debt with a third party whose authority from the customer is not verified.",
                "consumer.third_party_authority",
                "Discussing the debt with a third party without the customer's verified authority.");
        }

        if (c.Proposal.Channel == Channel.Call && string.Equals(content.VoicemailScript, "extended", StringComparison.Ordinal) && content.MentionsDebtOrCreditor == true)
        {
            return Deny("A voicemail naming the debt may be heard by others.");
        }

        return Pass("Nothing reveals the debt to third parties.");
    }
}

/// <summary>No threat of court action on a statute-barred debt (6 years in England, Wales and NI); in Scotland a prescribed debt no longer exists.</summary>
public sealed class UkConcStatuteBarred : Rule
{
    public override string Id => "UK-CONC-STATUTE-BARRED";

    public override string Citation => "CONC 7.15 (7.15.3G, 7.15.7, 7.15.8); Limitation Act 1980 s.5; Prescription and Limitation (Scotland) Act 1973";

    public override RuleStage Stage => RuleStage.Content;

    public override RuleResult Evaluate(EvaluationContext c)
    {
        if (!c.Facts.Jurisdiction.IsUk)
        {
            return NotApplicable("Not the UK.");
        }

        var scotland = c.Facts.Jurisdiction.UkNation == UkNation.Scotland
            || (c.Facts.UkLimitation?.Law?.Contains("scot", StringComparison.OrdinalIgnoreCase) ?? false);
        var barred = c.Facts.TimeBarred == true;
        if (c.Facts.UkLimitation is { LastPaymentOrAcknowledgement: { } last } limitation)
        {
            var years = limitation.PeriodYears ?? (scotland ? 5 : 6);
            barred |= c.ConsumerDate >= last.PlusYears(years);
        }

        if (!barred)
        {
            return NotApplicable("Not statute-barred.");
        }

        if (scotland && c.IsCollectionActivity && c.Proposal.Action != CollectionAction.AcceptPayment)
        {
            return Deny("In Scotland a prescribed debt is extinguished: it can no longer be pursued.");
        }

        if (c.Content.ThreatensSuit == true || c.Proposal.Action is CollectionAction.IssueCourtClaim or CollectionAction.AutomatedLitigationReferral)
        {
            return Deny("The debt is statute-barred: do not suggest or take court action.");
        }

        return Pass("Statute-barred, but no court action is suggested.");
    }
}

/// <summary>Customers in or near arrears get forbearance and due consideration; negative disposable income triggers it automatically.</summary>
public sealed class UkConcForbearance : Rule
{
    public override string Id => "UK-CONC-FORBEARANCE";

    public override string Citation => "CONC 7.3.4R, 7.3.5G (and 7.3.2G)";

    public override RuleStage Stage => RuleStage.Content;

    public override RuleResult Evaluate(EvaluationContext c)
    {
        var content = c.Content;
        if (!c.Facts.Jurisdiction.IsUk || !(content.RequestsPayment == true || content.WarnsDefaultAndFees == true || content.DemandFullBalance == true))
        {
            return NotApplicable("No payment demand.");
        }

        if (c.Facts.Sfs?.DisposableIncome is { } disposable && disposable <= 0 && content.OffersForbearanceOptions != true)
        {
            return Deny("The customer's disposable income is not positive: forbearance must be offered rather than a payment demand.");
        }

        if (content.OffersForbearanceOptions == false)
        {
            return Deny("The demand offers no forbearance options (reduced payments, frozen interest, time to pay).");
        }

        if (content.WarnsDefaultAndFees == true && (content.OffersForbearanceOptions != true || content.SignpostsFreeDebtAdvice != true))
        {
            return Deny("Warning of default and fees without offering forbearance and signposting free debt advice.");
        }

        return Pass("Forbearance is offered or not excluded.");
    }
}

/// <summary>No pressure: no demand to pay in one or very few unaffordable payments, no unreasonably short deadline.</summary>
public sealed class UkConcNoPressure : Rule
{
    private const int ShortestReasonableDeadlineDays = 14;

    public override string Id => "UK-CONC-NO-PRESSURE";

    public override string Citation => "CONC 7.3.10R";

    public override RuleStage Stage => RuleStage.Content;

    public override RuleResult Evaluate(EvaluationContext c)
    {
        if (!c.Facts.Jurisdiction.IsUk || !c.IsCollectionActivity)
        {
            return NotApplicable("Not a UK collection activity.");
        }

        if (c.Content.DemandFullBalance == true)
        {
            return Deny("A demand for the full balance in one payment puts unreasonable pressure on the customer.");
        }

        var deadline = c.Content.PaymentDeadlineDays;
        if (deadline is { } days && days < ShortestReasonableDeadlineDays && c.Content.RequestsPayment != false)
        {
            return Deny($"A {days}-day deadline is unreasonably short.");
        }

        return Pass("No pressure to pay in unaffordable amounts or by an unreasonable deadline.");
    }
}

/// <summary>No policy of refusing to negotiate or refusing reasonable proposals: automatic rejection goes to a person.</summary>
public sealed class UkConcNegotiate : Rule
{
    public override string Id => "UK-CONC-NEGOTIATE";

    public override string Citation => "CONC 7.3 (rule against a policy of refusing to negotiate; verify paragraph)";

    public override RuleStage Stage => RuleStage.Content;

    public override RuleResult Evaluate(EvaluationContext c)
    {
        if (!c.Facts.Jurisdiction.IsUk || c.Proposal.Action != CollectionAction.RejectRepaymentProposal)
        {
            return NotApplicable("Not the rejection of a repayment proposal.");
        }

        return c.Content.HumanReview == true && c.Content.SolelyAutomated != true
            ? Pass("A person decided the rejection.")
            : Route($"Rejecting a repayment proposal automatically ({c.Content.Reason ?? "policy"}) is not allowed; a person decides.");
    }
}

/// <summary>Governance: clear policies for customers in arrears and for vulnerable customers.</summary>
public sealed class UkConcPolicies : Rule
{
    public override string Id => "UK-CONC-POLICIES";

    public override string Citation => "CONC 7.2.1R (verify number)";

    public override RuleStage Stage => RuleStage.Record;

    public override RuleResult Evaluate(EvaluationContext c) =>
        c.Facts.Jurisdiction.IsUk ? Pass("Decisions follow the published arrears and vulnerability policies (this rule pack).") : NotApplicable("Not the UK.");
}

/// <summary>Consumer Duty cross-cutting rules: good faith, never exploit vulnerability, avoid foreseeable harm.</summary>
public sealed class UkDutyCrossCutting : Rule
{
    public override string Id => "UK-DUTY-CROSSCUTTING";

    public override string Citation => "Principle 12; PRIN 2A.2";

    public override RuleStage Stage => RuleStage.Content;

    public override RuleResult Evaluate(EvaluationContext c)
    {
        if (!c.Facts.Jurisdiction.IsUk || !c.IsCollectionActivity)
        {
            return NotApplicable("Not a UK collection activity.");
        }

        var vulnerable = c.Facts.Vulnerable || c.Facts.VulnerabilityDrivers.Count > 0;
        if (vulnerable && (c.Content.DemandFullBalance == true || c.Content.ThreatensSuit == true || c.Content.WarnsDefaultAndFees == true))
        {
            return Deny("Pressing a customer who shows vulnerability exploits that vulnerability and risks foreseeable harm.");
        }

        return Pass("Acts in good faith and avoids foreseeable harm.");
    }
}

/// <summary>Consumer Duty outcomes: understanding, support without barriers, fair value of fees.</summary>
public sealed class UkDutyOutcomes : Rule
{
    public override string Id => "UK-DUTY-OUTCOMES";

    public override string Citation => "PRIN 2A.3–2A.6";

    public override RuleStage Stage => RuleStage.Content;

    public override RuleResult Evaluate(EvaluationContext c)
    {
        if (!c.Facts.Jurisdiction.IsUk || !c.IsCollectionActivity)
        {
            return NotApplicable("Not a UK collection activity.");
        }

        if (c.Content.WarnsDefaultAndFees == true && c.Content.SignpostsFreeDebtAdvice == false)
        {
            return Deny("An arrears warning without a route to support or free debt advice is an unreasonable barrier (consumer support outcome).");
        }

        return Pass("No barrier to support is introduced.");
    }
}

/// <summary>Affordability uses the Standard Financial Statement; flexible costs within the guidelines are not challenged; above them, a person reviews.</summary>
public sealed class UkSfsIncomeExpenditure : Rule
{
    public override string Id => "UK-SFS-IE";

    public override string Citation => "MaPS Standard Financial Statement; SFS developer toolkit";

    public override RuleStage Stage => RuleStage.Content;

    public override RuleResult Evaluate(EvaluationContext c)
    {
        var affordability = c.Proposal.Action == CollectionAction.RejectRepaymentProposal
            || string.Equals(c.Content.Purpose, "agree_payment_plan", StringComparison.Ordinal);
        if (!c.Facts.Jurisdiction.IsUk || !affordability)
        {
            return NotApplicable("No affordability decision.");
        }

        if (c.Facts.Sfs is not { } sfs)
        {
            return RuleResult.Missing("consumer.sfs", "An affordability decision needs the customer's Standard Financial Statement.", RuleOutcome.Route);
        }

        if (sfs.FlexibleWithinSpendingGuidelines == false)
        {
            return Route("Flexible costs exceed the SFS spending guidelines: a person reviews (do not deny).");
        }

        if (c.Proposal.Action == CollectionAction.RejectRepaymentProposal && sfs.FlexibleWithinSpendingGuidelines == true)
        {
            return Route("The offer is based on an SFS within the spending guidelines; rejecting it needs a person's review.");
        }

        return Pass("Affordability uses the SFS within the spending guidelines.");
    }
}
