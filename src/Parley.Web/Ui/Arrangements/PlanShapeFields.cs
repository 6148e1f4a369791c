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
/// A plan shape's settings as typed form fields, made into the module's <see cref="PlanShapeSpec"/> and read back from
/// one (an offer's proposal). Each field's key is its setting's name (<see cref="ShapeSettings"/>), so the module's
/// problems can be shown beside the field they concern. The instalment itself (<c>amount</c>) is not a setting.
/// </summary>
public sealed class PlanShapeFields
{
    public const string Steps = ShapeSettings.Steps;
    public const string Skip = ShapeSettings.SkippedMonths;
    public const string Reduce = ShapeSettings.ReducedMonths;
    public const string ReducedAmountKey = ShapeSettings.ReducedAmount;
    public const string PercentKey = ShapeSettings.Percent;
    public const string FloorKey = ShapeSettings.Floor;
    public const string CapKey = ShapeSettings.Cap;
    public const string Incomes = ShapeSettings.Incomes;
    public const string DiscountKey = ShapeSettings.DiscountPercent;
    public const string InstalmentsKey = ShapeSettings.Instalments;
    public const string PeriodsKey = ShapeSettings.Periods;

    /// <summary>The shape's kind: fixed, step, seasonal, income, settlement, promise or holiday.</summary>
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

    /// <summary>The shape the fields describe; an empty field is left out, for the module to say it is required.</summary>
    public PlanShapeSpec ToSpec() => Shape switch
    {
        "step" => new PlanShapeSpec.Step(NullWhenEmpty([.. StepList.Where(s => s.Periods is not null || s.Amount is not null).Select(s => new StepSpec(s.Periods, s.Amount))])),
        "seasonal" => new PlanShapeSpec.Seasonal([.. SkippedMonths], [.. ReducedMonths], ReducedAmount),
        "income" => new PlanShapeSpec.Income(Percent, Floor, Cap, NullWhenEmpty([.. IncomeList.Select(i => i.Amount).OfType<decimal>()])),
        "settlement" => new PlanShapeSpec.Settlement(Discount, SettlementInstalments),
        "promise" => new PlanShapeSpec.Promise(),
        "holiday" => new PlanShapeSpec.Holiday(HolidayPeriods),
        _ => new PlanShapeSpec.Fixed(),
    };

    /// <summary>The fields of a shape the module made (an offer's proposal).</summary>
    public static PlanShapeFields FromSpec(PlanShapeSpec? spec)
    {
        var fields = new PlanShapeFields { Shape = spec?.Kind ?? "fixed" };
        switch (spec)
        {
            case PlanShapeSpec.Step s when s.Steps is { Count: > 0 } steps:
                fields.StepList.Clear();
                fields.StepList.AddRange(steps.Select(x => new StepField { Periods = x.Periods, Amount = x.Amount }));
                break;
            case PlanShapeSpec.Seasonal s:
                fields.SkippedMonths.UnionWith(s.SkippedMonths ?? []);
                fields.ReducedMonths.UnionWith(s.ReducedMonths ?? []);
                fields.ReducedAmount = s.ReducedAmount;
                break;
            case PlanShapeSpec.Income s:
                (fields.Percent, fields.Floor, fields.Cap) = (s.Percent, s.Floor, s.Cap);
                if (s.Incomes is { Count: > 0 } incomes)
                {
                    fields.IncomeList.Clear();
                    fields.IncomeList.AddRange(incomes.Select(i => new IncomeField { Amount = i }));
                }

                break;
            case PlanShapeSpec.Settlement s:
                (fields.Discount, fields.SettlementInstalments) = (s.DiscountPercent, s.Instalments);
                break;
            case PlanShapeSpec.Holiday h:
                fields.HolidayPeriods = h.Periods;
                break;
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

    private static List<T>? NullWhenEmpty<T>(List<T> values) => values.Count == 0 ? null : values;
}
