using System.Collections.Concurrent;
using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Parley.Modules.Compliance.Engine;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Compliance.Model;
using Parley.Modules.Compliance.Time;

namespace Parley.Modules.Compliance.Rules;

/// <summary>The 08:00–21:00 window checks the US and UK timing rules share.</summary>
internal static class ConvenientHours
{
    private static readonly LocalTime Eight = new(8, 0);
    private static readonly LocalTime Nine = new(21, 0);
    private static readonly ConcurrentDictionary<(Duration, bool), ContactWindow> Windows = new();
    private static readonly LocalDateTimePattern LocalPattern = LocalDateTimePattern.CreateWithInvariantCulture("ddd HH':'mm");

    // The last window asked for, per kind: nearly every call uses one buffer, so the dictionary is the fallback.
    private static CachedWindow? lastUs;
    private static CachedWindow? lastUk;

    public static ContactWindow Window(ComplianceOptions options, bool ukPolicyDays)
    {
        var last = ukPolicyDays ? lastUk : lastUs;
        if (last is not null && last.Buffer == options.ContactWindowBuffer)
        {
            return last.Window;
        }

        var window = Windows.GetOrAdd((options.ContactWindowBuffer, ukPolicyDays), key =>
            ContactWindow.Between(Eight, Nine, key.Item1, key.Item2 ? UkBankHolidays.IsSundayOrBankHoliday : null));
        if (ukPolicyDays)
        {
            lastUk = new CachedWindow(options.ContactWindowBuffer, window);
        }
        else
        {
            lastUs = new CachedWindow(options.ContactWindowBuffer, window);
        }

        return window;
    }

    private sealed record CachedWindow(Duration Buffer, ContactWindow Window);

    /// <summary>Channels the hours rules cover: everything but letters (posted, not received at a time) and actions.</summary>
    public static bool Timed(Proposal p) => p.Channel is Channel.Call or Channel.Sms or Channel.Email or Channel.SocialMedia;

    public static bool OpenInAll(ContactWindow window, Instant at, DateTimeZone[] zones)
    {
        foreach (var z in zones)
        {
            if (!window.IsOpen(at, z))
            {
                return false;
            }
        }

        return true;
    }

    public static string Outside(ContactWindow window, Instant at, DateTimeZone[] zones)
    {
        var parts = new List<string>();
        foreach (var z in zones)
        {
            if (!window.IsOpen(at, z))
            {
                parts.Add($"{LocalPattern.Format(at.InZone(z).LocalDateTime)} in {z.Id}");
            }
        }

        return string.Join(", ", parts);
    }

    /// <summary>Whether any consumer-designated inconvenient time covers the proposal, and when the designation next ends.</summary>
    public static bool InDesignatedTime(EvaluationContext c, out Instant endsAt)
    {
        endsAt = c.At;
        var covered = false;
        foreach (var designated in c.Facts.InconvenientTimes)
        {
            if (designated.RecordedAt is { } recorded && recorded > c.At)
            {
                continue;
            }

            foreach (var zone in c.Zones)
            {
                var local = c.At.InZone(zone).LocalDateTime;
                if (!designated.Covers(local))
                {
                    continue;
                }

                covered = true;
                var endDate = designated.From <= designated.To || local.TimeOfDay < designated.To ? local.Date : local.Date.PlusDays(1);
                var end = zone.AtLeniently(endDate + designated.To).ToInstant();
                if (end > endsAt)
                {
                    endsAt = end;
                }
            }
        }

        return covered;
    }

    public static string Format(Instant at) => at.ToString("uuuu-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

/// <summary>No communication or attempt before 08:00 or after 21:00 at the consumer's location (both boundary instants denied).</summary>
public sealed class RegFTime8To9 : Rule
{
    public override string Id => "US-REGF-TIME-8TO9";

    public override string Citation => "15 U.S.C. 1692c(a)(1); 12 CFR 1006.6(b)(1)(i)";

    public override RuleStage Stage => RuleStage.TimeAndPlace;

    public override RuleResult Evaluate(EvaluationContext c)
    {
        if (!c.RegF || !ConvenientHours.Timed(c.Proposal))
        {
            return NotApplicable("Not a timed contact under Reg F.");
        }

        if (c.Zones.Length == 0)
        {
            return RuleResult.Missing("consumer time zone", "No location evidence and the deployment allows no contact until a location is established.");
        }

        if (c.TimeException == TimeException.DirectPriorConsent
            || (c.TimeException == TimeException.SingleSameMediumReply && c.Options.AllowOneReplyOutsideDefaultHours))
        {
            return Pass("An exception applies (direct prior consent, or one same-medium reply to the consumer).");
        }

        var window = ConvenientHours.Window(c.Options, false);
        if (ConvenientHours.OpenInAll(window, c.At, c.Zones))
        {
            return Pass("After 08:00 and before 21:00 at the consumer's location.");
        }

        return RuleResult.Deny(
            $"{ConvenientHours.Outside(window, c.At, c.Zones)} is not after 08:00 and before 21:00 local; presumed inconvenient.",
            window.NextOpenInAll(c.At, c.Zones));
    }
}

/// <summary>When the consumer's location is uncertain, the contact must be convenient in every candidate zone.</summary>
public sealed class RegFTimeMultiZone : Rule
{
    public override string Id => "US-REGF-TIME-MULTIZONE";

    public override string Citation => "12 CFR 1006.6(b)(1)(i); comment 6(b)(1)(i)-1 (verify); CFPB FAQ (Unusual or Inconvenient Times)";

    public override RuleStage Stage => RuleStage.TimeAndPlace;

    public override RuleResult Evaluate(EvaluationContext c)
    {
        if (!c.RegF || !ConvenientHours.Timed(c.Proposal) || c.Zones.Length < 2)
        {
            return NotApplicable("One candidate zone (or not a timed contact).");
        }

        if (c.HasTimeException && (c.TimeException == TimeException.DirectPriorConsent || c.Options.AllowOneReplyOutsideDefaultHours))
        {
            return Pass("An exception applies.");
        }

        var window = ConvenientHours.Window(c.Options, false);
        if (ConvenientHours.OpenInAll(window, c.At, c.Zones))
        {
            return Pass("Convenient in every candidate zone.");
        }

        var why = c.Facts.Zones.FromUnknownLocationPolicy ? "location unknown, so every US zone is a candidate" : "location evidence conflicts";
        return RuleResult.Deny(
            $"Not convenient in every candidate zone ({why}): {ConvenientHours.Outside(window, c.At, c.Zones)}.",
            window.NextOpenInAll(c.At, c.Zones));
    }
}

/// <summary>A time the consumer said is inconvenient is denied (a note in the file counts as knowledge).</summary>
public sealed class RegFTimeDesignated : Rule
{
    public override string Id => "US-REGF-TIME-DESIGNATED";

    public override string Citation => "12 CFR 1006.6(b)(1)(i); comment 6(b)(1)-1";

    public override RuleStage Stage => RuleStage.TimeAndPlace;

    public override RuleResult Evaluate(EvaluationContext c)
    {
        if (!c.RegF || !ConvenientHours.Timed(c.Proposal) || c.Facts.InconvenientTimes.Count == 0)
        {
            return NotApplicable("No consumer-designated inconvenient times.");
        }

        if (!ConvenientHours.InDesignatedTime(c, out var endsAt))
        {
            return Pass("Outside every time the consumer designated as inconvenient.");
        }

        if (c.HasTimeException)
        {
            return Pass("Within a designated time, but the consumer initiated this exchange or consented.");
        }

        return RuleResult.Deny("The consumer designated this time as inconvenient.", endsAt);
    }
}

/// <summary>One same-medium response to a consumer-initiated contact, or a contact with direct prior consent, may be made at an otherwise inconvenient time.</summary>
public sealed class RegFTimeExceptions : Rule
{
    public override string Id => "US-REGF-TIME-EXCEPTIONS";

    public override string Citation => "12 CFR 1006.6(b)(1), (b)(4); comment 6(b)(1)-2; CFPB FAQ (Unusual/Inconvenient Q5-Q6)";

    public override RuleStage Stage => RuleStage.TimeAndPlace;

    public override RuleResult Evaluate(EvaluationContext c)
    {
        if (!c.RegF || !ConvenientHours.Timed(c.Proposal) || (c.Content.RespondsToConsumerInitiated != true && c.Content.PursuantToPriorConsent != true))
        {
            return NotApplicable("No exception claimed.");
        }

        var window = ConvenientHours.Window(c.Options, false);
        var inconvenient = !ConvenientHours.OpenInAll(window, c.At, c.Zones) || ConvenientHours.InDesignatedTime(c, out _);
        if (!inconvenient)
        {
            return Pass("The time is convenient; no exception is needed.");
        }

        return c.TimeException switch
        {
            TimeException.DirectPriorConsent => Pass("The consumer gave direct prior consent to this contact."),
            TimeException.SingleSameMediumReply => Pass("One response, in the medium the consumer used, to a contact the consumer initiated."),
            TimeException.ReplyAlreadySent => RuleResult.Deny("Only one response to a consumer-initiated contact is allowed at an inconvenient time; it was already sent.", window.NextOpenInAll(c.At, c.Zones)),
            TimeException.ReplyInDifferentMedium => RuleResult.Deny("The response must use the medium the consumer used.", window.NextOpenInAll(c.At, c.Zones)),
            TimeException.ReplyWithoutInboundContact => RuleResult.Deny("No consumer-initiated contact is on record to respond to.", window.NextOpenInAll(c.At, c.Zones)),
            _ => RuleResult.Deny("Direct prior consent is claimed but none is recorded within the last 7 days.", window.NextOpenInAll(c.At, c.Zones)),
        };
    }
}

/// <summary>No contact at a place the collector knows is unusual or that the consumer designated inconvenient.</summary>
public sealed class RegFPlace : Rule
{
    public override string Id => "US-REGF-PLACE";

    public override string Citation => "12 CFR 1006.6(b)(1)(ii)";

    public override RuleStage Stage => RuleStage.TimeAndPlace;

    public override RuleResult Evaluate(EvaluationContext c) =>
        !c.RegF || !c.Proposal.IsContact
            ? NotApplicable("Not a contact under Reg F.")
            : ByFact(
                c.Content.AtInconvenientPlace is { } inconvenient ? !inconvenient : null,
                "Not at a known inconvenient place.",
                "The collector knows the consumer is at a place that is unusual or that they designated inconvenient.",
                NotApplicable("No knowledge that the consumer is at an inconvenient place."));
}

/// <summary>No communication at the place of employment when the employer prohibits it.</summary>
public sealed class RegFWorkplace : Rule
{
    public override string Id => "US-REGF-WORKPLACE";

    public override string Citation => "15 U.S.C. 1692c(a)(3); 12 CFR 1006.6(b)(3)";

    public override RuleStage Stage => RuleStage.TimeAndPlace;

    public override RuleResult Evaluate(EvaluationContext c)
    {
        if (!c.RegF || !c.Proposal.IsContact || !c.ProposalTargets(AddressKind.Work))
        {
            return NotApplicable("Not a contact at the place of employment.");
        }

        return c.Facts.EmployerProhibitsWorkplaceContact
            ? Deny("The employer prohibits collection communications at work.")
            : Pass("No knowledge that the employer prohibits contact at work.");
    }
}

/// <summary>UK: no contact at unreasonable times — 08:00–21:00 UK local by policy, no Sundays or bank holidays, customer-designated times first.</summary>
public sealed class UkConcContactTimes : Rule
{
    public override string Id => "UK-CONC-CONTACT-TIMES";

    public override string Citation => "CONC 7.9 (likely 7.9.4R, verify); MCOB 13.5.3R, 13.5.4G";

    public override RuleStage Stage => RuleStage.TimeAndPlace;

    public override RuleResult Evaluate(EvaluationContext c)
    {
        if (!c.Facts.Jurisdiction.IsUk || !ConvenientHours.Timed(c.Proposal))
        {
            return NotApplicable("Not a timed UK contact.");
        }

        if (c.Zones.Length == 0)
        {
            return RuleResult.Missing("consumer time zone", "The customer's location is unknown.");
        }

        if (ConvenientHours.InDesignatedTime(c, out var endsAt) && c.TimeException != TimeException.SingleSameMediumReply)
        {
            return RuleResult.Deny("The customer asked not to be contacted at this time.", endsAt);
        }

        var window = ConvenientHours.Window(c.Options, c.Options.UkNoSundaysOrBankHolidays);
        if (ConvenientHours.OpenInAll(window, c.At, c.Zones))
        {
            return Pass("Within 08:00–21:00 UK local on a working day or Saturday.");
        }

        return RuleResult.Deny(
            $"{ConvenientHours.Outside(window, c.At, c.Zones)} is outside the reasonable-hours policy (08:00–21:00, no Sundays or bank holidays).",
            window.NextOpenInAll(c.At, c.Zones));
    }
}

/// <summary>Massachusetts keeps the federal 08:00–21:00 default (for creditors: normal waking hours, 8–9 if unknown).</summary>
public sealed class MaTime : Rule
{
    public override string Id => "US-MA-TIME";

    public override string Citation => "209 CMR 18.16(1)(a)";

    public override RuleStage Stage => RuleStage.TimeAndPlace;

    public override RuleResult Evaluate(EvaluationContext c)
    {
        if (!c.Facts.InUsState("MA") || !ConvenientHours.Timed(c.Proposal) || c.Zones.Length == 0)
        {
            return NotApplicable("Not a timed Massachusetts contact.");
        }

        if (c.TimeException == TimeException.DirectPriorConsent
            || (c.TimeException == TimeException.SingleSameMediumReply && c.Options.AllowOneReplyOutsideDefaultHours))
        {
            return Pass("The consumer consented to this time, or this is one same-medium reply to them.");
        }

        var window = ConvenientHours.Window(c.Options, false);
        return ConvenientHours.OpenInAll(window, c.At, c.Zones)
            ? Pass("Within 08:00–21:00 in Massachusetts.")
            : RuleResult.Deny($"{ConvenientHours.Outside(window, c.At, c.Zones)} is outside 08:00–21:00.", window.NextOpenInAll(c.At, c.Zones));
    }
}
