using NodaTime;
using Parley.SharedKernel;

namespace Parley.Modules.Arrangements.Contracts;

/// <summary>
/// Simulates a plan on <paramref name="Account"/>'s outstanding balance and its creditor's bounds: the plan as a proposal
/// takes it (amount, frequency, start, shape) and the default path's annual rate (percent) and monthly fee.
/// </summary>
public sealed record SimulateAccountPlanRequest(AccountId Account, decimal? Amount, Frequency? Frequency, LocalDate? Start, PlanShapeSpec? Shape, decimal? Rate = null, decimal? Fee = null);

/// <summary>
/// Simulates a plan on a balance with no account (<c>parley plan simulate</c>); the creditor's bounds are optional (no
/// minimum and any settlement discount when left out).
/// </summary>
public sealed record SimulatePlanRequest(
    decimal? Balance,
    Currency? Currency,
    decimal? Amount,
    Frequency? Frequency,
    LocalDate? Start,
    PlanShapeSpec? Shape,
    decimal? Rate = null,
    decimal? Fee = null,
    decimal? MinimumInstalment = null,
    decimal? SettlementMin = null,
    decimal? SettlementMax = null);

public sealed record SimulatedInstalment(int Number, LocalDate Date, decimal Amount, decimal BalanceAfter);

/// <summary>The date (and instalment) by which <see cref="Percent"/> % of the amount the plan settles has been paid.</summary>
public sealed record Milestone(int Percent, LocalDate Date, int Instalment);

/// <summary>The path without an arrangement: the balance left unpaid, accruing simple interest and a monthly fee until the plan's end date.</summary>
public sealed record DefaultPath(decimal AnnualRatePercent, decimal MonthlyFee, int Days, int Months, decimal Interest, decimal Fees);

public sealed record SimulationResult(
    string Currency,
    decimal Balance,
    PlanShapeSpec Shape,
    Frequency Frequency,
    LocalDate Start,
    decimal Settles,
    decimal WrittenOff,
    int Instalments,
    LocalDate EndDate,
    decimal TotalPaid,
    decimal InterestSaved,
    decimal FeesSaved,
    DefaultPath DefaultPath,
    IReadOnlyList<Milestone> Milestones,
    IReadOnlyList<SimulatedInstalment> Schedule);

