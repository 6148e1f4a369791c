using System.Globalization;
using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Outreach.Contracts;
using Parley.SharedKernel;

namespace Parley.Modules.Outreach.Planning;

/// <summary>What the ladder has done with an account so far: one row per planned contact.</summary>
internal sealed record LadderRow(AccountId AccountId, int Rung, OutreachStep Step, PlannedContactStatus Status, Instant ScheduledAt, Instant? SentAt, string IdempotencyKey);

internal enum PlanOutcome
{
    Planned,
    AlreadyPlanned,
    NotDue,
    Blocked,
    LeftAlone,
}

/// <summary>One account's part of the day's plan: a planned row (or a blocked one, kept cancelled with the rule) and the gate decision to log with it.</summary>
internal sealed record AccountPlan(PlanOutcome Outcome, PlannedContact? Row, int? Ticket, string Why);

/// <summary>Everything the planner knows about one account, read set-based for its page.</summary>
internal sealed record PlanningFacts(
    ContactableAccount Account,
    ContactProfile? Profile,
    ContactHistoryFacts? History,
    ContactPreferences Preferences,
    CustomerContactWishes? Wishes,
    IReadOnlyList<LadderRow> Ladder);

/// <summary>
/// Plans one account for the day, in memory (ADR 19): the ladder's next step if it is due, the channel (the customer's
/// preferred one if allowed, else the next consented one), the tone, and an hour inside the customer's window — each
/// candidate evaluated by the gate, whose refusal moves the hour to its next lawful instant or the plan to the next
/// channel. Nothing for an account on hold, paused by the customer, or already planned today.
/// </summary>
internal static class DayPlanner
{
    public static AccountPlan Plan(PlanningFacts facts, IPlanningBatch gate, Instant asOf, Instant until)
    {
        var account = facts.Account;
        if (facts.Profile is not { } profile)
        {
            return new(PlanOutcome.LeftAlone, null, null, "the account is no longer on file");
        }

        if (profile.ActiveHolds.Count > 0)
        {
            return new(PlanOutcome.LeftAlone, null, null, "collection is on hold");
        }

        if (facts.Wishes?.PausedUntil is { } paused && paused > asOf)
        {
            return new(PlanOutcome.LeftAlone, null, null, "the customer paused contact");
        }

        if (facts.Ladder.Any(r => r.Status is PlannedContactStatus.Planned or PlannedContactStatus.Sending))
        {
            return new(PlanOutcome.AlreadyPlanned, null, null, "a contact is already planned");
        }

        var done = facts.Ladder.Where(r => r.Status is PlannedContactStatus.Sent or PlannedContactStatus.DeadLetter).MaxBy(r => r.Rung);
        var rungIndex = done is null ? 0 : done.Rung + 1;
        var rung = ContactLadder.For(account.CreditorId, account.Bucket)(rungIndex);
        var day = asOf.InUtc().Date;
        var key = $"plan:{account.AccountId}:{day.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture)}:{Slug(rung.Step)}";
        if (facts.Ladder.Any(r => r.IdempotencyKey == key))
        {
            return new(PlanOutcome.AlreadyPlanned, null, null, "planned today already");
        }

        var due = done is null ? asOf : (done.SentAt ?? done.ScheduledAt) + rung.After;
        if (due >= until)
        {
            return new(PlanOutcome.NotDue, null, null, $"the {Name(rung.Step)} is due later");
        }

        var from = due > asOf ? due : asOf;
        var reasons = new List<string>
        {
            done is null
                ? "step validation notice: the first contact carries the Reg F validation notice (§1006.34)"
                : $"step {Name(rung.Step)}: {rung.After.Days} day(s) after the {Name(done.Step)} of {(done.SentAt ?? done.ScheduledAt).InUtc().Date.ToString("d MMM", CultureInfo.InvariantCulture)} (rung {rungIndex} of the default ladder)",
        };

        var lastAnswer = facts.History?.Contacts.Where(c => c.Inbound || c.Result == PastContactResult.Conversation).Select(c => (Instant?)c.At).Max();
        var unanswered = facts.Ladder.Count(r => r.Status == PlannedContactStatus.Sent && r.SentAt is { } s && (lastAnswer is null || s > lastAnswer));
        var (tone, toneWhy) = ContactLadder.Tone(unanswered, vulnerable: false);
        reasons.Add(toneWhy);
        var language = facts.Preferences.PreferredLanguage is { Length: > 0 } l ? l : "en";

        var zone = Zone(profile);
        PlanningVerdict? refused = null;
        var refusals = new List<string>();
        foreach (var (channel, channelWhy) in Channels(rung.Step, profile, facts.Preferences))
        {
            var candidateZone = zone ?? (refused is { } r0 ? DateTimeZoneProviders.Tzdb.GetZoneOrNull(r0.CustomerTimeZone) : null) ?? DateTimeZone.Utc;
            if (ContactHours.Slot(candidateZone, from, until, facts.Preferences, account.AccountId.Value) is not { } slot)
            {
                refusals.Add($"{channel.Name()}: no hour the customer allows before {until.InZone(candidateZone).ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture)}");
                continue;
            }

            var verdict = gate.Evaluate(profile, channel, slot, facts.History, facts.Wishes);
            var hourWhy = $"hour {slot.InZone(candidateZone).ToString("ddd HH:mm", CultureInfo.InvariantCulture)} {candidateZone.Id}: inside the law's hours and the customer's days and hours, spread across the window";
            if (!verdict.Allowed && ContactHours.Slot(candidateZone, from, until, facts.Preferences, Guid.Empty) is { } earliest && earliest < slot)
            {
                // The spread hour was refused: the window's first minute, and the gate's next lawful instant from there, may still be open.
                var early = gate.Evaluate(profile, channel, earliest, facts.History, facts.Wishes);
                if (early.Allowed || (early.NextLawfulAt is { } n && n < until && (verdict.NextLawfulAt is not { } later || n < later)))
                {
                    verdict = early;
                    slot = earliest;
                }
            }

            if (!verdict.Allowed && verdict.NextLawfulAt is { } next && next < until && next >= from)
            {
                var moved = gate.Evaluate(profile, channel, next, facts.History, facts.Wishes);
                if (moved.Allowed)
                {
                    verdict = moved;
                    hourWhy = $"hour {next.InZone(candidateZone).ToString("ddd HH:mm", CultureInfo.InvariantCulture)} {candidateZone.Id}: the gate's next lawful instant (at {slot.InZone(candidateZone).ToString("HH:mm", CultureInfo.InvariantCulture)}: {verdict.Reason})";
                }
            }

            if (verdict.Allowed)
            {
                reasons.Add(channelWhy + (refusals.Count > 0 ? $" ({string.Join("; ", refusals)})" : ""));
                reasons.Add(hourWhy);
                var row = new PlannedContact(key, account.AccountId, account.CreditorId, account.CustomerId, rung.Step, rungIndex, channel, tone, language, verdict.At, verdict.CustomerTimeZone, reasons, asOf);
                return new(PlanOutcome.Planned, row, verdict.Ticket, "planned");
            }

            refused = verdict;
            refusals.Add($"{channel.Name()} refused: {verdict.Reason}");
        }

        var blocked = new PlannedContact(key, account.AccountId, account.CreditorId, account.CustomerId, rung.Step, rungIndex,
            refused?.Channel ?? ContactChannel.Letter, tone, language, refused?.At ?? from, refused?.CustomerTimeZone ?? zone?.Id ?? "UTC", [.. reasons, .. refusals], asOf);
        blocked.BlockedAtPlanning(refusals.Count > 0 ? string.Join("; ", refusals) : "no channel the customer can be reached on", refused?.RuleIds ?? [], null, refused?.NextLawfulAt);
        return new(PlanOutcome.Blocked, blocked, refused?.Ticket, "blocked");
    }

    /// <summary>The channels to try, in order, with why: the preferred one if consented, then e-mail, text, letter (the validation notice by e-mail or letter only; a call step by call).</summary>
    internal static IEnumerable<(ContactChannel Channel, string Why)> Channels(OutreachStep step, ContactProfile profile, ContactPreferences preferences)
    {
        if (step == OutreachStep.Call)
        {
            if (profile.Phones.Count > 0 && !OptedOut(preferences, ContactChannel.Call))
            {
                yield return (ContactChannel.Call, "channel call: the ladder's call step becomes a call task for an agent");
            }

            yield break;
        }

        ContactChannel[] order = step == OutreachStep.ValidationNotice ? [ContactChannel.Email, ContactChannel.Letter] : [ContactChannel.Email, ContactChannel.Sms, ContactChannel.Letter];
        var tried = new HashSet<ContactChannel>();
        if (preferences.PreferredChannel is { } preferred && order.Contains(preferred) && Reachable(profile, preferences, preferred))
        {
            tried.Add(preferred);
            yield return (preferred, $"channel {preferred.Name()}: the customer's preferred channel");
        }

        foreach (var channel in order)
        {
            if (tried.Add(channel) && Reachable(profile, preferences, channel))
            {
                yield return (channel, preferences.PreferredChannel is { } p && p != channel
                    ? $"channel {channel.Name()}: the next consented channel (the customer prefers {p.Name()})"
                    : $"channel {channel.Name()}: the first consented channel");
            }
        }
    }

    private static bool Reachable(ContactProfile profile, ContactPreferences preferences, ContactChannel channel) =>
        !OptedOut(preferences, channel) && channel switch
        {
            ContactChannel.Email => profile.Emails.Any(e => e.ConsentToEmail),
            ContactChannel.Sms => profile.Phones.Any(p => p.Kind == ContactPhoneKind.Mobile && p.ConsentToSms),
            ContactChannel.Letter => profile.Addresses.Count > 0,
            ContactChannel.Call => profile.Phones.Count > 0,
        };

    private static bool OptedOut(ContactPreferences preferences, ContactChannel channel) =>
        preferences.Channels.Any(c => c.Channel == channel && c.Consent == ChannelConsent.OptedOut);

    private static DateTimeZone? Zone(ContactProfile profile) =>
        profile.Addresses.Select(a => DateTimeZoneProviders.Tzdb.GetZoneOrNull(a.TimeZone)).OfType<DateTimeZone>().FirstOrDefault();

    public static string Slug(OutreachStep step) => step == OutreachStep.CheckIn ? "check-in" : step == OutreachStep.ValidationNotice ? "validation-notice" : step.ToString().ToLowerInvariant();

    public static string Name(OutreachStep step) => step switch
    {
        OutreachStep.ValidationNotice => "validation notice",
        OutreachStep.Reminder => "reminder",
        OutreachStep.Offer => "offer",
        OutreachStep.CheckIn => "check-in",
        OutreachStep.Call => "call",
    };
}
