using NodaTime;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Compliance.Model;

namespace Parley.Modules.Compliance.Engine;

/// <summary>Why a contact outside the usual hours may still be made (US-REGF-TIME-EXCEPTIONS).</summary>
public enum TimeException
{
    None,
    DirectPriorConsent,
    SingleSameMediumReply,
    ReplyAlreadySent,
    ReplyInDifferentMedium,
    ReplyWithoutInboundContact,
}

/// <summary>
/// One proposal with its facts and options, plus what several rules derive from them (local dates, the
/// calendars frequency is counted in, whether the message is a "communication"). Built per evaluation.
/// </summary>
public sealed class EvaluationContext
{
    private DateTimeZone[]? calendarZones;
    private TimeException? timeException;

    public EvaluationContext(Proposal proposal, ComplianceFacts facts, ComplianceOptions options)
    {
        Proposal = proposal;
        Facts = facts;
        Options = options;
        RegF = facts.RegFApplies(options);
    }

    public Proposal Proposal { get; }

    public ComplianceFacts Facts { get; }

    public ComplianceOptions Options { get; }

    public Instant At => Proposal.At;

    public ContentFacts Content => Proposal.Content;

    /// <summary>Whether the Reg F rules bind this proposal (US, and a debt collector or the platform's first-party policy).</summary>
    public bool RegF { get; }

    public DateTimeZone[] Zones => Facts.Zones.Zones;

    /// <summary>The consumer's zones plus, in the US, the collector calendars the options name (§2.5 conservative reading).</summary>
    public DateTimeZone[] CalendarZones => calendarZones ??= BuildCalendarZones();

    /// <summary>A message that conveys information about the debt: every contact except a valid limited-content voicemail and a bare opt-out confirmation.</summary>
    public bool IsCommunication =>
        Proposal.IsContact && !Proposal.IsLimitedContentVoicemail
        && !(Content.IsOptOutConfirmation == true && Content.IncludesCollectionContent != true && Content.RequestsPayment != true);

    /// <summary>Whether a collection contact or action is proposed (a letter confirming an opt-out or sending verification is not collection).</summary>
    public bool IsCollectionActivity =>
        Proposal.Action is not (CollectionAction.DeployModel or CollectionAction.None) || (Proposal.IsContact && Content.IsOptOutConfirmation != true);

    /// <summary>Whether the message goes to someone other than the consumer (or a person the law treats as the consumer).</summary>
    public bool AddressedToThirdParty => Content.AddresseeRole is { } role && !IsConsumerEquivalent(role);

    public TimeException TimeException => timeException ??= ComputeTimeException();

    public bool HasTimeException => TimeException is TimeException.DirectPriorConsent or TimeException.SingleSameMediumReply;

    /// <summary>Every debt this proposal counts toward: the debt it is about and any it will discuss (US-REGF-CALLFREQ-MULTIDEBT).</summary>
    public DebtsDiscussedList DebtsDiscussed => new(Proposal.DebtId, Content.WillDiscussDebtIds);

    public bool DiscussesMoreThanOneDebt => Content.WillDiscussDebtIds.Count > 0 && (Content.WillDiscussDebtIds.Count > 1 || !string.Equals(Content.WillDiscussDebtIds[0], Proposal.DebtId, StringComparison.Ordinal));

    public LocalDateTime LocalIn(DateTimeZone zone) => At.InZone(zone).LocalDateTime;

    /// <summary>The consumer's local date in the first candidate zone (for date-based holds).</summary>
    public LocalDate ConsumerDate => Zones.Length > 0 ? At.InZone(Zones[0]).Date : At.InUtc().Date;

    /// <summary>The latest date the proposal falls on across the consumer's zones (conservative for "has the hold started").</summary>
    public LocalDate LatestConsumerDate
    {
        get
        {
            var latest = At.InUtc().Date;
            var first = true;
            foreach (var z in Zones)
            {
                var d = At.InZone(z).Date;
                if (first || d > latest)
                {
                    latest = d;
                    first = false;
                }
            }

            return latest;
        }
    }

    /// <summary>The earliest date the proposal falls on across the consumer's zones (conservative for "has the hold ended").</summary>
    public LocalDate EarliestConsumerDate
    {
        get
        {
            var earliest = At.InUtc().Date;
            var first = true;
            foreach (var z in Zones)
            {
                var d = At.InZone(z).Date;
                if (first || d < earliest)
                {
                    earliest = d;
                    first = false;
                }
            }

            return earliest;
        }
    }

    public bool ProposalTargets(AddressKind kind) => Proposal.To is { } to && to.Kind == kind;

    public static bool SameMedium(Channel a, Channel b) => a == b;

    /// <summary>The latest inbound contact before the proposal, if any.</summary>
    public ContactRecord? LatestInbound()
    {
        ContactRecord? latest = null;
        foreach (var r in Facts.HistoryArray)
        {
            if (r.Direction == Direction.Inbound && r.At <= At)
            {
                latest = r;
            }
        }

        return latest;
    }

    /// <summary>
    /// Whether adding the proposal to the records <paramref name="counts"/> selects exceeds <paramref name="cap"/> in some
    /// window of <paramref name="windowDays"/> local calendar days containing the proposal's date, in any calendar.
    /// Returns the first instant from which every window has room again, or null when within the cap.
    /// </summary>
    public FrequencyCheck CheckFrequency<TState>(TState state, Func<ContactRecord, TState, bool> counts, int cap, int windowDays, DateTimeZone[] calendars)
    {
        // Each counted record's local date is computed once per calendar, as a day offset from the proposal's date.
        var length = Facts.HistoryArray.Length;
        Span<int> offsets = length <= 128 ? stackalloc int[length] : new int[length];
        var worst = 0;
        var exceeded = false;
        foreach (var zone in calendars)
        {
            var n = MaxWindowCount(offsets[..CountedOffsets(state, counts, zone, offsets)], 0, windowDays);
            worst = Math.Max(worst, n);
            exceeded |= n + 1 > cap;
        }

        return exceeded ? new FrequencyCheck(true, worst, RoomAgainAt(state, counts, cap, windowDays, calendars)) : new FrequencyCheck(false, worst, null);
    }

    private Instant? RoomAgainAt<TState>(TState state, Func<ContactRecord, TState, bool> counts, int cap, int windowDays, DateTimeZone[] calendars)
    {
        var perCalendar = new int[calendars.Length][];
        for (var z = 0; z < calendars.Length; z++)
        {
            var offsets = new int[Facts.HistoryArray.Length];
            perCalendar[z] = offsets[..CountedOffsets(state, counts, calendars[z], offsets)];
        }

        for (var ahead = 1; ahead <= 400; ahead++)
        {
            var fits = true;
            Instant earliest = At;
            for (var z = 0; z < calendars.Length && fits; z++)
            {
                fits = MaxWindowCount(perCalendar[z], ahead, windowDays) + 1 <= cap;
                var start = calendars[z].AtStartOfDay(At.InZone(calendars[z]).Date.PlusDays(ahead)).ToInstant();
                if (start > earliest)
                {
                    earliest = start;
                }
            }

            if (fits)
            {
                return earliest;
            }
        }

        return null;
    }

    /// <summary>Writes the local-date offset (in days, from the proposal's local date in <paramref name="zone"/>) of each counted record.</summary>
    private int CountedOffsets<TState>(TState state, Func<ContactRecord, TState, bool> counts, DateTimeZone zone, Span<int> into)
    {
        var day = At.InZone(zone).Date;
        var n = 0;
        foreach (var r in Facts.HistoryArray)
        {
            if (counts(r, state))
            {
                into[n++] = Period.DaysBetween(day, r.At.InZone(zone).Date);
            }
        }

        return n;
    }

    /// <summary>The busiest window of <paramref name="windowDays"/> local days containing day <paramref name="on"/> (an offset like the records').</summary>
    private static int MaxWindowCount(ReadOnlySpan<int> offsets, int on, int windowDays)
    {
        var max = 0;
        for (var k = 0; k < windowDays; k++)
        {
            int from = on + k - (windowDays - 1), to = on + k, n = 0;
            foreach (var offset in offsets)
            {
                if (offset >= from && offset <= to)
                {
                    n++;
                }
            }

            max = Math.Max(max, n);
        }

        return max;
    }

    private DateTimeZone[] BuildCalendarZones() =>
        Facts.Jurisdiction.IsUs ? Facts.Zones.WithCalendars(Options.CollectorCalendars) : Zones;

    private TimeException ComputeTimeException()
    {
        if (Content.PursuantToPriorConsent == true && HasRecentDirectPriorConsent())
        {
            return TimeException.DirectPriorConsent;
        }

        if (Content.RespondsToConsumerInitiated != true)
        {
            return TimeException.None;
        }

        var inbound = LatestInbound();
        if (inbound is null)
        {
            return TimeException.ReplyWithoutInboundContact;
        }

        if (!SameMedium(inbound.Channel, Proposal.Channel))
        {
            return TimeException.ReplyInDifferentMedium;
        }

        if (Content.ResponseCountForThisInbound is > 1)
        {
            return TimeException.ReplyAlreadySent;
        }

        foreach (var r in Facts.HistoryArray)
        {
            if (r.Direction == Direction.Outbound && r.Channel == Proposal.Channel && r.At > inbound.At && r.At <= At)
            {
                return TimeException.ReplyAlreadySent;
            }
        }

        return TimeException.SingleSameMediumReply;
    }

    /// <summary>Direct prior consent given before the proposal and no more than 7 days earlier, for this date when the consent names one.</summary>
    public bool HasRecentDirectPriorConsent()
    {
        foreach (var consent in Facts.DirectPriorConsents)
        {
            if (consent.GivenAt > At || At - consent.GivenAt > Duration.FromDays(7))
            {
                continue;
            }

            if (consent.ForDate is { } date && !Array.Exists(Zones, z => At.InZone(z).Date == date) && At.InUtc().Date != date)
            {
                continue;
            }

            return true;
        }

        return false;
    }

    /// <summary>Persons 1006.6(a) treats as the consumer, and the consumer's own attorney.</summary>
    public static bool IsConsumerEquivalent(string role) => role switch
    {
        "consumer" or "spouse" or "surviving_spouse" or "parent_of_minor" or "guardian" or "executor" or "administrator"
            or "personal_representative" or "successor_in_interest" or "confirmed_successor_in_interest" or "consumer_attorney" or "attorney" => true,
        _ => false,
    };
}

/// <summary>The proposal's debt, then each other debt it will discuss; a struct enumerable so counting allocates nothing.</summary>
public readonly struct DebtsDiscussedList(string debtId, IReadOnlyList<string> others)
{
    public Enumerator GetEnumerator() => new(debtId, others);

    public struct Enumerator(string debtId, IReadOnlyList<string> others)
    {
        private int next;

        public string Current { get; private set; } = "";

        public bool MoveNext()
        {
            if (next == 0)
            {
                next = 1;
                Current = debtId;
                return true;
            }

            while (next <= others.Count)
            {
                var d = others[next - 1];
                next++;
                if (!string.Equals(d, debtId, StringComparison.Ordinal))
                {
                    Current = d;
                    return true;
                }
            }

            return false;
        }
    }
}

/// <summary>The result of a frequency count: whether the cap is exceeded, the busiest window's count, and when there is room again.</summary>
public readonly record struct FrequencyCheck(bool Exceeded, int WorstWindowCount, Instant? RoomAgainAt);
