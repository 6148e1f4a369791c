using Parley.Modules.Payments.Contracts;
using Parley.SharedKernel;

namespace Parley.Modules.Accounts.Domain;

/// <summary>A client whose debts Parley collects, with the policy that bounds what may be offered.</summary>
public sealed class Creditor
{
    private Creditor()
    {
        Code = "";
        Name = "";
        Currency = Currency.USD;
        Waterfall = AllocationWaterfall.Default.ToString();
    }

    public Creditor(string code, string name, Currency currency, CreditorPolicy policy)
    {
        Id = CreditorId.New();
        Code = code;
        Name = name;
        Currency = currency;
        Waterfall = policy.Waterfall.ToString();
        SetPolicy(policy);
    }

    public CreditorId Id { get; private set; }

    /// <summary>Short code used in placement files, e.g. <c>ACME-CARD</c>.</summary>
    public string Code { get; private set; }

    public string Name { get; private set; }

    public Currency Currency { get; private set; }

    public string Waterfall { get; private set; }

    public long MinimumInstalmentMinor { get; private set; }

    public decimal SettlementDiscountMinPercent { get; private set; }

    public decimal SettlementDiscountMaxPercent { get; private set; }

    public decimal AnnualInterestRatePercent { get; private set; }

    public long MonthlyFeeMinor { get; private set; }

    public bool FreezeAllowed { get; private set; } = true;

    public int MaxPlanMonths { get; private set; } = CreditorPolicy.DefaultMaxPlanMonths;

    /// <summary>Days after an instalment's due date before it counts as missed.</summary>
    public int GraceDays { get; private set; } = CreditorPolicy.DefaultGraceDays;

    /// <summary>Missed instalments a plan survives; the next one breaks it.</summary>
    public int AllowedMisses { get; private set; } = CreditorPolicy.DefaultAllowedMisses;

    public CreditorPolicy Policy => new(
        AllocationWaterfall.Parse(Waterfall),
        Money.FromMinorUnits(MinimumInstalmentMinor, Currency),
        SettlementDiscountMinPercent,
        SettlementDiscountMaxPercent,
        AnnualInterestRatePercent,
        Money.FromMinorUnits(MonthlyFeeMinor, Currency),
        FreezeAllowed,
        MaxPlanMonths,
        GraceDays,
        AllowedMisses);

    public void SetPolicy(CreditorPolicy policy)
    {
        if (policy.MinimumInstalment.Currency != Currency)
        {
            throw new CurrencyMismatchException(Currency, policy.MinimumInstalment.Currency);
        }

        if (policy.SettlementDiscountMinPercent < 0 || policy.SettlementDiscountMaxPercent > 100 || policy.SettlementDiscountMinPercent > policy.SettlementDiscountMaxPercent)
        {
            throw new ArgumentException("Settlement discount bounds must satisfy 0 ≤ min ≤ max ≤ 100.", nameof(policy));
        }

        var fee = policy.MonthlyFee ?? Money.Zero(Currency);
        if (fee.Currency != Currency)
        {
            throw new CurrencyMismatchException(Currency, fee.Currency);
        }

        if (policy.AnnualInterestRatePercent is < 0 or > 100 || fee.IsNegative || policy.MaxPlanMonths is < 1 or > 120)
        {
            throw new ArgumentException("Interest is 0–100 % a year, the monthly fee is not negative and a plan lasts 1 to 120 months.", nameof(policy));
        }

        if (policy.GraceDays is < 0 or > CreditorPolicy.MaxGraceDays || policy.AllowedMisses is < 0 or > CreditorPolicy.MaxAllowedMisses)
        {
            throw new ArgumentException($"Grace days are 0–{CreditorPolicy.MaxGraceDays} and allowed misses 0–{CreditorPolicy.MaxAllowedMisses}.", nameof(policy));
        }

        Waterfall = policy.Waterfall.ToString();
        MinimumInstalmentMinor = policy.MinimumInstalment.ToMinorUnits();
        SettlementDiscountMinPercent = policy.SettlementDiscountMinPercent;
        SettlementDiscountMaxPercent = policy.SettlementDiscountMaxPercent;
        AnnualInterestRatePercent = policy.AnnualInterestRatePercent;
        MonthlyFeeMinor = fee.ToMinorUnits();
        FreezeAllowed = policy.FreezeAllowed;
        MaxPlanMonths = policy.MaxPlanMonths;
        GraceDays = policy.GraceDays;
        AllowedMisses = policy.AllowedMisses;
    }
}

/// <summary>
/// What a creditor allows: how payments are allocated, the smallest instalment, settlement discount bounds, and the
/// terms offers are sized against — the interest rate and monthly fee charged without an arrangement (default none),
/// whether a kept arrangement may freeze them (default yes, CONC 7 forbearance), the longest plan (default 60 months)
/// and a plan's tolerance: grace days before an instalment is missed (default 3) and misses allowed before it breaks (default 1).
/// </summary>
public sealed record CreditorPolicy(
    AllocationWaterfall Waterfall,
    Money MinimumInstalment,
    decimal SettlementDiscountMinPercent,
    decimal SettlementDiscountMaxPercent,
    decimal AnnualInterestRatePercent = 0m,
    Money? MonthlyFee = null,
    bool FreezeAllowed = true,
    int MaxPlanMonths = CreditorPolicy.DefaultMaxPlanMonths,
    int GraceDays = CreditorPolicy.DefaultGraceDays,
    int AllowedMisses = CreditorPolicy.DefaultAllowedMisses)
{
    public const int DefaultMaxPlanMonths = 60;

    public const int DefaultGraceDays = 3;

    public const int DefaultAllowedMisses = 1;

    public const int MaxGraceDays = 31;

    public const int MaxAllowedMisses = 12;
}
