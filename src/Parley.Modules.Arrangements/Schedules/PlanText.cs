using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Parley.SharedKernel;

namespace Parley.Modules.Arrangements.Schedules;

/// <summary>
/// Reads plan parameters as the CLI and the API take them (the same words in both). A shape is a name with optional
/// <c>key=value</c> settings separated by <c>;</c>, lists by <c>,</c>: <c>fixed</c>, <c>step:steps=3x50,6x75</c>,
/// <c>seasonal:skip=8;reduce=12,1;reduced-amount=25</c>, <c>income:percent=10;floor=50;cap=200;incomes=1200,800</c>,
/// <c>settlement:discount=20;instalments=3</c>, <c>promise</c>, <c>holiday:periods=2</c>. Amounts are in major units
/// (<c>12.50</c>). Anything unreadable throws an <see cref="InvalidPlanParameter"/> naming the parameter.
/// </summary>
public static class PlanText
{
    public const string ShapeNames = "fixed, step, seasonal, income, settlement, promise, holiday";

    public static Currency ParseCurrency(string? text) =>
        string.IsNullOrWhiteSpace(text) ? throw Missing("currency")
        : Currency.TryFromCode(text?.Trim().ToUpperInvariant(), out var currency)
            ? currency
            : throw Invalid("currency", $"'{text}' is not a supported ISO 4217 currency code such as GBP or USD");

    public static Money ParseAmount(string parameter, string? text, Currency currency) => PlanFieldChecks.ReadAmount(parameter, text, currency);

    /// <summary>A number in major units, before the currency is known (its decimals are checked with it, by <see cref="ParseAmount"/>).</summary>
    public static decimal ParseDecimal(string parameter, string? text) => PlanFieldChecks.ReadDecimal(parameter, text);

    public static decimal ParsePercent(string parameter, string? text) => PlanFieldChecks.ReadPercent(parameter, text);

    public static Frequency ParseFrequency(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" => throw Missing("frequency"),
        "weekly" => Frequency.Weekly,
        "fortnightly" => Frequency.Fortnightly,
        "four-weekly" => Frequency.FourWeekly,
        "monthly" => Frequency.Monthly,
        _ => throw Invalid("frequency", $"'{text}' is not one of weekly, fortnightly, four-weekly, monthly"),
    };

    public static string Name(Frequency frequency) => frequency switch
    {
        Frequency.Weekly => "weekly",
        Frequency.Fortnightly => "fortnightly",
        Frequency.FourWeekly => "four-weekly",
        Frequency.Monthly => "monthly",
    };

    public static LocalDate ParseDate(string parameter, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw Missing(parameter);
        }

        var parsed = LocalDatePattern.Iso.Parse(text?.Trim() ?? "");
        return parsed.Success ? parsed.Value : throw Invalid(parameter, $"'{text}' is not a date such as 2026-12-01");
    }

    /// <summary>The shape named by <paramref name="text"/> (default <c>fixed</c>); <paramref name="amount"/> is the <c>amount</c> parameter, when given.</summary>
    public static PlanShape ParseShape(string? text, Money? amount, Currency currency)
    {
        var (name, settings) = Split(string.IsNullOrWhiteSpace(text) ? "fixed" : text.Trim());
        PlanShape shape = name switch
        {
            "fixed" => new FixedInstalments(Required(amount, name)),
            "step" => new SteppedInstalments(Steps(Take(settings, "steps"), currency), Required(amount, name)),
            "seasonal" => new SeasonalInstalments(
                Required(amount, name),
                Months(TakeOptional(settings, "reduce")),
                TakeOptional(settings, "reduced-amount") is { } reduced ? ParseAmount("shape", reduced, currency) : Money.Zero(currency),
                Months(TakeOptional(settings, "skip"))),
            "income" => new IncomeShare(
                Percent(Take(settings, "percent")),
                [.. List(Take(settings, "incomes")).Select(i => ParseAmount("shape", i, currency))],
                ParseAmount("shape", Take(settings, "floor"), currency),
                ParseAmount("shape", Take(settings, "cap"), currency)),
            "settlement" => new Settlement(
                Percent(Take(settings, "discount")),
                TakeOptional(settings, "instalments") is { } n ? Count(n) : 1),
            "promise" => new PromiseToPay(Required(amount, name)),
            "holiday" => new PaymentHoliday(Count(Take(settings, "periods")), Required(amount, name)),
            _ => throw Invalid("shape", $"'{name}' is not a plan shape; use one of {ShapeNames}"),
        };

        if (settings.Count > 0)
        {
            throw Invalid("shape", $"the {name} shape has no setting '{settings.Keys.First()}'");
        }

        if (amount is not null && shape is IncomeShare or Settlement)
        {
            throw Invalid("amount", $"the {name} shape sizes its own instalments; leave amount out");
        }

        if (shape is SeasonalInstalments { ReducedMonths.Count: > 0, ReducedAmount.IsZero: true })
        {
            throw Invalid("shape", "reduced months need a reduced-amount", "reduced-amount");
        }

        return shape;
    }

    private static (string Name, Dictionary<string, string> Settings) Split(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var name = (colon < 0 ? text : text[..colon]).Trim().ToLowerInvariant();
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (colon < 0)
        {
            return (name, settings);
        }

        foreach (var pair in text[(colon + 1)..].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || !settings.TryAdd(pair[..equals].Trim(), pair[(equals + 1)..].Trim()))
            {
                throw Invalid("shape", $"'{pair}' is not a key=value setting given once");
            }
        }

        return (name, settings);
    }

    private static string Take(Dictionary<string, string> settings, string key) =>
        TakeOptional(settings, key) ?? throw Invalid("shape", $"the setting '{key}' is required", key);

    private static string? TakeOptional(Dictionary<string, string> settings, string key) =>
        settings.Remove(key, out var value) ? value : null;

    private static Money Required(Money? amount, string shape) =>
        amount ?? throw Invalid("amount", $"the {shape} shape needs an amount");

    private static string[] List(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static IReadOnlyList<Step> Steps(string text, Currency currency) =>
    [
        .. List(text).Select(step =>
        {
            var parts = step.Split('x', 2, StringSplitOptions.TrimEntries);
            return parts.Length == 2
                ? new Step(Count(parts[0]), ParseAmount("shape", parts[1], currency))
                : throw Invalid("shape", $"'{step}' is not a step such as 3x50 (3 periods of 50)");
        }),
    ];

    private static HashSet<int> Months(string? text) => text is null ? [] : [.. List(text).Select(m => int.TryParse(m, NumberStyles.None, CultureInfo.InvariantCulture, out var month) && month is >= 1 and <= 12 ? month : throw Invalid("shape", $"'{m}' is not a month number from 1 to 12"))];

    private static int Count(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw Invalid("shape", $"'{text}' is not a whole number");

    private static decimal Percent(string text) => ParsePercent("shape", text);

    private static DomainException Missing(string parameter) => Invalid(parameter, "is required");

    private static DomainException Invalid(string parameter, string problem, string? setting = null) => new(new InvalidPlanParameter(parameter, problem) { Setting = setting });
}
