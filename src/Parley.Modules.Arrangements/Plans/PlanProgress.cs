using NodaTime;

namespace Parley.Modules.Arrangements.Plans;

/// <summary>
/// How forgiving a plan is: an instalment is missed only when it is still unpaid at the end of the customer's local day
/// <see cref="GraceDays"/> after it fell due, and the plan breaks on the miss after <see cref="AllowedMisses"/>.
/// </summary>
public sealed record Tolerance(int GraceDays, int AllowedMisses)
{
    /// <summary>The creditor policy's defaults (3 grace days, 1 allowed miss).</summary>
    public static Tolerance Default { get; } = new(3, 1);
}

public sealed record DueInstalment(int Number, LocalDate Due, long AmountMinor);

/// <summary>A ledger payment as the plan sees it: its amount, when it happened, and when it was reversed, if it was.</summary>
public sealed record PaymentFact(long AmountMinor, Instant OccurredAt, Instant? ReversedAt);

/// <summary>A hold's span; an open end means it is still on.</summary>
public sealed record HoldFact(Instant StartsAt, Instant? EndsAt);

public sealed record InstalmentProgress(int Number, LocalDate Due, LocalDate DueAfterHolds, long AmountMinor, long PaidMinor, bool Missed, bool Paused)
{
    public LocalDate Deadline(Tolerance tolerance) => DueAfterHolds.PlusDays(tolerance.GraceDays);
}

/// <summary>Where a plan stands against the ledger at one instant.</summary>
public sealed record PlanProgress(
    IReadOnlyList<InstalmentProgress> Instalments,
    long NetPaidMinor,
    long UnallocatedMinor,
    bool Paused,
    bool Completed,
    int Misses,
    LocalDate? BrokenOn);

/// <summary>
/// Replays a plan against its ledger payments and holds, from scratch every time, so running it twice (or after a
/// restart) gives the same answer and a reversal simply un-satisfies what its payment satisfied.
/// <list type="bullet">
/// <item>The net of all unreversed payments is allocated to instalments in due order: partial payments fill the
/// earliest open instalment, early and over-payments carry to the next, and what is left beyond the plan is
/// unallocated credit.</item>
/// <item>An instalment is missed when, at the end of the customer's local day that is its due date (after holds)
/// plus the grace days, less than the cumulative amount due up to and including it had been paid: arrears roll
/// forward, so an instalment not caught up makes the next one missed too.</item>
/// <item>Holds: every instalment whose deadline had not passed when a hold began moves later by the number of local
/// calendar days the hold touched (overlapping holds counted once); while a hold is on, no deadline it reaches
/// passes and the plan cannot break.</item>
/// </list>
/// </summary>
public static class PlanProgressCalculator
{
    public static PlanProgress Evaluate(
        IReadOnlyList<DueInstalment> instalments,
        Instant activatedAt,
        IEnumerable<PaymentFact> payments,
        IEnumerable<HoldFact> holds,
        DateTimeZone zone,
        Instant now,
        Tolerance tolerance)
    {
        var today = now.InZone(zone).Date;
        var counted = payments
            .Where(p => p.OccurredAt >= activatedAt && p.OccurredAt <= now && (p.ReversedAt is not { } r || r > now))
            .Select(p => (p.AmountMinor, Date: p.OccurredAt.InZone(zone).Date))
            .ToList();
        var net = counted.Sum(p => p.AmountMinor);
        var spans = MergedSpans(holds, activatedAt, now, zone);
        var pausedNow = spans.Any(s => s.End is null);

        var result = new List<InstalmentProgress>(instalments.Count);
        var remaining = net;
        long cumulativeDue = 0;
        var misses = 0;
        LocalDate? brokenOn = null;
        foreach (var instalment in instalments.OrderBy(i => i.Number))
        {
            var paid = Math.Min(instalment.AmountMinor, remaining);
            remaining -= paid;
            cumulativeDue += instalment.AmountMinor;
            var (dueAfterHolds, paused) = Shift(instalment.Due, spans, tolerance.GraceDays);
            var deadline = dueAfterHolds.PlusDays(tolerance.GraceDays);
            var missed = false;
            if (!paused && deadline < today)
            {
                var paidByDeadline = counted.Where(p => p.Date <= deadline).Sum(p => p.AmountMinor);
                missed = paidByDeadline < cumulativeDue;
            }

            if (missed)
            {
                misses++;
                if (misses == tolerance.AllowedMisses + 1)
                {
                    brokenOn = deadline;
                }
            }

            result.Add(new InstalmentProgress(instalment.Number, instalment.Due, dueAfterHolds, instalment.AmountMinor, paid, missed, paused));
        }

        var completed = net >= cumulativeDue;
        return new PlanProgress(result, net, remaining, pausedNow, completed, misses, completed || pausedNow ? null : brokenOn);
    }

    private sealed record Span(LocalDate Start, LocalDate? End);

    /// <summary>Holds as local date spans from the plan's activation, overlapping ones merged; an open end is a hold still on.</summary>
    private static List<Span> MergedSpans(IEnumerable<HoldFact> holds, Instant activatedAt, Instant now, DateTimeZone zone)
    {
        var spans = holds
            .Where(h => h.StartsAt <= now && (h.EndsAt is not { } end || end > activatedAt))
            .Select(h => new Span(
                (h.StartsAt < activatedAt ? activatedAt : h.StartsAt).InZone(zone).Date,
                h.EndsAt is { } end && end <= now ? end.InZone(zone).Date : null))
            .OrderBy(s => s.Start)
            .ToList();
        var merged = new List<Span>();
        foreach (var span in spans)
        {
            if (merged.Count > 0 && merged[^1] is var last && (last.End is null || span.Start <= last.End.Value.PlusDays(1)))
            {
                merged[^1] = last with { End = last.End is null || span.End is null ? null : LocalDate.Max(last.End.Value, span.End.Value) };
            }
            else
            {
                merged.Add(span);
            }
        }

        return merged;
    }

    private static (LocalDate DueAfterHolds, bool Paused) Shift(LocalDate due, List<Span> spans, int graceDays)
    {
        var shifted = due;
        foreach (var span in spans)
        {
            if (span.Start > shifted.PlusDays(graceDays))
            {
                break;
            }

            if (span.End is not { } end)
            {
                return (shifted, true);
            }

            shifted = shifted.PlusDays(Period.Between(span.Start, end, PeriodUnits.Days).Days + 1);
        }

        return (shifted, false);
    }
}
