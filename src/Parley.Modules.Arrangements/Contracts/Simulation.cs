using NodaTime;
using Parley.SharedKernel;

namespace Parley.Modules.Arrangements.Contracts;

/// <summary>
/// Simulates a plan on <paramref name="Account"/>'s outstanding balance and its creditor's bounds: the plan's parameters
/// in the words the API's query takes (amount, frequency, start, shape; the default path's annual rate and monthly fee).
/// </summary>
public sealed record SimulateAccountPlanRequest(AccountId Account, string? Amount, string? Frequency, string? Start, string? Shape, string? Rate = null, string? Fee = null);

/// <summary>
/// Simulates a plan on a balance with no account (<c>parley plan simulate</c>): the options as typed on the command line;
/// the creditor's bounds are optional (no minimum and any settlement discount when left out).
/// </summary>
public sealed record SimulatePlanRequest(
    string? Balance,
    string? Currency,
    string? Amount,
    string? Frequency,
    string? Start,
    string? Shape,
    string? Rate = null,
    string? Fee = null,
    string? MinimumInstalment = null,
    string? SettlementMin = null,
    string? SettlementMax = null);

public sealed record SimulatedInstalment(int Number, LocalDate Date, decimal Amount, decimal BalanceAfter);

/// <summary>The date (and instalment) by which <see cref="Percent"/> % of the amount the plan settles has been paid.</summary>
public sealed record Milestone(int Percent, LocalDate Date, int Instalment);

/// <summary>The path without an arrangement: the balance left unpaid, accruing simple interest and a monthly fee until the plan's end date.</summary>
public sealed record DefaultPath(decimal AnnualRatePercent, decimal MonthlyFee, int Days, int Months, decimal Interest, decimal Fees);

public sealed record SimulationResult(
    string Currency,
    decimal Balance,
    string Shape,
    string Frequency,
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

