using System.Globalization;
using Parley.Modules.Arrangements.Contracts;
using Parley.SharedKernel;

namespace Parley.Web.Ui.Arrangements;

/// <summary>One step of a step-up or step-down plan on the form: this many periods at this amount.</summary>
public sealed class StepField
{
    public int? Periods { get; set; }

    public decimal? Amount { get; set; }
}

/// <summary>One declared income on the form (one per period; they repeat in order).</summary>
public sealed class IncomeField
{
    public decimal? Amount { get; set; }
}

/// <summary>
/// A plan shape's settings as typed form fields, written to and read from the words the module's shape text takes
/// (<c>seasonal:skip=8;reduce=12,1;reduced-amount=25</c>). Each field's key is its setting's name, so the module's
/// problems can be shown beside the field they concern. The instalment itself (<c>amount</c>) is not a setting.
/// </summary>
public sealed class PlanShapeFields
{
    public const string Steps = "steps";
    public const string Skip = "skip";
    public const string Reduce = "reduce";
    public const string ReducedAmountKey = "reduced-amount";
    public const string PercentKey = "percent";
    public const string FloorKey = "floor";
    public const string CapKey = "cap";
    public const string Incomes = "incomes";
    public const string DiscountKey = "discount";
    public const string InstalmentsKey = "instalments";
    public const string PeriodsKey = "periods";

    /// <summary>The shape's name: fixed, step, seasonal, income, settlement, promise or holiday.</summary>
    public string Shape { get; set; } = "fixed";

    public List<StepField> StepList { get; } = [new()];

    public SortedSet<int> SkippedMonths { get; } = [];

    public SortedSet<int> ReducedMonths { get; } = [];

    public decimal? ReducedAmount { get; set; }

    public decimal? Percent { get; set; }

    public decimal? Floor { get; set; }

    public decimal? Cap { get; set; }

    public List<IncomeField> IncomeList { get; } = [new()];

    public decimal? Discount { get; set; }

    /// <summary>Settlement parts; empty means one lump sum.</summary>
    public int? SettlementInstalments { get; set; }

    public int? HolidayPeriods { get; set; }

    /// <summary>Whether the shape takes the instalment (<c>amount</c>); income and settlement size their own.</summary>
    public bool TakesAmount => Shape is not ("income" or "settlement");

    /// <summary>The shape as the API's <c>shape</c> parameter spells it; an empty field is left out, for the module to say it is required.</summary>
    public string ToShapeText()
    {
        var settings = Shape switch
        {
            "step" => [(Steps, Join(StepList.Where(s => s.Periods is not null || s.Amount is not null).Select(s => $"{Text(s.Periods)}x{Text(s.Amount)}")))],
            "seasonal" => [(Skip, Join(SkippedMonths.Select(m => Text(m)))), (Reduce, Join(ReducedMonths.Select(m => Text(m)))), (ReducedAmountKey, ReducedMonths.Count > 0 || ReducedAmount is not null ? Text(ReducedAmount) : null)],
            "income" => [(PercentKey, Text(Percent)), (FloorKey, Text(Floor)), (CapKey, Text(Cap)), (Incomes, Join(IncomeList.Where(i => i.Amount is not null).Select(i => Text(i.Amount))))],
            "settlement" => [(DiscountKey, Text(Discount)), (InstalmentsKey, Text(SettlementInstalments))],
            "holiday" => [(PeriodsKey, Text(HolidayPeriods))],
            _ => Array.Empty<(string Key, string? Value)>(),
        };
        var given = settings.Where(s => !string.IsNullOrEmpty(s.Value)).Select(s => $"{s.Key}={s.Value}").ToList();
        return given.Count == 0 ? Shape : $"{Shape}:{string.Join(';', given)}";
    }

    /// <summary>The fields of a shape text the module wrote (an offer's proposal); settings it cannot read are left empty.</summary>
    public static PlanShapeFields FromShapeText(string? text)
    {
        var (name, settings) = ArrangementText.SplitShape(string.IsNullOrWhiteSpace(text) ? "fixed" : text);
        var fields = new PlanShapeFields { Shape = name.ToLowerInvariant() };
        fields.StepList.Clear();
        fields.IncomeList.Clear();
        foreach (var pair in (settings ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }

            var value = pair[(equals + 1)..].Trim();
            switch (pair[..equals].Trim().ToLowerInvariant())
            {
                case Steps:
                    fields.StepList.AddRange(List(value).Select(s => s.Split('x', 2, StringSplitOptions.TrimEntries)).Select(p => new StepField { Periods = Int(p[0]), Amount = p.Length == 2 ? Decimal(p[1]) : null }));
                    break;
                case Skip:
                    fields.SkippedMonths.UnionWith(List(value).Select(Int).OfType<int>());
                    break;
                case Reduce:
                    fields.ReducedMonths.UnionWith(List(value).Select(Int).OfType<int>());
                    break;
                case ReducedAmountKey:
                    fields.ReducedAmount = Decimal(value);
                    break;
                case PercentKey:
                    fields.Percent = Decimal(value);
                    break;
                case FloorKey:
                    fields.Floor = Decimal(value);
                    break;
                case CapKey:
                    fields.Cap = Decimal(value);
                    break;
                case Incomes:
                    fields.IncomeList.AddRange(List(value).Select(i => new IncomeField { Amount = Decimal(i) }));
                    break;
                case DiscountKey:
                    fields.Discount = Decimal(value);
                    break;
                case InstalmentsKey:
                    fields.SettlementInstalments = Int(value);
                    break;
                case PeriodsKey:
                    fields.HolidayPeriods = Int(value);
                    break;
            }
        }

        // The form always shows at least one row to type into.
        if (fields.StepList.Count == 0)
        {
            fields.StepList.Add(new());
        }

        if (fields.IncomeList.Count == 0)
        {
            fields.IncomeList.Add(new());
        }

        return fields;
    }

    /// <summary>
    /// Each field's problem in the module's own words (its amount and percentage readers, named after the field), before
    /// the whole shape is built; an empty answer means every field reads.
    /// </summary>
    public IReadOnlyDictionary<string, string> Check(Currency currency)
    {
        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        void Amount(string key, decimal? value)
        {
            if (value is { } v && !problems.ContainsKey(key) && PlanFieldChecks.Amount(key, v, currency) is { } problem)
            {
                problems[key] = problem;
            }
        }

        void Percentage(string key, decimal? value)
        {
            if (value is { } v && PlanFieldChecks.Percent(key, v) is { } problem)
            {
                problems[key] = problem;
            }
        }

        switch (Shape)
        {
            case "step":
                foreach (var step in StepList)
                {
                    Amount(Steps, step.Amount);
                }

                break;
            case "seasonal":
                Amount(ReducedAmountKey, ReducedAmount);
                if (SkippedMonths.Overlaps(ReducedMonths))
                {
                    problems[Reduce] = "a month cannot be both reduced and skipped";
                }

                break;
            case "income":
                Percentage(PercentKey, Percent);
                Amount(FloorKey, Floor);
                Amount(CapKey, Cap);
                foreach (var income in IncomeList)
                {
                    Amount(Incomes, income.Amount);
                }

                break;
            case "settlement":
                Percentage(DiscountKey, Discount);
                break;
        }

        return problems;
    }

    private static string? Join(IEnumerable<string> values)
    {
        var text = string.Join(',', values);
        return text.Length == 0 ? null : text;
    }

    private static string[] List(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string Text(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Text(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static int? Int(string text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static decimal? Decimal(string text) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var d) ? d : null;
}
