using NodaTime;
using Parley.Modules.Compliance.Engine;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Compliance.Model;
using Parley.Modules.Compliance.Time;

namespace Parley.Modules.Compliance.Rules;

/// <summary>Reg F binds debt collectors; the platform applies its contact rules to first-party collections too (§0.3).</summary>
public sealed class FdcpaScope : Rule
{
    public override string Id => "US-FDCPA-SCOPE";

    public override string Citation => "15 U.S.C. 1692a(5)-(6); 12 CFR 1006.1(c), 1006.2(h)-(i)";

    public override RuleStage Stage => RuleStage.HardStop;

    public override RuleResult Evaluate(EvaluationContext c) =>
        !c.Facts.Jurisdiction.IsUs ? NotApplicable("Not a US collection.")
        : c.RegF ? Pass("Reg F rules apply (debt collector, or first-party collection under platform policy).")
        : NotApplicable("First-party collection and the deployment does not apply Reg F to it.");
}

/// <summary>Keep evidence of compliance, including these decisions, for 3 years after the last collection activity.</summary>
public sealed class RegFRecords : Rule
{
    public override string Id => "US-REGF-RECORDS";

    public override string Citation => "12 CFR 1006.100; comment 100-1";

    public override RuleStage Stage => RuleStage.Record;

    public override RuleResult Evaluate(EvaluationContext c) =>
        c.RegF ? Pass("The decision is recorded in the decision log (retain 3 years).") : NotApplicable("Not under Reg F.");
}

/// <summary>No direct contact with a consumer represented by an attorney for the debt, unless the attorney fails to respond or consents.</summary>
public sealed class RegFAttorney : Rule
{
    public override string Id => "US-REGF-ATTORNEY";

    public override string Citation => "15 U.S.C. 1692c(a)(2); 12 CFR 1006.6(b)(2)";

    public override RuleStage Stage => RuleStage.HardStop;

    public override RuleResult Evaluate(EvaluationContext c)
    {
        if (!c.RegF || !c.Facts.AttorneyRepresented || !c.Proposal.IsContact)
        {
            return NotApplicable("No attorney representation known.");
        }

        if (c.Content.AddresseeRole is "attorney" or "consumer_attorney")
        {
            return Pass("Addressed to the consumer's attorney.");
        }

        if (c.Facts.Attorney?.RespondedRecently == false)
        {
            return Pass("The attorney failed to respond within a reasonable period, so direct contact is allowed.");
        }

        return Deny("The consumer is represented by an attorney for this debt; contact the attorney instead.");
    }
}

/// <summary>After a written refusal to pay or request to stop, only the three 1006.6(c) notices may be sent; an oral request goes to a person.</summary>
public sealed class RegFCease : Rule
{
    public override string Id => "US-REGF-CEASE";

    public override string Citation => "15 U.S.C. 1692c(c); 12 CFR 1006.6(c)";

    public override RuleStage Stage => RuleStage.HardStop;

    public override RuleResult Evaluate(EvaluationContext c)
    {
        if (!c.RegF || !c.Facts.CeaseRequested || !c.Proposal.IsContact || (c.Facts.CeaseRequestedAt is { } at && at > c.At))
        {
            return NotApplicable("No request to cease communication.");
        }

        if (c.Facts.CeaseRequestForm == RequestForm.Oral)
        {
            // §2.8: not a 6(c) cease, but a 14(h) opt-out of the medium it was said on; other media go to a person for review.
            return Channels.OptedOut(c, out _, out _)
                ? Deny("An oral request to stop is not a written 1006.6(c) cease, but it opts out of the medium it was said on.")
                : Route("An oral request to stop is not a written 1006.6(c) cease; review the account before contacting by another medium.");
        }

        if (c.Content.CeaseException is "advise_efforts_terminated" or "collection_efforts_terminated" or "may_invoke_remedies"
            or "notify_may_invoke_remedies" or "may_invoke_specified_remedies" or "intends_to_invoke_remedy" or "intent_to_invoke_remedy"
            or "intends_to_invoke_specified_remedy")
        {
            return Pass($"Allowed after a cease request: {c.Content.CeaseException}.");
        }

        return Deny("The consumer asked in writing to stop communications (or refused to pay); only the three 1006.6(c) notices may be sent.");
    }
}

/// <summary>No communication about the debt with third parties; location calls follow 1006.10.</summary>
public sealed class RegFThirdParty : Rule
{
    public override string Id => "US-REGF-THIRDPARTY";

    public override string Citation => "15 U.S.C. 1692b, 1692c(b); 12 CFR 1006.6(a), (d), 1006.10";

    public override RuleStage Stage => RuleStage.Content;

    public override RuleResult Evaluate(EvaluationContext c)
    {
        if (!c.RegF || !c.Proposal.IsContact)
        {
            return NotApplicable("Not a Reg F contact.");
        }

        var content = c.Content;
        var aboutDebt = content.MentionsDebtOrCreditor == true || content.IncludesCollectionContent == true || content.RequestsPayment == true;
        if (content.EnvelopeRevealsDebt == true)
        {
            return Deny("The envelope or visible surface reveals the debt to anyone who handles it.");
        }

        if (c.AddressedToThirdParty)
        {
            if (content.IsLocationInquiry == true && !aboutDebt)
            {
                return Pass("A location-information contact that does not mention the debt.");
            }

            return content.SaysNothingAboutDebt
                ? Pass("Addressed to a third party but says nothing about the debt.")
                : Deny($"Addressed to a third party ({content.AddresseeRole}) who is not the consumer, and it would reveal the debt.");
        }

        if (c.Proposal.Channel == Channel.Call && c.Facts.AnsweringParty is { } answering && !IsConsumerAnswering(answering) && !content.SaysNothingAboutDebt)
        {
            return Deny($"The call is answered by a third party ({answering}); the debt must not be discussed with them.");
        }

        if (c.Proposal.Channel == Channel.Call && string.Equals(content.VoicemailScript, "extended", StringComparison.Ordinal) && aboutDebt)
        {
            return Deny("A voicemail that names the debt or creditor may be heard by others.");
        }

        return Pass("Addressed to the consumer.");
    }

    private static bool IsConsumerAnswering(string party) =>
        party is "consumer" or "right_party" or "spouse" or "personal_representative" or "executor" or "administrator" or "guardian" or "parent_of_minor";
}

/// <summary>A limited-content voicemail (4 required, 4 optional items) is an attempt, not a communication; anything more makes it a communication; never SMS or e-mail.</summary>
public sealed class RegFLimitedContentMessage : Rule
{
    public override string Id => "US-REGF-LCM";

    public override string Citation => "12 CFR 1006.2(b), (j); CFPB FAQ (Limited-Content Messages)";

    public override RuleStage Stage => RuleStage.Content;

    public override RuleResult Evaluate(EvaluationContext c)
    {
        var content = c.Content;
        var claimsLcm = content.IsLimitedContentMessage == true || content.VoicemailScript is not null;
        if (!c.RegF || !claimsLcm)
        {
            return NotApplicable("No voicemail or limited-content message.");
        }

        if (c.Proposal.Channel != Channel.Call)
        {
            return content.IncludesMiniMiranda == true
                ? Pass("Not a limited-content message, but it carries the disclosures of a communication.")
                : Deny("A text or e-mail can never be a limited-content message; it is a communication and needs the disclosures.");
        }

        if (c.Proposal.IsLimitedContentVoicemail)
        {
            return Pass("A limited-content voicemail: an attempt, not a communication (it still counts as a call).");
        }

        return content.IncludesMiniMiranda == true && content.MentionsDebtOrCreditor != true
            ? Pass("The voicemail is a communication with the debt-collector disclosure.")
            : Deny("The voicemail carries more than the limited-content items, so it is a communication that reveals the debt.");
    }
}

/// <summary>Every e-mail, SMS or other electronic message must state a simple way to opt out.</summary>
public sealed class RegFElectronicOptOutNotice : Rule
{
    public override string Id => "US-REGF-ELEC-OPTOUT-NOTICE";

    public override string Citation => "12 CFR 1006.6(e); CFPB FAQ (Electronic Communications: Opt-out)";

    public override RuleStage Stage => RuleStage.Content;

    public override RuleResult Evaluate(EvaluationContext c)
    {
        if (!c.RegF || !c.Proposal.IsElectronic || c.Content.IsOptOutConfirmation == true)
        {
            return NotApplicable("Not an electronic message.");
        }

        return ByFact(
            c.Content.IncludesOptOutNotice,
            "Includes a clear opt-out notice.",
            "The electronic message has no opt-out notice (e.g. 'reply STOP').",
            "content.includes_optout_notice",
            "Whether the message states an opt-out method is not known.");
    }
}

/// <summary>Every communication discloses that it is from a debt collector (the initial one: attempt to collect, information used for that purpose).</summary>
public sealed class RegFMiniMiranda : Rule
{
    public override string Id => "US-REGF-MINIMIRANDA";

    public override string Citation => "15 U.S.C. 1692e(11); 12 CFR 1006.18(e)";

    public override RuleStage Stage => RuleStage.Content;

    public override RuleResult Evaluate(EvaluationContext c)
    {
        if (!c.RegF || !c.IsCommunication)
        {
            return NotApplicable("Not a communication (e.g. a limited-content voicemail).");
        }

        if (c.AddressedToThirdParty && c.Content.SaysNothingAboutDebt)
        {
            return NotApplicable("A third-party contact that says nothing about the debt.");
        }

        var initial = c.Content.IsInitialCommunication == true;
        return ByFact(
            c.Content.IncludesMiniMiranda,
            initial ? "The initial communication carries the debt-collector disclosure." : "The communication carries the debt-collector disclosure.",
            initial
                ? "The initial communication omits the debt-collector disclosure ('this is an attempt to collect a debt…')."
                : "The communication omits the debt-collector disclosure ('from a debt collector').",
            "content.includes_mini_miranda",
            "Whether the communication carries the debt-collector disclosure is not known.");
    }
}

/// <summary>Validation information is given in the initial communication or within 5 days (excluding weekends) after it.</summary>
public sealed class RegFValidationTiming : Rule
{
    public override string Id => "US-REGF-VALIDATION-TIMING";

    public override string Citation => "15 U.S.C. 1692g(a); 12 CFR 1006.34(a)(1)-(2)";

    public override RuleStage Stage => RuleStage.Content;

    public override RuleResult Evaluate(EvaluationContext c)
    {
        if (!c.RegF || !c.IsCollectionActivity || c.Content.IsValidationNotice == true)
        {
            return c.Content.IsValidationNotice == true && c.RegF ? Pass("This is the validation notice.") : NotApplicable("Not a collection activity.");
        }

        ContactRecord? initial = null;
        var noticeGiven = false;
        foreach (var r in c.Facts.HistoryArray)
        {
            if (r.At > c.At)
            {
                continue;
            }

            if (r.IsInitialCommunication && initial is null)
            {
                initial = r;
            }

            noticeGiven |= r.IsValidationNotice;
        }

        if (initial is null)
        {
            return NotApplicable("No initial communication yet.");
        }

        if (noticeGiven)
        {
            return Pass("Validation information was given.");
        }

        var due = ValidationDates.AddBusinessDays(initial.At.InUtc().Date, 5);
        return c.At.InUtc().Date <= due
            ? Pass($"Validation notice due by {due:uuuu-MM-dd} (5 days after the initial communication).")
            : new RuleResult(
                RuleOutcome.DenyAndRequireValidationNotice,
                $"No validation notice within 5 days of the initial communication ({initial.At.InUtc().Date:uuuu-MM-dd}); send it before further collection.");
    }
}

/// <summary>The validation notice carries the 1006.34(c) content; Model Form B-1 is the safe harbour.</summary>
public sealed class RegFValidationContent : Rule
{
    public override string Id => "US-REGF-VALIDATION-CONTENT";

    public override string Citation => "12 CFR 1006.34(c), (d)(2); Appendix B (Model Form B-1)";

    public override RuleStage Stage => RuleStage.Content;

    public override RuleResult Evaluate(EvaluationContext c)
    {
        if (!c.RegF || c.Content.IsValidationNotice != true)
        {
            return NotApplicable("Not a validation notice.");
        }

        return ByFact(
            c.Content.UsesModelFormB1,
            "Uses Model Form B-1 (safe harbour for the required content).",
            "The validation notice is not on Model Form B-1 and its 1006.34(c) content is not confirmed.",
            "content.uses_model_form_b1",
            "Whether the notice has the 1006.34(c) content is not known.");
    }
}

/// <summary>The validation period ends 30 days after assumed receipt (5 days after sending, excluding weekends and federal holidays).</summary>
public sealed class RegFValidationPeriod : Rule
{
    public override string Id => "US-REGF-VALIDATION-PERIOD";

    public override string Citation => "12 CFR 1006.34(b)(5)";

    public override RuleStage Stage => RuleStage.Content;

    public override RuleResult Evaluate(EvaluationContext c)
    {
        if (!c.RegF || c.Content.IsValidationNotice != true)
        {
            return NotApplicable("Not a validation notice.");
        }

        var end = ValidationDates.PeriodEnd(c.ConsumerDate);
        if (c.Content.ValidationPeriodEndDateComputed is null && c.Content.UsesModelFormB1 == true)
        {
            return Pass($"Model Form B-1 states the end date (≥ {end:uuuu-MM-dd}).");
        }

        return ByFact(
            c.Content.ValidationPeriodEndDateComputed,
            $"Validation period end date stated (sent {c.ConsumerDate:uuuu-MM-dd}: ends {end:uuuu-MM-dd} at the earliest).",
            $"The notice does not state a correctly computed validation-period end date (≥ {end:uuuu-MM-dd}).",
            "content.validation_period_end_date_computed",
            "Whether the notice states the validation-period end date is not known.");
    }
}

/// <summary>Nothing sent in the validation period may overshadow the right to dispute (e.g. a deadline before it ends).</summary>
public sealed class RegFOvershadow : Rule
{
    public override string Id => "US-REGF-OVERSHADOW";

    public override string Citation => "15 U.S.C. 1692g(b); 12 CFR 1006.38(b)";

    public override RuleStage Stage => RuleStage.Content;

    public override RuleResult Evaluate(EvaluationContext c)
    {
        if (!c.RegF || !c.IsCommunication)
        {
            return NotApplicable("Not a communication.");
        }

        if (c.Content.DeadlinePrecedesValidationPeriodEnd == true)
        {
            return Deny("A payment deadline before the validation period ends overshadows the right to dispute.");
        }

        if (c.Facts.ValidationPeriodEnd is not { } end || c.EarliestConsumerDate > end)
        {
            return NotApplicable("Not within the validation period.");
        }

        if (c.Content.PaymentDeadlineDays is { } days && c.ConsumerDate.PlusDays(days) < end)
        {
            return Deny($"A {days}-day deadline ends before the validation period ends on {end:uuuu-MM-dd}.");
        }

        return Pass("Nothing overshadows the right to dispute.");
    }
}

/// <summary>A written dispute within the validation period pauses collection until verification is sent.</summary>
public sealed class RegFDisputePause : Rule
{
    public override string Id => "US-REGF-DISPUTE-PAUSE";

    public override string Citation => "15 U.S.C. 1692g(b); 12 CFR 1006.38(d)(2)";

    public override RuleStage Stage => RuleStage.HardStop;

    public override RuleResult Evaluate(EvaluationContext c) =>
        c.RegF && c.Facts.DisputedUnverified
            ? Pauses.WrittenRequestInValidationPeriod(c, c.Facts.DisputeForm, c.Facts.DisputeReceivedAt, "dispute", "a copy of the verification")
            : NotApplicable("No pending dispute.");
}

/// <summary>A written request for the original creditor within the validation period pauses collection until it is answered.</summary>
public sealed class RegFOriginalCreditorPause : Rule
{
    public override string Id => "US-REGF-ORIGCRED-PAUSE";

    public override string Citation => "12 CFR 1006.38(c)";

    public override RuleStage Stage => RuleStage.HardStop;

    public override RuleResult Evaluate(EvaluationContext c) =>
        c.RegF && c.Facts.OriginalCreditorRequested
            ? Pauses.WrittenRequestInValidationPeriod(c, c.Facts.OriginalCreditorRequestForm, c.Facts.OriginalCreditorRequestedAt, "original-creditor request",
                "the original creditor's name and address")
            : NotApplicable("No pending original-creditor request.");
}

internal static class Pauses
{
    /// <summary>A pending request (the caller checked that one is pending under Reg F).</summary>
    public static RuleResult WrittenRequestInValidationPeriod(EvaluationContext c, RequestForm form, Instant? receivedAt, string what, string until)
    {
        if (form == RequestForm.Oral)
        {
            return RuleResult.Pass($"An oral {what} does not pause collection (report the debt as disputed).");
        }

        if (c.Facts.ValidationPeriodEnd is { } end && receivedAt is { } received && received.InUtc().Date > end && received.InZone(c.Zones.Length > 0 ? c.Zones[0] : DateTimeZone.Utc).Date > end)
        {
            return RuleResult.Pass($"The {what} arrived after the validation period ended; it does not pause collection.");
        }

        if (c.Content.IsVerificationResponse == true)
        {
            return RuleResult.Pass($"Sending {until} is allowed.");
        }

        if (!c.IsCollectionActivity)
        {
            return RuleResult.NotApplicable("Not a collection activity.");
        }

        var missing = c.Facts.ValidationPeriodEnd is null ? " (validation period end unknown, so treated as within it)" : "";
        return RuleResult.Deny($"A written {what} is pending{missing}; collection pauses until {until} is provided.");
    }
}

/// <summary>No lawsuit, and no threat of one, on a time-barred debt (strict liability); legal wording on debts of unknown status goes to review.</summary>
public sealed class RegFTimeBarred : Rule
{
    public override string Id => "US-REGF-TIMEBARRED";

    public override string Citation => "12 CFR 1006.26(b)";

    public override RuleStage Stage => RuleStage.Content;

    public override RuleResult Evaluate(EvaluationContext c)
    {
        var legal = c.Content.ThreatensSuit == true || c.Proposal.Action is CollectionAction.IssueCourtClaim or CollectionAction.AutomatedLitigationReferral;
        if (!c.RegF || !legal)
        {
            return NotApplicable("No legal action or threat of one.");
        }

        // Legal action is allowed only while the debt is not time-barred.
        return ByFact(
            c.Facts.TimeBarred is { } barred ? !barred : null,
            "The debt is within the statute of limitations.",
            "The debt is time-barred: no lawsuit and no threat of one.",
            "consumer.flags.time_barred",
            "Legal-action wording needs the statute-of-limitations status; review it.",
            RuleOutcome.Route);
    }
}

/// <summary>No first furnishing to a credit bureau before speaking to the consumer, or mailing and waiting 14 days without undeliverability.</summary>
public sealed class RegFPassiveCollection : Rule
{
    public override string Id => "US-REGF-PASSIVE-COLLECTION";

    public override string Citation => "12 CFR 1006.30(a); comment 30(a)(1)-2";

    public override RuleStage Stage => RuleStage.Content;

    public override RuleResult Evaluate(EvaluationContext c)
    {
        if (!c.RegF || c.Proposal.Action != CollectionAction.CreditReportFurnish)
        {
            return NotApplicable("Not a furnishing to a credit bureau.");
        }

        Instant? earliestMailing = null;
        foreach (var r in c.Facts.HistoryArray)
        {
            if (!r.IsAbout(c.Proposal.DebtId) || r.At > c.At)
            {
                continue;
            }

            if (r.Channel == Channel.Call && r.Outcome == ContactOutcome.Conversation)
            {
                return Pass("The collector has spoken to the consumer about the debt.");
            }

            if (r.Direction == Direction.Outbound && r.Channel is Channel.Letter or Channel.Email or Channel.Sms && r.Outcome != ContactOutcome.Unknown
                && (earliestMailing is null || r.At < earliestMailing))
            {
                earliestMailing = r.At;
            }
        }

        if (earliestMailing is { } mailed)
        {
            var zone = c.Zones.Length > 0 ? c.Zones[0] : DateTimeZone.Utc;
            var ready = zone.AtStartOfDay(mailed.InZone(zone).Date.PlusDays(c.Options.PassiveCollectionWaitDays)).ToInstant();
            return c.At >= ready
                ? Pass($"A message about the debt was sent {c.Options.PassiveCollectionWaitDays}+ days ago with no undeliverability.")
                : RuleResult.Deny($"Wait {c.Options.PassiveCollectionWaitDays} days after the first message about the debt before furnishing.", ready);
        }

        return Deny("The consumer has not been spoken to or sent a message about the debt; no passive collection by credit reporting.");
    }
}

/// <summary>A deceased consumer: route to the estates queue; only the spouse, parent of a minor, estate representative or successor are the "consumer".</summary>
public sealed class RegFDeceased : Rule
{
    public override string Id => "US-REGF-DECEASED";

    public override string Citation => "12 CFR 1006.2(e), 1006.6(a)(1)-(5); comment 34(a)(1)-1; 1006.18";

    public override RuleStage Stage => RuleStage.HardStop;

    public override RuleResult Evaluate(EvaluationContext c)
    {
        if (!c.RegF || !c.Facts.Deceased)
        {
            return NotApplicable("The consumer is not known to be deceased.");
        }

        if (!c.Proposal.IsContact)
        {
            return Route("The consumer is deceased: collection actions go to the estates queue.");
        }

        var role = c.Content.AddresseeRole;
        if (role is null)
        {
            return Route("The consumer is deceased: route to the estates queue; address only a person authorised for the estate.");
        }

        if (role is "personal_representative" or "executor" or "administrator")
        {
            return c.Facts.EstateRepresentative is { Verified: true }
                ? Pass("Addressed to the verified representative of the estate.")
                : Route("The estate representative is not verified; route to the estates queue.");
        }

        if (EvaluationContext.IsConsumerEquivalent(role))
        {
            return Pass($"Addressed to the {role}, who counts as the consumer.");
        }

        return c.Content.SaysNothingAboutDebt
            ? Pass("A contact with a relative that does not mention the debt (e.g. to locate the estate's representative).")
            : Deny($"A demand or debt information to a relative ({role}) who is not the estate's representative; never imply survivors are liable.");
    }
}

/// <summary>Days after a date excluding Saturdays, Sundays and federal legal public holidays (12 CFR 1006.34(a)(1), (b)(5)).</summary>
internal static class ValidationDates
{
    public static LocalDate AddBusinessDays(LocalDate from, int days)
    {
        var d = from;
        while (days > 0)
        {
            d = d.PlusDays(1);
            if (d.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday) && !UsFederalHolidays.IsHoliday(d))
            {
                days--;
            }
        }

        return d;
    }

    /// <summary>30 days after the assumed receipt 5 business days after sending.</summary>
    public static LocalDate PeriodEnd(LocalDate sent) => AddBusinessDays(sent, 5).PlusDays(30);
}
