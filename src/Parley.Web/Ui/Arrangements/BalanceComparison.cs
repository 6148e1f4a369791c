using System.Globalization;
using NodaTime;
using Parley.Modules.Arrangements.Contracts;

namespace Parley.Web.Ui.Arrangements;

/// <summary>One option to compare: its name, the balance it starts from and its simulated schedule.</summary>
public sealed record ComparedOption(string Name, decimal Balance, IReadOnlyList<SimulatedInstalment> Schedule);

/// <summary>The balance of each option at the end of each month, on one axis of months, for a line chart.</summary>
public sealed record BalanceSeries(IReadOnlyList<string> Months, IReadOnlyList<(string Name, IReadOnlyList<decimal> Balances)> Series);

public static class BalanceComparison
{
    /// <summary>
    /// Months run from the earliest first instalment to the latest last one; each option's value for a month is its
    /// balance after the last instalment due in or before that month (its opening balance before its first one).
    /// </summary>
    public static BalanceSeries Build(IReadOnlyList<ComparedOption> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var dates = options.SelectMany(o => o.Schedule).Select(i => i.Date).ToList();
        if (dates.Count == 0)
        {
            return new BalanceSeries([], [.. options.Select(o => (o.Name, (IReadOnlyList<decimal>)[]))]);
        }

        var first = Month(dates.Min());
        var last = Month(dates.Max());
        var months = Enumerable.Range(first, last - first + 1).ToList();

        var series = options.Select(o =>
        {
            var balances = months.Select(month =>
            {
                var paidBy = o.Schedule.LastOrDefault(i => Month(i.Date) <= month);
                return paidBy?.BalanceAfter ?? o.Balance;
            }).ToList();
            return (o.Name, (IReadOnlyList<decimal>)balances);
        }).ToList();
        return new BalanceSeries([.. months.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m / 12:D4}-{(m % 12) + 1:D2}"))], series);
    }

    /// <summary>Months counted from year 0, so consecutive months are consecutive numbers.</summary>
    private static int Month(LocalDate date) => (date.Year * 12) + date.Month - 1;
}
