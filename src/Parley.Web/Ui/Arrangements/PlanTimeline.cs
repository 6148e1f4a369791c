using NodaTime;
using Parley.Modules.Arrangements.Contracts;

namespace Parley.Web.Ui.Arrangements;

/// <summary>How a plan's instalment reads on the timeline.</summary>
public enum TimelineState
{
    Kept,
    Missed,
    PartlyPaid,
    Due,
    Upcoming,

    /// <summary>Not paid, but no longer asked for: the plan broke, was cancelled or completed.</summary>
    Closed,
}

public sealed record TimelineRow(int Number, LocalDate Due, LocalDate DueAfterHolds, decimal Amount, decimal Paid, TimelineState State);

/// <summary>The plan timeline: each instalment as kept, missed, partly paid, due or upcoming, and the share of the plan paid.</summary>
public static class PlanTimeline
{
    /// <summary>
    /// The rows of <paramref name="plan"/>; an unpaid instalment whose date (after holds) has come is due, a later one
    /// upcoming, and on a closed plan (broken, cancelled, completed) an unpaid one is closed: nobody asks for it any more.
    /// </summary>
    public static IReadOnlyList<TimelineRow> Rows(ArrangementView plan, LocalDate today)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var closed = plan.Status is "broken" or "cancelled" or "completed";
        return [.. plan.Instalments.Select(i =>
        {
            var state = State(i, today);
            return new TimelineRow(i.Number, i.Due, i.DueAfterHolds, i.Amount, i.Paid, closed && state is TimelineState.Due or TimelineState.Upcoming ? TimelineState.Closed : state);
        })];
    }

    public static TimelineState State(InstalmentView instalment, LocalDate today)
    {
        ArgumentNullException.ThrowIfNull(instalment);
        return instalment.Status switch
        {
            "paid" => TimelineState.Kept,
            "missed" => TimelineState.Missed,
            "partly_paid" => TimelineState.PartlyPaid,
            _ => instalment.DueAfterHolds <= today ? TimelineState.Due : TimelineState.Upcoming,
        };
    }

    public static string Label(TimelineState state) => state switch
    {
        TimelineState.Kept => "kept",
        TimelineState.Missed => "missed",
        TimelineState.PartlyPaid => "partly paid",
        TimelineState.Due => "due",
        TimelineState.Upcoming => "upcoming",
        TimelineState.Closed => "not asked (plan closed)",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    /// <summary>Paid of what the plan settles, as a percentage from 0 to 100 (over-payment shows as 100).</summary>
    public static decimal PercentPaid(decimal paid, decimal settles) =>
        settles <= 0m ? 100m : Math.Clamp(decimal.Round(paid / settles * 100m, 1, MidpointRounding.ToZero), 0m, 100m);

    /// <summary>The plan's state in words: <c>awaiting_approval</c> → "awaiting approval".</summary>
    public static string StatusLabel(string status) => status.Replace('_', ' ');
}
