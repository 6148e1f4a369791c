using System.Globalization;
using Parley.SharedKernel;

namespace Parley.Modules.Arrangements.Contracts;

/// <summary>
/// How the module reads a plan's single amounts and percentages, in its own words (as a proposal would refuse them), so
/// a page can show a problem beside its field while the plan is typed in; and the limits a form offers (steps, incomes).
/// </summary>
public static class PlanFieldChecks
{
    /// <summary>The most steps a step-up or step-down plan takes.</summary>
    public const int MaxSteps = 12;

    /// <summary>The most declared incomes a percentage-of-income plan takes.</summary>
    public const int MaxDeclaredIncomes = 60;

    /// <summary>The largest balance (and so amount) a plan accepts, in major units.</summary>
    public const decimal MaxAmount = 100_000_000m;

    /// <summary>Why <paramref name="value"/> is not an amount in <paramref name="currency"/> a plan accepts, or null.</summary>
    public static string? Amount(string field, decimal value, Currency currency) =>
        Problem(() => ReadAmount(field, value, currency));

    /// <summary>Why <paramref name="value"/> is not a percentage a plan accepts, or null.</summary>
    public static string? Percent(string field, decimal value) =>
        Problem(() => ReadPercent(field, value));

    /// <summary>An amount in major units (<c>125.50</c>) with at most the currency's decimals; refused naming <paramref name="parameter"/>.</summary>
    public static Money ReadAmount(string parameter, string? text, Currency currency) =>
        string.IsNullOrWhiteSpace(text) ? throw Invalid(parameter, "is required") : ReadAmount(parameter, ReadDecimal(parameter, text), currency);

    /// <summary>An amount in major units with at most the currency's decimals and no larger than a plan accepts.</summary>
    public static Money ReadAmount(string parameter, decimal value, Currency currency)
    {
        if (decimal.Round(value, currency.MinorUnits) != value)
        {
            throw Invalid(parameter, string.Create(CultureInfo.InvariantCulture, $"{value} has more than {currency.MinorUnits} decimals for {currency.Code}"));
        }

        if (Math.Abs(value) > MaxAmount)
        {
            throw Invalid(parameter, string.Create(CultureInfo.InvariantCulture, $"{value} is larger than any amount a plan accepts"));
        }

        return Money.Of(value, currency);
    }

    /// <summary>A number in major units, before the currency is known (its decimals are checked with it, by <see cref="ReadAmount(string, decimal, Currency)"/>).</summary>
    public static decimal ReadDecimal(string parameter, string? text) =>
        decimal.TryParse(text?.Trim(), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Invalid(parameter, $"'{text}' is not an amount such as 125.50");

    /// <summary>A percentage from 0 to 100 (<c>12.5</c>).</summary>
    public static decimal ReadPercent(string parameter, string? text) =>
        decimal.TryParse(text?.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent)
            ? ReadPercent(parameter, percent)
            : throw Invalid(parameter, $"'{text}' is not a percentage such as 12.5");

    /// <summary>A percentage from 0 to 100.</summary>
    public static decimal ReadPercent(string parameter, decimal percent) =>
        percent is >= 0m and <= 100m ? percent : throw Invalid(parameter, string.Create(CultureInfo.InvariantCulture, $"'{percent}' is not a percentage such as 12.5"));

    private static DomainException Invalid(string parameter, string problem) => new(new InvalidPlanParameter(parameter, problem));

    private static string? Problem(Action read)
    {
        try
        {
            read();
            return null;
        }
        catch (DomainException e) when (e.Error is PlanError error)
        {
            return error.Problem;
        }
    }
}
