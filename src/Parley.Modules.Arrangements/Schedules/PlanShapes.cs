using Parley.Modules.Arrangements.Simulation;
using Parley.SharedKernel;

namespace Parley.Modules.Arrangements.Schedules;

/// <summary>
/// Between the contract's <see cref="PlanShapeSpec"/> (what a caller sends, amounts in major units) and the
/// <see cref="PlanShape"/> the schedule is built from (money in the account's currency). A missing setting is refused
/// naming it; whether the values make a plan (ranges, the creditor's bounds) is <see cref="ScheduleBuilder"/>'s to say.
/// </summary>
public static class PlanShapes
{
    /// <summary>The shape <paramref name="spec"/> describes (default <c>fixed</c>); <paramref name="amount"/> is the regular instalment, when given.</summary>
    public static PlanShape ToDomain(PlanShapeSpec? spec, decimal? amount, Currency currency)
    {
        spec ??= new PlanShapeSpec.Fixed();
        if (amount is not null && spec is PlanShapeSpec.Income or PlanShapeSpec.Settlement)
        {
            throw Invalid("amount", $"the {spec.Kind} shape sizes its own instalments; leave amount out");
        }

        var instalment = amount is { } a ? Amount("amount", a, currency) : (Money?)null;
        return spec switch
        {
            PlanShapeSpec.Fixed => new FixedInstalments(Required(instalment, spec)),
            PlanShapeSpec.Step s => new SteppedInstalments(
                [.. Required(s.Steps, ShapeSettings.Steps).Select(step => new Step(Required(step.Periods, ShapeSettings.Steps), Amount("shape", Required(step.Amount, ShapeSettings.Steps), currency)))],
                Required(instalment, spec)),
            PlanShapeSpec.Seasonal s => Seasonal(s, Required(instalment, spec), currency),
            PlanShapeSpec.Income s => new IncomeShare(
                Required(s.Percent, ShapeSettings.Percent),
                [.. Required(s.Incomes, ShapeSettings.Incomes).Select(i => Amount("shape", i, currency))],
                Amount("shape", Required(s.Floor, ShapeSettings.Floor), currency),
                Amount("shape", Required(s.Cap, ShapeSettings.Cap), currency)),
            PlanShapeSpec.Settlement s => new Settlement(Required(s.DiscountPercent, ShapeSettings.DiscountPercent), s.Instalments ?? 1),
            PlanShapeSpec.Promise => new PromiseToPay(Required(instalment, spec)),
            PlanShapeSpec.Holiday h => new PaymentHoliday(Required(h.Periods, ShapeSettings.Periods), Required(instalment, spec)),
            _ => throw Invalid("shape", $"'{spec.Kind}' is not a plan shape; use one of {PlanInputText.ShapeKinds}"),
        };
    }

    /// <summary>The contract's description of <paramref name="shape"/>; its regular instalment is <see cref="Instalment"/>.</summary>
    public static PlanShapeSpec ToSpec(PlanShape shape) => shape switch
    {
        FixedInstalments => new PlanShapeSpec.Fixed(),
        SteppedInstalments s => new PlanShapeSpec.Step([.. s.Steps.Select(x => new StepSpec(x.Periods, PlanSimulator.Scaled(x.Amount)))]),
        SeasonalInstalments s => new PlanShapeSpec.Seasonal(
            s.SkippedMonths.Count > 0 ? [.. s.SkippedMonths.Order()] : null,
            s.ReducedMonths.Count > 0 ? [.. s.ReducedMonths.Order()] : null,
            s.ReducedMonths.Count > 0 ? PlanSimulator.Scaled(s.ReducedAmount) : null),
        IncomeShare s => new PlanShapeSpec.Income(s.Percent, PlanSimulator.Scaled(s.Floor), PlanSimulator.Scaled(s.Cap), [.. s.DeclaredIncomes.Select(PlanSimulator.Scaled)]),
        Settlement s => new PlanShapeSpec.Settlement(s.DiscountPercent, s.Instalments),
        PromiseToPay => new PlanShapeSpec.Promise(),
        PaymentHoliday h => new PlanShapeSpec.Holiday(h.Periods),
        _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, "not a plan shape"),
    };

    /// <summary>The regular instalment (<c>amount</c>) the shape takes, in major units; null for shapes that size their own.</summary>
    public static decimal? Instalment(PlanShape shape) => shape switch
    {
        FixedInstalments f => PlanSimulator.Scaled(f.Instalment),
        SteppedInstalments s => PlanSimulator.Scaled(s.Then),
        SeasonalInstalments s => PlanSimulator.Scaled(s.Instalment),
        PromiseToPay p => PlanSimulator.Scaled(p.Amount),
        PaymentHoliday h => PlanSimulator.Scaled(h.Instalment),
        _ => null,
    };

    /// <summary>An amount in <paramref name="currency"/> a plan accepts (at most its decimals), refused naming <paramref name="parameter"/>.</summary>
    public static Money Amount(string parameter, decimal value, Currency currency) => PlanFieldChecks.ReadAmount(parameter, value, currency);

    private static SeasonalInstalments Seasonal(PlanShapeSpec.Seasonal s, Money instalment, Currency currency)
    {
        var reduced = s.ReducedMonths ?? [];
        if (reduced.Count > 0 && s.ReducedAmount is null)
        {
            throw Invalid("shape", "reduced months need a reduced amount", ShapeSettings.ReducedAmount);
        }

        return new SeasonalInstalments(
            instalment,
            reduced.ToHashSet(),
            s.ReducedAmount is { } amount ? Amount("shape", amount, currency) : Money.Zero(currency),
            (s.SkippedMonths ?? []).ToHashSet());
    }

    private static Money Required(Money? instalment, PlanShapeSpec spec) =>
        instalment ?? throw Invalid("amount", $"the {spec.Kind} shape needs an amount");

    private static T Required<T>(T? value, string setting)
        where T : class => value ?? throw Invalid("shape", $"the setting '{setting}' is required", setting);

    private static T Required<T>(T? value, string setting)
        where T : struct => value ?? throw Invalid("shape", $"the setting '{setting}' is required", setting);

    private static DomainException Invalid(string parameter, string problem, string? setting = null) => new(new InvalidPlanParameter(parameter, problem) { Setting = setting });
}

/// <summary>A plan to build on <c>balance</c> from the contract's parts; a missing frequency or start is refused naming it.</summary>
public static class PlanRequests
{
    public static PlanRequest From(Money balance, decimal? amount, Frequency? frequency, NodaTime.LocalDate? start, PlanShapeSpec? shape) => new(
        balance,
        frequency ?? throw new DomainException(new InvalidPlanParameter("frequency", "is required")),
        start ?? throw new DomainException(new InvalidPlanParameter("start", "is required")),
        PlanShapes.ToDomain(shape, amount, balance.Currency));
}
