using NodaTime;
using Parley.SharedKernel;

namespace Parley.Modules.Arrangements.Schedules;

/// <summary>What a customer paid in one calendar month of their statement history.</summary>
public readonly record struct MonthlyPayment(YearMonth Month, Money Paid);

/// <summary>
/// Months in which a customer has markedly paid less: reduced months pay <see cref="ReducedPercent"/> of a normal
/// instalment; skipped months pay nothing. Months are 1–12.
/// </summary>
public sealed record InferredSeasonality(IReadOnlySet<int> ReducedMonths, decimal ReducedPercent, IReadOnlySet<int> SkippedMonths);

/// <summary>
/// Infers a seasonal pattern from monthly statement history. The rule: with at least <see cref="MinimumMonths"/>
/// distinct months of history, take each calendar month's average payment and the median of those twelve averages as
/// the typical month. A calendar month whose average is below <see cref="SkipBelowPercent"/> % of typical is skipped;
/// below <see cref="ReduceBelowPercent"/> % it is reduced: reduced months pay a normal instalment times the highest
/// such month's share of typical (rounded down to a whole percent), the pattern of what the customer managed to pay. A pattern
/// needs every past occurrence of a low month to be low (one bad year is not a season) and at most
/// <see cref="MaxSeasonalMonths"/> low months (more is irregular income: use the income-share shape). No pattern: null.
/// </summary>
public static class SeasonalityInference
{
    public const int MinimumMonths = 12;

    public const decimal ReduceBelowPercent = 60m;

    public const decimal SkipBelowPercent = 10m;

    public const int MaxSeasonalMonths = 4;

    public static InferredSeasonality? Infer(IReadOnlyList<MonthlyPayment> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.Count < MinimumMonths)
        {
            return null;
        }

        Span<decimal> sum = stackalloc decimal[12];
        Span<decimal> highest = stackalloc decimal[12];
        Span<int> count = stackalloc int[12];
        var seen = new HashSet<YearMonth>();
        foreach (var entry in history)
        {
            if (!seen.Add(entry.Month))
            {
                throw new ArgumentException($"{entry.Month} appears twice in the payment history.", nameof(history));
            }

            if (entry.Paid.IsNegative)
            {
                throw new ArgumentException($"{entry.Month}: a month's payments cannot be negative.", nameof(history));
            }

            var m = entry.Month.Month - 1;
            sum[m] += entry.Paid.Amount;
            highest[m] = count[m] == 0 ? entry.Paid.Amount : Math.Max(highest[m], entry.Paid.Amount);
            count[m]++;
        }

        Span<decimal> average = stackalloc decimal[12];
        for (var m = 0; m < 12; m++)
        {
            if (count[m] == 0)
            {
                // A calendar month never seen (12 entries that skip one) tells nothing about the season.
                return null;
            }

            average[m] = sum[m] / count[m];
        }

        Span<decimal> sorted = stackalloc decimal[12];
        average.CopyTo(sorted);
        sorted.Sort();
        var typical = (sorted[5] + sorted[6]) / 2m;
        if (typical <= 0m)
        {
            return null;
        }

        var reduced = new HashSet<int>();
        var skipped = new HashSet<int>();
        var reducedPercent = 0m;
        for (var m = 0; m < 12; m++)
        {
            // Every occurrence must be low, so the highest payment in that month decides.
            var share = highest[m] / typical * 100m;
            if (share < SkipBelowPercent)
            {
                skipped.Add(m + 1);
            }
            else if (share < ReduceBelowPercent)
            {
                reduced.Add(m + 1);
                reducedPercent = Math.Max(reducedPercent, decimal.Floor(share));
            }
        }

        var low = reduced.Count + skipped.Count;
        return low is 0 or > MaxSeasonalMonths ? null : new InferredSeasonality(reduced, reducedPercent, skipped);
    }
}
