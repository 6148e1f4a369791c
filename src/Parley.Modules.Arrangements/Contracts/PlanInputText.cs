using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Parley.SharedKernel;

namespace Parley.Modules.Arrangements.Contracts;

/// <summary>
/// A plan's parameters in the words the command line takes and the plan's stored columns keep, read into their types at
/// that edge. A shape is a kind with optional <c>key=value</c> settings separated by <c>;</c>, lists by <c>,</c>:
/// <c>fixed</c>, <c>step:steps=3x50,6x75</c>, <c>seasonal:skip=8;reduce=12,1;reduced-amount=25</c>,
/// <c>income:percent=10;floor=50;cap=200;incomes=1200,800</c>, <c>settlement:discount=20;instalments=3</c>,
/// <c>promise</c>, <c>holiday:periods=2</c>. Anything unreadable throws an <see cref="InvalidPlanParameter"/> naming the
/// parameter (and, inside a shape, its setting).
/// </summary>
public static class PlanInputText
{
    public const string ShapeKinds = "fixed, step, seasonal, income, settlement, promise, holiday";

    public static Currency ParseCurrency(string? text) =>
        string.IsNullOrWhiteSpace(text) ? throw Invalid("currency", "is required")
        : Currency.TryFromCode(text.Trim().ToUpperInvariant(), out var currency)
            ? currency
            : throw Invalid("currency", $"'{text}' is not a supported ISO 4217 currency code such as GBP or USD");

    /// <summary>A number in major units (null when not given); its decimals are checked with the currency by the module.</summary>
    public static decimal? ParseDecimal(string parameter, string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : PlanFieldChecks.ReadDecimal(parameter, text);

    public static Frequency? ParseFrequency(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        "weekly" => Frequency.Weekly,
        "fortnightly" => Frequency.Fortnightly,
        "four-weekly" => Frequency.FourWeekly,
        "monthly" => Frequency.Monthly,
        _ => throw Invalid("frequency", $"'{text}' is not one of weekly, fortnightly, four-weekly, monthly"),
    };

    /// <summary>The frequency's word, as the JSON and the command line spell it.</summary>
    public static string Name(Frequency frequency) => frequency switch
    {
        Frequency.Weekly => "weekly",
        Frequency.Fortnightly => "fortnightly",
        Frequency.FourWeekly => "four-weekly",
        Frequency.Monthly => "monthly",
        _ => throw new ArgumentOutOfRangeException(nameof(frequency), frequency, "not a frequency"),
    };

    public static LocalDate? ParseDate(string parameter, string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : LocalDatePattern.Iso.Parse(text.Trim()) is { Success: true } parsed ? parsed.Value
        : throw Invalid(parameter, $"'{text}' is not a date such as 2026-12-01");

    /// <summary>The shape <paramref name="text"/> names (null when not given: the module's default, fixed).</summary>
    public static PlanShapeSpec? ParseShape(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var (kind, settings) = Split(text.Trim());
        PlanShapeSpec shape = kind switch
        {
            "fixed" => new PlanShapeSpec.Fixed(),
            "step" => new PlanShapeSpec.Step(Take(settings, "steps") is { } steps ? Steps(steps) : null),
            "seasonal" => new PlanShapeSpec.Seasonal(
                Take(settings, "skip") is { } skip ? Months(skip, ShapeSettings.SkippedMonths) : null,
                Take(settings, "reduce") is { } reduce ? Months(reduce, ShapeSettings.ReducedMonths) : null,
                Number(Take(settings, "reduced-amount"), ShapeSettings.ReducedAmount)),
            "income" => new PlanShapeSpec.Income(
                Number(Take(settings, "percent"), ShapeSettings.Percent),
                Number(Take(settings, "floor"), ShapeSettings.Floor),
                Number(Take(settings, "cap"), ShapeSettings.Cap),
                Take(settings, "incomes") is { } incomes ? [.. List(incomes).Select(i => Number(i, ShapeSettings.Incomes)!.Value)] : null),
            "settlement" => new PlanShapeSpec.Settlement(Number(Take(settings, "discount"), ShapeSettings.DiscountPercent), Count(Take(settings, "instalments"), ShapeSettings.Instalments)),
            "promise" => new PlanShapeSpec.Promise(),
            "holiday" => new PlanShapeSpec.Holiday(Count(Take(settings, "periods"), ShapeSettings.Periods)),
            _ => throw Invalid("shape", $"'{kind}' is not a plan shape; use one of {ShapeKinds}"),
        };

        return settings.Count > 0 ? throw Invalid("shape", $"the {kind} shape has no setting '{settings.Keys.First()}'") : shape;
    }

    /// <summary>The shape in the words <see cref="ParseShape"/> reads; settings left out are not written.</summary>
    public static string FormatShape(PlanShapeSpec shape) => shape switch
    {
        PlanShapeSpec.Step s => Settings(s.Kind, ("steps", s.Steps is null ? null : string.Join(',', s.Steps.Select(x => $"{Text(x.Periods)}x{Text(x.Amount)}")))),
        PlanShapeSpec.Seasonal s => Settings(s.Kind, ("skip", Months(s.SkippedMonths)), ("reduce", Months(s.ReducedMonths)), ("reduced-amount", Text(s.ReducedAmount))),
        PlanShapeSpec.Income s => Settings(s.Kind, ("percent", Text(s.Percent)), ("floor", Text(s.Floor)), ("cap", Text(s.Cap)), ("incomes", s.Incomes is null ? null : string.Join(',', s.Incomes.Select(i => Text(i))))),
        PlanShapeSpec.Settlement s => Settings(s.Kind, ("discount", Text(s.DiscountPercent)), ("instalments", Text(s.Instalments))),
        PlanShapeSpec.Holiday h => Settings(h.Kind, ("periods", Text(h.Periods))),
        _ => shape.Kind,
    };

    private static (string Kind, Dictionary<string, string> Settings) Split(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var kind = (colon < 0 ? text : text[..colon]).Trim().ToLowerInvariant();
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (colon < 0)
        {
            return (kind, settings);
        }

        foreach (var pair in text[(colon + 1)..].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || !settings.TryAdd(pair[..equals].Trim(), pair[(equals + 1)..].Trim()))
            {
                throw Invalid("shape", $"'{pair}' is not a key=value setting given once");
            }
        }

        return (kind, settings);
    }

    private static string? Take(Dictionary<string, string> settings, string key) => settings.Remove(key, out var value) ? value : null;

    private static string[] List(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static List<StepSpec> Steps(string text) =>
    [
        .. List(text).Select(step => step.Split('x', 2, StringSplitOptions.TrimEntries) is [var periods, var amount]
            ? new StepSpec(Count(periods, ShapeSettings.Steps), Number(amount, ShapeSettings.Steps))
            : throw Invalid("shape", $"'{step}' is not a step such as 3x50 (3 periods of 50)", ShapeSettings.Steps)),
    ];

    private static List<int> Months(string text, string setting) =>
        [.. List(text).Select(m => int.TryParse(m, NumberStyles.None, CultureInfo.InvariantCulture, out var month) ? month : throw Invalid("shape", $"'{m}' is not a month number from 1 to 12", setting))];

    private static int? Count(string? text, string setting) =>
        text is null ? null
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
        : throw Invalid("shape", $"'{text}' is not a whole number", setting);

    private static decimal? Number(string? text, string setting) =>
        text is null ? null
        : decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value
        : throw Invalid("shape", $"'{text}' is not a number such as 12.5", setting);

    private static string? Text(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string? Text(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string? Months(IReadOnlyList<int>? months) =>
        months is null or { Count: 0 } ? null : string.Join(',', months.Order().Select(m => m.ToString(CultureInfo.InvariantCulture)));

    private static string Settings(string kind, params (string Key, string? Value)[] settings)
    {
        var given = settings.Where(s => !string.IsNullOrEmpty(s.Value)).Select(s => $"{s.Key}={s.Value}").ToList();
        return given.Count == 0 ? kind : kind + ":" + string.Join(';', given);
    }

    private static DomainException Invalid(string parameter, string problem, string? setting = null) => new(new InvalidPlanParameter(parameter, problem) { Setting = setting });
}
