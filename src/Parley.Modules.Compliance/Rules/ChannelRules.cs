using System.Text.RegularExpressions;
using NodaTime;
using Parley.Modules.Compliance.Engine;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Compliance.Model;

namespace Parley.Modules.Compliance.Rules;

/// <summary>Opt-outs and channel bases shared by the Reg F, TCPA and state channel rules.</summary>
internal static partial class Channels
{
    /// <summary>Whether an inbound message body is an opt-out ("stop", "unsubscribe", "end", "quit", "cancel", "revoke", "opt out").</summary>
    public static bool IsStopMessage(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return false;
        }

        return StopWords().IsMatch(body);
    }

    [GeneratedRegex(@"^\s*(stop|stop all|stopall|unsubscribe|end|quit|cancel|revoke|opt[\s-]?out)\b|\bstop (texting|calling|emailing|contacting)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StopWords();

    /// <summary>Whether an address of this kind is reached through this channel.</summary>
    public static bool Reaches(AddressKind kind, Channel channel) => channel switch
    {
        Channel.Call => kind is AddressKind.Mobile or AddressKind.Landline or AddressKind.Work or AddressKind.Voip,
        Channel.Sms => kind is AddressKind.Sms or AddressKind.Mobile,
        Channel.Email => kind == AddressKind.Email,
        Channel.Letter => kind == AddressKind.Postal,
        _ => false,
    };

    public static string ChannelName(Channel channel) => channel switch
    {
        Channel.Call => "call",
        Channel.Sms => "sms",
        Channel.Email => "email",
        Channel.Letter => "letter",
        Channel.SocialMedia => "social_media",
        Channel.Action => "action",
    };

    public static string MediumName(Channel channel) => channel switch
    {
        Channel.Call => "calls",
        Channel.Sms => "texts",
        Channel.Email => "e-mails",
        Channel.Letter => "letters",
        Channel.SocialMedia => "social-media messages",
        Channel.Action => "collection actions",
    };

    /// <summary>
    /// Whether the person opted out of this medium or this address, and when (null when the flags do not say):
    /// a medium-wide opt-out, an address-specific one, a STOP-like reply on the address, or an oral stop request on the medium.
    /// </summary>
    public static bool OptedOut(EvaluationContext c, out Instant? at, out string how)
    {
        var p = c.Proposal;
        at = null;
        how = "";
        if (c.Facts.OptedOutChannels.Contains(p.Channel))
        {
            // A STOP on the address dates the medium-wide opt-out, so "one confirmation, then nothing" can be checked (§2.7).
            at = p.To is { } address ? LatestStop(c, address) : null;
            how = $"asked not to be contacted by {ChannelName(p.Channel)}";
            return true;
        }

        if (p.To is { } to)
        {
            foreach (var a in c.Facts.OptedOutAddresses)
            {
                if (a.SameEndpoint(to) && Reaches(a.Kind, p.Channel))
                {
                    // Named by medium and number, not by the address kind: a stored account records a mobile's withheld call consent under a call-only kind.
                    how = $"opted out of {MediumName(p.Channel)} to {a.Value}";
                    at = LatestStop(c, to);
                    return true;
                }
            }

            if (LatestStop(c, to) is { } stop)
            {
                at = stop;
                how = "replied with an opt-out (e.g. STOP) from this address";
                return true;
            }
        }

        if (c.Facts.CeaseRequested && c.Facts.CeaseRequestForm == RequestForm.Oral && c.Facts.CeaseRequestedAt is { } oralAt)
        {
            foreach (var r in c.Facts.HistoryArray)
            {
                if (r.Direction == Direction.Inbound && r.At == oralAt && r.Channel == p.Channel)
                {
                    at = oralAt;
                    how = $"said to stop on a {ChannelName(p.Channel)}";
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The latest inbound STOP-like message from the endpoint, in the proposal's medium, before the proposal.</summary>
    public static Instant? LatestStop(EvaluationContext c, ContactAddress to)
    {
        Instant? latest = null;
        foreach (var r in c.Facts.HistoryArray)
        {
            if (r.Direction == Direction.Inbound && r.At <= c.At && r.Channel == c.Proposal.Channel && IsStopMessage(r.Body)
                && (r.To is null || r.To.Value.SameEndpoint(to)))
            {
                latest = r.At;
            }
        }

        return latest;
    }

    /// <summary>Whether an outbound message in the proposal's medium to the address was already sent after <paramref name="since"/>.</summary>
    public static bool SentSince(EvaluationContext c, Instant since)
    {
        foreach (var r in c.Facts.HistoryArray)
        {
            if (r.Direction == Direction.Outbound && r.Channel == c.Proposal.Channel && r.At > since && r.At <= c.At
                && (r.To is null || c.Proposal.To is null || r.To.Value.SameEndpoint(c.Proposal.To.Value)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The recorded Reg F basis for using an electronic address (keyed by the address in any kind), or that the consumer used it.</summary>
    public static string? Basis(EvaluationContext c, ContactAddress to)
    {
        foreach (var (address, basis) in c.Facts.ElectronicChannelBasis)
        {
            if (ContactAddress.TryParse(address, out var a) && a.SameEndpoint(to) && !string.IsNullOrWhiteSpace(basis))
            {
                return basis;
            }
        }

        // A structured consent in force is the consumer's direct consent, oral or written (1006.6(d)(4)(i)(B)).
        foreach (var consent in c.Facts.ElectronicConsents)
        {
            if (consent.Address.SameEndpoint(to) && !consent.RevokedBy(c.At) && (consent.GivenAt is not { } given || given <= c.At))
            {
                return "1006.6(d)(4)(i)(B): the consumer consented to contact at this address";
            }
        }

        foreach (var r in c.Facts.HistoryArray)
        {
            if (r.Direction == Direction.Inbound && r.Channel == c.Proposal.Channel && r.To is { } from && from.SameEndpoint(to) && r.At <= c.At)
            {
                return "the consumer used this address to communicate with the collector";
            }
        }

        return null;
    }

    /// <summary>
    /// What the structured consents (<c>consumer.electronic_consents[]</c>) say about written consent at
    /// <paramref name="to"/>: true when one is in writing and in force, false when every one recorded is oral, not yet
    /// given or revoked, null when none is recorded for the address.
    /// </summary>
    public static bool? WrittenConsent(EvaluationContext c, ContactAddress to)
    {
        bool? written = null;
        foreach (var consent in c.Facts.ElectronicConsents)
        {
            if (!consent.Address.SameEndpoint(to))
            {
                continue;
            }

            if (consent.InWriting && !consent.RevokedBy(c.At) && (consent.GivenAt is not { } given || given <= c.At))
            {
                return true;
            }

            written = false;
        }

        return written;
    }

    public static bool Automated(ContentFacts content) =>
        content.UsesPrerecordedVoice == true || content.Automated == true || content.AutomatedBatch == true;

    public static bool IsWireless(ContactAddress to) => to.Kind is AddressKind.Mobile or AddressKind.Sms;

    // Loops rather than LINQ: a lambda capturing a local allocates its closure on entry to the method, on every evaluation.
    public static bool EmployerProvided(EvaluationContext c, ContactAddress to)
    {
        foreach (var e in c.Facts.EmailAddresses)
        {
            if (e.EmployerProvided && string.Equals(e.Value, to.Value, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether an address-specific opt-out names this endpoint (of <paramref name="kind"/> only, when given).</summary>
    public static bool AddressOptedOut(EvaluationContext c, ContactAddress to, AddressKind? kind = null)
    {
        foreach (var a in c.Facts.OptedOutAddresses)
        {
            if ((kind is null || a.Kind == kind) && a.SameEndpoint(to))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>Honour a request not to use a medium, or a specific address within it (STOP counts).</summary>
public sealed class RegFMediumOptOut : Rule
{
    public override string Id => "US-REGF-MEDIUM-OPTOUT";

    public override string Citation => "12 CFR 1006.14(h); comments 14(h)(1)-1, -2, -3; CFPB FAQ (Electronic Communications Q1)";

    public override RuleStage Stage => RuleStage.ChannelEligibility;

    public override RuleResult Evaluate(EvaluationContext c)
    {
        if (!c.RegF || !c.Proposal.IsContact)
        {
            return NotApplicable("Not a Reg F contact.");
        }

        if (!Channels.OptedOut(c, out var at, out var how))
        {
            return Pass("No opt-out of this medium or address.");
        }

        if (c.Content.IsOptOutConfirmation == true && c.Content.IncludesCollectionContent != true && c.Content.RequestsPayment != true)
        {
            return at is { } since && Channels.SentSince(c, since)
                ? Deny($"The person {how}; the one confirmation was already sent.")
                : Pass("A single confirmation of the opt-out is allowed.");
        }

        if (c.TimeException == TimeException.SingleSameMediumReply && c.LatestInbound() is { } inbound && !Channels.IsStopMessage(inbound.Body)
            && (at is null || inbound.At > at))
        {
            return Pass("One response, in that medium, to a contact the person initiated after opting out.");
        }

        if (string.Equals(c.Content.Purpose, "required_by_law", StringComparison.Ordinal))
        {
            return Pass("A communication required by law.");
        }

        return Deny($"The person {how}.");
    }
}

/// <summary>E-mail needs a 1006.6(d)(3)-(4) basis: the consumer used the address or consented, the creditor procedure, or a prior collector's compliant address.</summary>
public sealed class RegFEmailProcedures : Rule
{
    public override string Id => "US-REGF-EMAIL-PROCEDURES";

    public override string Citation => "12 CFR 1006.6(d)(3)-(4)";

    public override RuleStage Stage => RuleStage.ChannelEligibility;

    public override RuleResult Evaluate(EvaluationContext c)
    {
        if (!c.RegF || c.Proposal.Channel != Channel.Email || c.AddressedToThirdParty)
        {
            return NotApplicable("Not an e-mail to the consumer.");
        }

        if (c.Proposal.To is not { } to)
        {
            return RuleResult.Missing("proposed_action.to", "No e-mail address given.");
        }

        var basis = Channels.Basis(c, to);
        if (basis is null)
        {
            return RuleResult.Missing($"consumer.electronic_channel_basis[{to}]", "No 1006.6(d)(4) basis is recorded for this e-mail address.");
        }

        return basis.Contains("bounced", StringComparison.OrdinalIgnoreCase) || basis.Contains("bad address", StringComparison.OrdinalIgnoreCase)
            ? Deny("The address is known to be bad.")
            : Pass($"Basis for e-mail: {basis}.");
    }
}

/// <summary>SMS needs the consumer to have texted from the number or consented, and a number not known to be reassigned.</summary>
public sealed class RegFSmsProcedures : Rule
{
    public override string Id => "US-REGF-SMS-PROCEDURES";

    public override string Citation => "12 CFR 1006.6(d)(5) (verify paragraph); 47 CFR 64.1200(m)";

    public override RuleStage Stage => RuleStage.ChannelEligibility;

    public override RuleResult Evaluate(EvaluationContext c)
    {
        if (!c.RegF || c.Proposal.Channel != Channel.Sms || c.AddressedToThirdParty)
        {
            return NotApplicable("Not an SMS to the consumer.");
        }

        if (c.Proposal.To is not { } to)
        {
            return RuleResult.Missing("proposed_action.to", "No number given.");
        }

        if (c.Content.NumberReassigned == true)
        {
            return Deny("The number is known to be reassigned.");
        }

        var basis = Channels.Basis(c, to);
        return basis is null
            ? RuleResult.Missing($"consumer.electronic_channel_basis[{to}]", "No record that the consumer texted from this number or consented to texts.")
            : Pass($"Basis for SMS: {basis}.");
    }
}

/// <summary>No e-mail to an address the collector knows the employer provided, unless the consumer used it or consented.</summary>
public sealed partial class RegFWorkEmail : Rule
{
    public override string Id => "US-REGF-WORK-EMAIL";

    public override string Citation => "12 CFR 1006.22(f)(3); comment 22(f)(3)-1";

    public override RuleStage Stage => RuleStage.ChannelEligibility;

    public override RuleResult Evaluate(EvaluationContext c)
    {
        if (!c.RegF || c.Proposal.Channel != Channel.Email || c.Proposal.To is not { } to)
        {
            return NotApplicable("Not an e-mail.");
        }

        if (!Channels.EmployerProvided(c, to))
        {
            return Pass("Not an employer-provided address.");
        }

        var basis = Channels.Basis(c, to);
        return basis is not null && ConsumerUsedOrConsented().IsMatch(basis)
            ? Pass("Employer-provided, but the consumer used it or consented (1006.6(d)(4)(i)/(iii)).")
            : Deny("The address was provided by the consumer's employer.");
    }

    [GeneratedRegex(@"\(d\)\(4\)\((i|iii)\)|consumer used|used (this|the) address|consent", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ConsumerUsedOrConsented();
}

/// <summary>No public social-media posts about the debt; private messages only.</summary>
public sealed class RegFSocialMedia : Rule
{
    public override string Id => "US-REGF-SOCIAL-MEDIA";

    public override string Citation => "12 CFR 1006.22(f)(4)";

    public override RuleStage Stage => RuleStage.ChannelEligibility;

    public override RuleResult Evaluate(EvaluationContext c)
    {
        if (!c.RegF || c.Proposal.Channel != Channel.SocialMedia)
        {
            return NotApplicable("Not social media.");
        }

        return c.Content.Visibility switch
        {
            "private" or "direct" or "private_message" => Pass("A private message."),
            null => RuleResult.Missing("content.visibility", "Whether the message is private is not stated."),
            _ => Deny("A message the public or the consumer's contacts could see."),
        };
    }
}

/// <summary>Autodialled calls and texts to wireless numbers, and any prerecorded voice, need prior express consent.</summary>
public sealed class TcpaAutodialConsent : Rule
{
    public override string Id => "US-TCPA-AUTODIAL-CONSENT";

    public override string Citation => "47 U.S.C. 227(b)(1)(A)(iii), (b)(3); 47 CFR 64.1200(a)(1)";

    public override RuleStage Stage => RuleStage.ChannelEligibility;

    public override RuleResult Evaluate(EvaluationContext c)
    {
        if (!c.Facts.Jurisdiction.IsUs || c.Proposal.Channel is not (Channel.Call or Channel.Sms) || c.Proposal.To is not { } to)
        {
            return NotApplicable("Not a call or text.");
        }

        var prerecorded = c.Content.UsesPrerecordedVoice == true;
        var covered = prerecorded ? to.Kind != AddressKind.Landline : Channels.Automated(c.Content) && Channels.IsWireless(to);
        if (!covered)
        {
            return NotApplicable("Not an autodialled or prerecorded contact to a wireless number.");
        }

        foreach (var (address, consent) in c.Facts.TcpaPriorExpressConsent)
        {
            if (ContactAddress.TryParse(address, out var a) && a.SameEndpoint(to))
            {
                return consent ? Pass("Prior express consent on this number.") : Deny("No prior express consent on this number.");
            }
        }

        // Built here, not passed to ByFact: the missing fact names the number, and the hot path should not format it.
        return RuleResult.Missing($"consumer.tcpa_prior_express_consent[{to}]", "Prior express consent for this number is not recorded.");
    }
}

/// <summary>Revocation by any reasonable means (STOP, etc.) is honoured at once; one confirmation text within 5 minutes is allowed.</summary>
public sealed class TcpaRevocation : Rule
{
    private static readonly Duration ConfirmationWindow = Duration.FromMinutes(5);

    public override string Id => "US-TCPA-REVOCATION";

    public override string Citation => "47 CFR 64.1200(a)(10), (a)(12); FCC TCPA Consent Revocation Order (Feb 2024, CG Docket 02-278)";

    public override RuleStage Stage => RuleStage.ChannelEligibility;

    public override RuleResult Evaluate(EvaluationContext c)
    {
        var p = c.Proposal;
        if (!c.Facts.Jurisdiction.IsUs || !(p.Channel == Channel.Sms || (p.Channel == Channel.Call && Channels.Automated(p.Content))))
        {
            return NotApplicable("Not a text or an automated call.");
        }

        if (p.Channel == Channel.Call && !c.Facts.OptedOutChannels.Contains(Channel.Call) && (p.To is null || !Channels.AddressOptedOut(c, p.To.Value)))
        {
            return Pass("Consent not revoked for calls to this number.");
        }

        if (!Channels.OptedOut(c, out var at, out var how))
        {
            return Pass("Consent not revoked.");
        }

        if (p.Content.IsOptOutConfirmation == true && p.Content.IncludesCollectionContent != true && p.Content.RequestsPayment != true)
        {
            if (at is { } since && (Channels.SentSince(c, since) || c.At - since > ConfirmationWindow))
            {
                return Deny("Only one confirmation, within 5 minutes of the revocation, is allowed.");
            }

            return Pass("One confirmation of the revocation, with no collection content.");
        }

        return Deny($"Consent revoked: the person {how}; the engine honours it immediately.");
    }
}

/// <summary>Check the FCC Reassigned Numbers Database before autodialled or prerecorded contact (safe harbour).</summary>
public sealed class TcpaReassigned : Rule
{
    public override string Id => "US-TCPA-REASSIGNED";

    public override string Citation => "47 CFR 64.1200(m)";

    public override RuleStage Stage => RuleStage.ChannelEligibility;

    public override RuleResult Evaluate(EvaluationContext c)
    {
        if (!c.Facts.Jurisdiction.IsUs || c.Proposal.Channel is not (Channel.Call or Channel.Sms) || !Channels.Automated(c.Content))
        {
            return NotApplicable("Not an autodialled or prerecorded contact.");
        }

        return c.Content.NumberReassigned == true
            ? Deny("The number is reported reassigned in the Reassigned Numbers Database.")
            : Pass("Number not reported reassigned.");
    }
}

/// <summary>Informational: the TCPA's 8–9 calling-time rule covers telephone solicitations; collection hours come from Reg F.</summary>
public sealed class TcpaQuietHoursScope : Rule
{
    public override string Id => "US-TCPA-QUIETHOURS-SCOPE";

    public override string Citation => "47 CFR 64.1200(c)(1)";

    public override RuleStage Stage => RuleStage.Record;

    public override RuleResult Evaluate(EvaluationContext c) =>
        c.Facts.Jurisdiction.IsUs && c.Proposal.Channel is Channel.Call or Channel.Sms
            ? Pass("Collection calling hours come from Reg F, not the TCPA solicitation rule.")
            : NotApplicable("Not a US call or text.");
}

/// <summary>New York City: e-mail, SMS and social media need written, revocable consent to electronic contact.</summary>
public sealed class NycElectronicConsent : Rule
{
    public override string Id => "US-NYC-ECOMM-CONSENT";

    public override string Citation => "6 RCNY 5-77 as amended (verify)";

    public override RuleStage Stage => RuleStage.ChannelEligibility;

    public override RuleResult Evaluate(EvaluationContext c)
    {
        if (!c.Facts.IsNyc || !c.Proposal.IsElectronic)
        {
            return NotApplicable("Not an electronic contact in New York City.");
        }

        var written = c.Proposal.To is { } to ? Channels.WrittenConsent(c, to) : null;
        if (written is null && c.Proposal.To is { } noted && FreeTextConsent(c, noted) is { } note)
        {
            return Pass($"Written consent to electronic contact: {note}.");
        }

        // The structured consents decide when they name the address; the free-text notes are read only without them.
        return ByFact(
            written,
            "Written, unrevoked consent to electronic contact at this address is recorded.",
            "The consent recorded for this address is oral, revoked or not yet given; NYC needs written, unrevoked consent to electronic contact.",
            "consumer.electronic_consents",
            "No written, unrevoked consent to electronic contact at this address (NYC).");
    }

    // Any unrevoked note in the free-text map counts, as before the structured consents.
    private static string? FreeTextConsent(EvaluationContext c, ContactAddress to)
    {
        foreach (var (address, consent) in c.Facts.ElectronicConsentNyc)
        {
            if (ContactAddress.TryParse(address, out var a) && a.SameEndpoint(to) && !string.IsNullOrWhiteSpace(consent)
                && !consent.Contains("revoked", StringComparison.OrdinalIgnoreCase))
            {
                return consent;
            }
        }

        return null;
    }
}

/// <summary>New York State: e-mail only to an address the consumer provided, with written consent to e-mail about the debt; never an employer address.</summary>
public sealed partial class NyDfsEmailConsent : Rule
{
    public override string Id => "US-NY-DFS-EMAIL-CONSENT";

    public override string Citation => "23 NYCRR 1.6 (verify current text)";

    public override RuleStage Stage => RuleStage.ChannelEligibility;

    public override RuleResult Evaluate(EvaluationContext c)
    {
        if (!(c.Facts.InUsState("NY") || c.Facts.IsNyc) || c.Proposal.Channel != Channel.Email || c.Proposal.To is not { } to)
        {
            return NotApplicable("Not an e-mail to a New York consumer.");
        }

        if (Channels.EmployerProvided(c, to))
        {
            return Deny("New York forbids e-mail to an employer-provided address.");
        }

        // The structured consents decide when they name the address; the free-text notes are read only without them.
        return ByFact(
            Channels.WrittenConsent(c, to) ?? (FreeTextWrittenConsent(c, to) ? true : null),
            "Written consent to e-mail is recorded.",
            "The consent recorded for this address is oral, revoked or not yet given; New York requires written consent to e-mail about this debt.",
            "consumer.electronic_consents",
            "New York requires written consent to e-mail about this debt.");
    }

    private static bool FreeTextWrittenConsent(EvaluationContext c, ContactAddress to)
    {
        foreach (var (address, consent) in c.Facts.ElectronicConsentNyc)
        {
            if (ContactAddress.TryParse(address, out var a) && a.SameEndpoint(to) && !string.IsNullOrWhiteSpace(consent))
            {
                return true;
            }
        }

        return Channels.Basis(c, to) is { } basis && WrittenConsent().IsMatch(basis);
    }

    [GeneratedRegex(@"writ", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WrittenConsent();
}

/// <summary>Massachusetts: no calls at work after the consumer asked (an oral request lasts 10 days unless confirmed in writing within 7).</summary>
public sealed class MaWorkplaceRequest : Rule
{
    public override string Id => "US-MA-WORKPLACE-REQUEST";

    public override string Citation => "209 CMR 18.16(1)(c); 940 CMR 7.04(1)(h)";

    public override RuleStage Stage => RuleStage.TimeAndPlace;

    public override RuleResult Evaluate(EvaluationContext c)
    {
        if (!c.Facts.InUsState("MA") || c.Proposal.Channel != Channel.Call || !c.ProposalTargets(AddressKind.Work))
        {
            return NotApplicable("Not a Massachusetts call to work.");
        }

        var asked = Channels.AddressOptedOut(c, c.Proposal.To!.Value, AddressKind.Work)
            || c.Facts.EmployerProhibitsWorkplaceContact;
        return asked ? Deny("The consumer asked for no calls at work.") : Pass("No request to stop calls at work.");
    }
}
