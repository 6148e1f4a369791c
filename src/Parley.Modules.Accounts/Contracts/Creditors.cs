using Parley.SharedKernel;

namespace Parley.Modules.Accounts.Contracts;

/// <summary>Adds a creditor with its currency and collection policy; the code must be new. A creditor must exist before its placements import.</summary>
/// <param name="Waterfall">Payment allocation order, default <c>fees&gt;interest&gt;principal</c>.</param>
/// <param name="MinimumInstalment">Smallest instalment in the creditor's currency, default 25.</param>
/// <param name="SettlementDiscountMinPercent">Default 0.</param>
/// <param name="SettlementDiscountMaxPercent">Default 30.</param>
/// <param name="GraceDays">Days after a plan instalment's due date before it is missed, default 3.</param>
/// <param name="AllowedMisses">Missed instalments a plan survives before it breaks, default 1.</param>
/// <param name="AnnualInterestRatePercent">Interest charged a year without an arrangement, percent (19.9 is 19.9 %), 0–100 with at most 4 decimals; default 0.</param>
/// <param name="MonthlyFee">Fee charged each month without an arrangement, in the creditor's currency with its decimals; default 0.</param>
/// <param name="FreezeAllowed">Whether a kept arrangement may freeze interest and fees; default true.</param>
/// <param name="MaxPlanMonths">The longest plan offered without approval, 1–120 months; default 60.</param>
public sealed record CreateCreditorRequest(
    string Code,
    string Name,
    string Currency,
    string? Waterfall = null,
    decimal? MinimumInstalment = null,
    decimal? SettlementDiscountMinPercent = null,
    decimal? SettlementDiscountMaxPercent = null,
    int? GraceDays = null,
    int? AllowedMisses = null,
    decimal? AnnualInterestRatePercent = null,
    decimal? MonthlyFee = null,
    bool? FreezeAllowed = null,
    int? MaxPlanMonths = null);

/// <summary>
/// Changes what <paramref name="Creditor"/> allows; an omitted (null) field keeps its current value. A new waterfall
/// applies to the next payment on every one of its accounts; a new rate or fee from the next monthly accrual.
/// </summary>
public sealed record ChangeCreditorPolicyRequest(
    CreditorId Creditor,
    string? Waterfall = null,
    decimal? MinimumInstalment = null,
    decimal? SettlementDiscountMinPercent = null,
    decimal? SettlementDiscountMaxPercent = null,
    int? GraceDays = null,
    int? AllowedMisses = null,
    decimal? AnnualInterestRatePercent = null,
    decimal? MonthlyFee = null,
    bool? FreezeAllowed = null,
    int? MaxPlanMonths = null);

/// <summary>Asks for the creditors the actor works for, ordered by code.</summary>
public sealed record ListCreditorsRequest;

/// <summary>A creditor as the API, the pages and the CLI show it: amounts in its currency, percents as numbers (19.9 is 19.9 %).</summary>
/// <param name="AnnualInterestRatePercent">Interest charged a year without an arrangement.</param>
/// <param name="MonthlyFee">Fee charged each month without an arrangement.</param>
/// <param name="FreezeAllowed">Whether a kept arrangement may freeze interest and fees.</param>
/// <param name="MaxPlanMonths">The longest plan offered without approval.</param>
public sealed record CreditorView(
    Guid Id,
    string Code,
    string Name,
    string Currency,
    string Waterfall,
    decimal MinimumInstalment,
    decimal SettlementDiscountMinPercent,
    decimal SettlementDiscountMaxPercent,
    decimal AnnualInterestRatePercent,
    decimal MonthlyFee,
    bool FreezeAllowed,
    int MaxPlanMonths,
    int GraceDays,
    int AllowedMisses);
