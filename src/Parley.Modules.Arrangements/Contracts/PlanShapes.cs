using System.Text.Json.Serialization;

namespace Parley.Modules.Arrangements.Contracts;

/// <summary>
/// How a plan's instalments are sized, as the API, the pages and the CLI send it and as views show it: typed JSON with a
/// <c>kind</c> discriminator (<c>{"kind":"step","steps":[{"periods":3,"amount":50}]}</c>). Amounts are in major units;
/// the regular instalment travels beside the shape (<c>amount</c>), except for <see cref="Income"/> and
/// <see cref="Settlement"/>, which size their own. A setting a shape needs is nullable so that leaving it out is refused
/// naming that setting (<see cref="PlanError.Setting"/>, the property's JSON name), beside its field on a form.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(Fixed), "fixed")]
[JsonDerivedType(typeof(Step), "step")]
[JsonDerivedType(typeof(Seasonal), "seasonal")]
[JsonDerivedType(typeof(Income), "income")]
[JsonDerivedType(typeof(Settlement), "settlement")]
[JsonDerivedType(typeof(Promise), "promise")]
[JsonDerivedType(typeof(Holiday), "holiday")]
public abstract record PlanShapeSpec
{
    /// <summary>The shape's kind as the JSON discriminator spells it (<c>fixed</c>, <c>step</c>, …).</summary>
    [JsonIgnore]
    public string Kind => this switch
    {
        Fixed => "fixed",
        Step => "step",
        Seasonal => "seasonal",
        Income => "income",
        Settlement => "settlement",
        Promise => "promise",
        Holiday => "holiday",
        _ => GetType().Name.ToLowerInvariant(),
    };

    /// <summary>The same instalment each period until paid; the last pays what is left.</summary>
    public sealed record Fixed : PlanShapeSpec;

    /// <summary>A number of periods at one amount, then the next, …; then the instalment until paid (step-up or step-down).</summary>
    public sealed record Step(IReadOnlyList<StepSpec>? Steps) : PlanShapeSpec;

    /// <summary>The instalment each period, except months (1–12) it skips (nothing due) or reduces to <see cref="ReducedAmount"/>.</summary>
    public sealed record Seasonal(IReadOnlyList<int>? SkippedMonths = null, IReadOnlyList<int>? ReducedMonths = null, decimal? ReducedAmount = null) : PlanShapeSpec;

    /// <summary>For irregular income: <see cref="Percent"/> of the income declared for each period (they repeat in order), between a floor and a cap.</summary>
    public sealed record Income(decimal? Percent, decimal? Floor, decimal? Cap, IReadOnlyList<decimal>? Incomes) : PlanShapeSpec;

    /// <summary>Settles the balance for less: one lump sum (no <see cref="Instalments"/>, or 1) or a short plan of equal parts.</summary>
    public sealed record Settlement(decimal? DiscountPercent, int? Instalments = null) : PlanShapeSpec;

    /// <summary>One amount on one date (the plan's start).</summary>
    public sealed record Promise : PlanShapeSpec;

    /// <summary>Nothing due for <see cref="Periods"/> periods from the start, then the instalment each period until paid.</summary>
    public sealed record Holiday(int? Periods) : PlanShapeSpec;
}

/// <summary>One step of a step-up or step-down plan: this many periods at this amount (major units).</summary>
public sealed record StepSpec(int? Periods, decimal? Amount);

/// <summary>The names of a shape's settings, as <see cref="PlanError.Setting"/> reports them and the JSON spells them.</summary>
public static class ShapeSettings
{
    public const string Steps = "steps";
    public const string SkippedMonths = "skippedMonths";
    public const string ReducedMonths = "reducedMonths";
    public const string ReducedAmount = "reducedAmount";
    public const string Percent = "percent";
    public const string Floor = "floor";
    public const string Cap = "cap";
    public const string Incomes = "incomes";
    public const string DiscountPercent = "discountPercent";
    public const string Instalments = "instalments";
    public const string Periods = "periods";
}
