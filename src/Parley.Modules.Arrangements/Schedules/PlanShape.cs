using Parley.SharedKernel;

namespace Parley.Modules.Arrangements.Schedules;

/// <summary>How a plan's instalments are sized. Every shape settles in whole minor units; see <see cref="ScheduleBuilder"/>.</summary>
public abstract record PlanShape
{
    /// <summary>The shape's name as the simulator and the API spell it.</summary>
    public abstract string Name { get; }
}

/// <summary>The same instalment each period until paid; the last pays what is left.</summary>
public sealed record FixedInstalments(Money Instalment) : PlanShape
{
    public override string Name => "fixed";
}

/// <summary>A number of periods at one amount, then the next, …; then <see cref="Then"/> until paid (step-up or step-down).</summary>
public sealed record SteppedInstalments(IReadOnlyList<Step> Steps, Money Then) : PlanShape
{
    public override string Name => "step";
}

public sealed record Step(int Periods, Money Amount);

/// <summary>
/// The instalment each period, except periods due in <see cref="ReducedMonths"/> (which pay <see cref="ReducedAmount"/>)
/// and in <see cref="SkippedMonths"/> (which pay nothing and are left out of the schedule). Months are 1–12.
/// </summary>
public sealed record SeasonalInstalments(Money Instalment, IReadOnlySet<int> ReducedMonths, Money ReducedAmount, IReadOnlySet<int> SkippedMonths) : PlanShape
{
    public override string Name => "seasonal";
}

/// <summary>
/// For irregular income: each instalment is <see cref="Percent"/> of the income declared for its period (rounded down
/// to the minor unit), never below <see cref="Floor"/> nor above <see cref="Cap"/>. Declared incomes repeat in order.
/// </summary>
public sealed record IncomeShare(decimal Percent, IReadOnlyList<Money> DeclaredIncomes, Money Floor, Money Cap) : PlanShape
{
    public override string Name => "income";
}

/// <summary>Settles the balance for less: one lump sum (<see cref="Instalments"/> = 1) or a short plan of equal parts.</summary>
public sealed record Settlement(decimal DiscountPercent, int Instalments) : PlanShape
{
    public const int MaxInstalments = 12;

    public override string Name => "settlement";
}

/// <summary>One amount on one date (the plan's start).</summary>
public sealed record PromiseToPay(Money Amount) : PlanShape
{
    public override string Name => "promise";
}

/// <summary>Nothing due for <see cref="Periods"/> periods from the start, then <see cref="Instalment"/> each period until paid.</summary>
public sealed record PaymentHoliday(int Periods, Money Instalment) : PlanShape
{
    public const int MaxPeriods = 12;

    public override string Name => "holiday";
}
