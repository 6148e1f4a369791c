using NodaTime;
using Parley.Modules.Compliance.Engine;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Compliance.Model;

namespace Parley.Modules.Compliance.Rules;

/// <summary>Which past contacts each frequency rule counts (catalogue §2.4).</summary>
internal static class Counting
{
    /// <summary>Reg F placed calls: outbound, connected to the dialled number, not made with direct prior consent.</summary>
    public static bool RegFPlacedCall(ContactRecord r, string debt) =>
        r.Channel == Channel.Call && r.Direction == Direction.Outbound && r.Connected && !r.PursuantToPriorConsent && r.IsAbout(debt);

    /// <summary>Whether the proposed call is excluded from the Reg F counts (direct prior consent within 7 days, or a call to the consumer's attorney).</summary>
    public static bool ProposalExcluded(EvaluationContext c) =>
        (c.Content.PursuantToPriorConsent == true && c.HasRecentDirectPriorConsent())
        || c.Content.AddresseeRole is "attorney" or "consumer_attorney";

    public static bool RegFCall(EvaluationContext c) => c.RegF && c.Proposal.Channel == Channel.Call;

    /// <summary>The latest telephone conversation about <paramref name="debt"/> at or before the proposal.</summary>
    public static ContactRecord? LatestConversation(EvaluationContext c, string debt)
    {
        ContactRecord? latest = null;
        foreach (var r in c.Facts.HistoryArray)
        {
            if (r.Channel == Channel.Call && r.Outcome == ContactOutcome.Conversation && r.At <= c.At && r.IsAbout(debt))
            {
                latest = r;
            }
        }

        return latest;
    }

    /// <summary>Whether the post-conversation period (conversation date = day 1, 7 days) covers the proposal in some calendar; when it ends.</summary>
    public static bool InPostConversationPeriod(EvaluationContext c, ContactRecord conversation, out Instant endsAt)
    {
        endsAt = c.At;
        var inside = false;
        foreach (var zone in c.CalendarZones)
        {
            var conversationDate = conversation.At.InZone(zone).Date;
            var proposalDate = c.At.InZone(zone).Date;
            if (Period.DaysBetween(conversationDate, proposalDate) <= 6)
            {
                inside = true;
                var eighth = zone.AtStartOfDay(conversationDate.PlusDays(7)).ToInstant();
                if (eighth > endsAt)
                {
                    endsAt = eighth;
                }
            }
        }

        return inside;
    }

    public static bool IsPhoneBucketOfWork(ContactAddress? to) => to is { Kind: AddressKind.Work };
}

/// <summary>At most 7 placed calls to a person about a debt within 7 consecutive days (the proposed call would be the 8th).</summary>
public sealed class RegFCallFrequency7In7 : Rule
{
    public override string Id => "US-REGF-CALLFREQ-7IN7";

    public override string Citation => "12 CFR 1006.14(b)(2)(i)(A), (b)(2)(ii)";

    public override RuleStage Stage => RuleStage.Frequency;

    public override RuleResult Evaluate(EvaluationContext c)
    {
        if (!Counting.RegFCall(c))
        {
            return NotApplicable("Not a telephone call under Reg F.");
        }

        if (Counting.ProposalExcluded(c))
        {
            return Pass("Excluded from the count (direct prior consent within 7 days, or a call to the consumer's attorney).");
        }

        foreach (var debt in c.DebtsDiscussed)
        {
            var check = c.CheckFrequency(debt, Counting.RegFPlacedCall, 7, 7, c.CalendarZones);
            if (check.Exceeded)
            {
                return RuleResult.Deny(
                    $"{check.WorstWindowCount} calls about {debt} already fall within 7 consecutive days; this would be call {check.WorstWindowCount + 1}.",
                    check.RoomAgainAt);
            }
        }

        return Pass("Within 7 calls in any 7 consecutive days, per person per debt across all numbers.");
    }
}

/// <summary>No placed call about a debt in the 7 days beginning on the date of a telephone conversation about it.</summary>
public sealed class RegFCallFrequencyPostConversation : Rule
{
    public override string Id => "US-REGF-CALLFREQ-POSTCONV";

    public override string Citation => "12 CFR 1006.14(b)(2)(i)(B); comment 14(b)(4)-1.ii; CFPB FAQ (Call Frequency Presumptions Q6)";

    public override RuleStage Stage => RuleStage.Frequency;

    public override RuleResult Evaluate(EvaluationContext c)
    {
        if (!Counting.RegFCall(c))
        {
            return NotApplicable("Not a telephone call under Reg F.");
        }

        if (Counting.ProposalExcluded(c))
        {
            return Pass("Excluded (direct prior consent within 7 days, or a call to the consumer's attorney).");
        }

        foreach (var debt in c.DebtsDiscussed)
        {
            if (Counting.LatestConversation(c, debt) is { } conversation && Counting.InPostConversationPeriod(c, conversation, out var endsAt))
            {
                return RuleResult.Deny(
                    $"A telephone conversation about {debt} took place on {conversation.At.InZone(c.CalendarZones[0]).Date:uuuu-MM-dd} (day 1); no call before day 8.",
                    endsAt);
            }
        }

        return Pass("No telephone conversation about the debt within the last 7 days.");
    }
}

/// <summary>Calls never connected, and calls made with direct prior consent (≤ 7 days), are not counted.</summary>
public sealed class RegFCallFrequencyExclusions : Rule
{
    public override string Id => "US-REGF-CALLFREQ-EXCLUSIONS";

    public override string Citation => "12 CFR 1006.14(b)(3)-(4); CFPB FAQ (excluded calls)";

    public override RuleStage Stage => RuleStage.Frequency;

    public override RuleResult Evaluate(EvaluationContext c)
    {
        if (!Counting.RegFCall(c))
        {
            return NotApplicable("Not a telephone call under Reg F.");
        }

        var excluded = 0;
        foreach (var r in c.Facts.HistoryArray)
        {
            if (r.Channel == Channel.Call && r.Direction == Direction.Outbound && (!r.Connected || r.PursuantToPriorConsent))
            {
                excluded++;
            }
        }

        if (Counting.ProposalExcluded(c))
        {
            return Pass("This call is excluded from both counts.");
        }

        return excluded > 0
            ? Pass($"{excluded} earlier call(s) excluded from the counts (never connected, or made with direct prior consent).")
            : NotApplicable("No excluded calls.");
    }
}

/// <summary>A call counts toward every debt it discusses; a conversation about several debts starts the 7-day period for each.</summary>
public sealed class RegFCallFrequencyMultiDebt : Rule
{
    public override string Id => "US-REGF-CALLFREQ-MULTIDEBT";

    public override string Citation => "12 CFR 1006.14(b)(2); comment 14(b)(4)-1.ii; CFPB FAQ (Presumptions Q6)";

    public override RuleStage Stage => RuleStage.Frequency;

    public override RuleResult Evaluate(EvaluationContext c)
    {
        if (!Counting.RegFCall(c) || !c.DiscussesMoreThanOneDebt)
        {
            return NotApplicable("The call discusses one debt.");
        }

        if (Counting.ProposalExcluded(c))
        {
            return Pass("Excluded from the counts.");
        }

        foreach (var debt in c.DebtsDiscussed)
        {
            var check = c.CheckFrequency(debt, Counting.RegFPlacedCall, 7, 7, c.CalendarZones);
            if (check.Exceeded)
            {
                return RuleResult.Deny($"The call would also discuss {debt}, which already has {check.WorstWindowCount} calls within 7 days.", check.RoomAgainAt);
            }

            if (Counting.LatestConversation(c, debt) is { } conversation && Counting.InPostConversationPeriod(c, conversation, out var endsAt))
            {
                return RuleResult.Deny($"The call would also discuss {debt}, which had a telephone conversation within the last 7 days.", endsAt);
            }
        }

        return Pass("Every debt the call discusses is within its limits.");
    }
}

/// <summary>No pattern that harasses: platform caps of 1 SMS a day, 3 SMS in 7 days and 1 e-mail a day (policy).</summary>
public sealed class RegFHarassmentGeneral : Rule
{
    public override string Id => "US-REGF-HARASS-GENERAL";

    public override string Citation => "12 CFR 1006.14(a); comment 14(a)-1.i";

    public override RuleStage Stage => RuleStage.Frequency;

    public override RuleResult Evaluate(EvaluationContext c)
    {
        if (!c.RegF || c.Proposal.Channel is not (Channel.Sms or Channel.Email) || c.Content.IsOptOutConfirmation == true
            || c.TimeException == TimeException.SingleSameMediumReply)
        {
            return NotApplicable("Not an outbound SMS or e-mail the caps cover.");
        }

        var channel = c.Proposal.Channel;
        if (channel == Channel.Sms)
        {
            var day = c.CheckFrequency(channel, Outbound, c.Options.SmsPerDayCap, 1, c.Zones);
            if (day.Exceeded)
            {
                return RuleResult.Deny($"{day.WorstWindowCount} SMS already sent today; the platform cap is {c.Options.SmsPerDayCap} a day.", day.RoomAgainAt);
            }

            var week = c.CheckFrequency(channel, Outbound, c.Options.SmsPerSevenDaysCap, 7, c.Zones);
            if (week.Exceeded)
            {
                return RuleResult.Deny($"{week.WorstWindowCount} SMS already sent within 7 days; the platform cap is {c.Options.SmsPerSevenDaysCap}.", week.RoomAgainAt);
            }

            return Pass("Within the SMS caps.");
        }

        var emails = c.CheckFrequency(channel, Outbound, c.Options.EmailPerDayCap, 1, c.Zones);
        return emails.Exceeded
            ? RuleResult.Deny($"{emails.WorstWindowCount} e-mail(s) already sent today; the platform cap is {c.Options.EmailPerDayCap} a day.", emails.RoomAgainAt)
            : Pass("Within the e-mail cap.");
    }

    private static bool Outbound(ContactRecord r, Channel channel) => r.Channel == channel && r.Direction == Direction.Outbound;
}

/// <summary>Massachusetts: at most 2 collector-initiated telephone communications (texts and recorded audio included) per debt in 7 days to a residence or mobile, 2 in 30 days to other numbers.</summary>
public sealed class MaCallFrequency2In7 : Rule
{
    public override string Id => "US-MA-CALLFREQ-2IN7";

    public override string Citation => "940 CMR 7.04(1)(f); 209 CMR 18.16(1)(d)";

    public override RuleStage Stage => RuleStage.Frequency;

    public override RuleResult Evaluate(EvaluationContext c)
    {
        if (!c.Facts.InUsState("MA") || c.Proposal.Channel is not (Channel.Call or Channel.Sms))
        {
            return NotApplicable("Not a Massachusetts telephone communication.");
        }

        if (c.Content.PursuantToPriorConsent == true || c.TimeException == TimeException.SingleSameMediumReply)
        {
            return Pass("Requested by the consumer; not counted.");
        }

        var work = Counting.IsPhoneBucketOfWork(c.Proposal.To);
        var state = (Debt: c.Proposal.DebtId, Work: work, Unconnected: c.Options.MassachusettsCountsUnconnectedAttempts);
        var check = c.CheckFrequency(state, Counts, 2, work ? 30 : 7, c.CalendarZones);
        return check.Exceeded
            ? RuleResult.Deny(
                work
                    ? $"{check.WorstWindowCount} telephone communications to a work number within 30 days; Massachusetts allows 2."
                    : $"{check.WorstWindowCount} telephone communications (calls, voicemails, texts) within 7 days; Massachusetts allows 2 to a residence or mobile.",
                check.RoomAgainAt)
            : Pass(work ? "Within 2 per 30 days to a work number." : "Within 2 per 7 days to residence or mobile.");
    }

    private static bool Counts(ContactRecord r, (string Debt, bool Work, bool Unconnected) s) =>
        r.Channel is Channel.Call or Channel.Sms && r.Direction == Direction.Outbound && (r.Connected || s.Unconnected)
        && !r.PursuantToPriorConsent && r.IsAbout(s.Debt) && Counting.IsPhoneBucketOfWork(r.To) == s.Work;
}

/// <summary>New York City: at most 3 communications or attempts per account in 7 days, across every channel.</summary>
public sealed class NycFrequency3In7 : Rule
{
    public override string Id => "US-NYC-FREQ-3IN7";

    public override string Citation => "6 RCNY 5-77 as amended (DCWP; reported effective 1 Sep 2026; verify final text and date)";

    public override RuleStage Stage => RuleStage.Frequency;

    public override RuleResult Evaluate(EvaluationContext c)
    {
        if (!c.Facts.IsNyc || !c.Proposal.IsContact || c.Content.IsOptOutConfirmation == true)
        {
            return NotApplicable("Not a New York City contact.");
        }

        if (c.Options.NycFrequencyEffectiveFrom is { } from && c.ConsumerDate < from)
        {
            return NotApplicable("Before the amended NYC rule applies.");
        }

        var check = c.CheckFrequency(c.Proposal.DebtId, Counts, 3, 7, c.CalendarZones);
        return check.Exceeded
            ? RuleResult.Deny($"{check.WorstWindowCount} communications or attempts about this account within 7 days; NYC allows 3 across all channels.", check.RoomAgainAt)
            : Pass("Within 3 communications or attempts in 7 days across all channels.");
    }

    private static bool Counts(ContactRecord r, string debt) => r.Direction == Direction.Outbound && r.IsAbout(debt);
}

/// <summary>Washington: more than 3 communications in a week, or more than 1 a week at work, is presumed harassment.</summary>
public sealed class WaFrequency3PerWeek : Rule
{
    public override string Id => "US-WA-FREQ-3PERWEEK";

    public override string Citation => "RCW 19.16.250(13) (verify subsection)";

    public override RuleStage Stage => RuleStage.Frequency;

    public override RuleResult Evaluate(EvaluationContext c)
    {
        if (!c.Facts.InUsState("WA") || !c.Proposal.IsContact || c.TimeException == TimeException.SingleSameMediumReply || c.Content.RespondsToConsumerInitiated == true)
        {
            return NotApplicable("Not an unsolicited Washington contact.");
        }

        var all = c.CheckFrequency(false, Counts, 3, 7, c.CalendarZones);
        if (all.Exceeded)
        {
            return RuleResult.Deny($"{all.WorstWindowCount} communications within a week; Washington presumes more than 3 is harassment.", all.RoomAgainAt);
        }

        if (c.ProposalTargets(AddressKind.Work))
        {
            var work = c.CheckFrequency(true, Counts, 1, 7, c.CalendarZones);
            if (work.Exceeded)
            {
                return RuleResult.Deny("Already one communication at the place of employment this week; Washington allows 1.", work.RoomAgainAt);
            }
        }

        return Pass("Within 3 a week (1 at work).");
    }

    private static bool Counts(ContactRecord r, bool workOnly) =>
        r.Direction == Direction.Outbound && r.Connected && (!workOnly || r.To is { Kind: AddressKind.Work });
}

/// <summary>TCPA: prerecorded-voice calls to a residential line without consent — at most 3 in 30 days, each with an automated opt-out.</summary>
public sealed class TcpaPrerecordedLandline3In30 : Rule
{
    public override string Id => "US-TCPA-PRERECORDED-LANDLINE-3IN30";

    public override string Citation => "47 CFR 64.1200(a)(3)(iii) (TRACED Act rule, effective 20 Jul 2023)";

    public override RuleStage Stage => RuleStage.Frequency;

    public override RuleResult Evaluate(EvaluationContext c)
    {
        if (!c.Facts.Jurisdiction.IsUs || c.Proposal.Channel != Channel.Call || c.Content.UsesPrerecordedVoice != true || c.Proposal.To is not { Kind: AddressKind.Landline } to)
        {
            return NotApplicable("Not a prerecorded call to a residential line.");
        }

        if (c.Facts.TcpaPriorExpressConsent.TryGetValue(to.ToString(), out var consent) && consent)
        {
            return Pass("Prior express consent covers this line.");
        }

        // Checked before the count: without the mechanism no number of calls is lawful, so waiting does not help.
        var mechanism = ByFact(
            c.Content.IncludesOptOutMechanism,
            "Includes an automated opt-out mechanism.",
            "Each prerecorded call to a residential line must include an automated opt-out mechanism; this one has none.",
            "content.includes_optout_mechanism",
            "Each prerecorded call to a residential line must include an automated opt-out mechanism.");
        if (mechanism.Failed)
        {
            return mechanism;
        }

        var check = c.CheckFrequency(to, Counts, 3, 30, c.Zones);
        return check.Exceeded
            ? RuleResult.Deny($"{check.WorstWindowCount} prerecorded calls to this line within 30 days; the limit without consent is 3.", check.RoomAgainAt)
            : Pass("Within 3 prerecorded calls in 30 days.");
    }

    private static bool Counts(ContactRecord r, ContactAddress to) =>
        r.Channel == Channel.Call && r.Direction == Direction.Outbound && r.Prerecorded && r.To is { } a && a.SameEndpoint(to);
}
