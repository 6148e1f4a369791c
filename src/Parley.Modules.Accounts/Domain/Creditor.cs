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

        var fee = policy.MonthlyFee ?? Money.Zero(Currency);
        if (fee.Currency != Currency)
        {
            throw new CurrencyMismatchException(Currency, fee.Currency);
        }

        if (policy.Problems() is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join(" ", problems.Values), nameof(policy));
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

    public const decimal DefaultMinimumInstalment = 25m;

    public const decimal DefaultSettlementDiscountMaxPercent = 30m;

    public const decimal MaxAnnualInterestRatePercent = 100m;

    /// <summary>Decimals an interest rate keeps (the column is numeric(7,4)); more would be rounded differently by each provider.</summary>
    public const int InterestRateDecimals = 4;

    /// <summary>Decimals a settlement discount keeps (the column is numeric(5,2)).</summary>
    public const int SettlementDiscountDecimals = 2;

    public const int MinPlanMonths = 1;

    public const int LongestPlanMonths = 120;

    public const int DefaultGraceDays = 3;

    public const int DefaultAllowedMisses = 1;

    public const int MaxGraceDays = 31;

    public const int MaxAllowedMisses = 12;

    /// <summary>The policy a new creditor in <paramref name="currency"/> gets for every field it does not set.</summary>
    public static CreditorPolicy Defaults(Currency currency) =>
        new(AllocationWaterfall.Default, Money.Of(DefaultMinimumInstalment, currency), 0m, DefaultSettlementDiscountMaxPercent, MonthlyFee: Money.Zero(currency));

    /// <summary>The message for an amount (minimum instalment, monthly fee) that is negative or finer than the currency's minor unit.</summary>
    public static string AmountProblem(string what, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(currency);
        return $"The {what} must be zero or more with at most {currency.MinorUnits} decimals for {currency.Code}.";
    }

    /// <summary>Every rule this policy breaks, keyed by the field the API names it by; empty when the policy is valid.</summary>
    public IReadOnlyDictionary<string, string> Problems()
    {
        var problems = new Dictionary<string, string>();
        if (MinimumInstalment.IsNegative)
        {
            problems["minimumInstalment"] = AmountProblem("minimum instalment", MinimumInstalment.Currency);
        }

        if (SettlementDiscountMinPercent < 0 || SettlementDiscountMaxPercent > 100 || SettlementDiscountMinPercent > SettlementDiscountMaxPercent)
        {
            problems["settlement"] = "Settlement discount bounds must satisfy 0 ≤ min ≤ max ≤ 100 (percent).";
        }
        else if (!HasAtMost(SettlementDiscountMinPercent, SettlementDiscountDecimals) || !HasAtMost(SettlementDiscountMaxPercent, SettlementDiscountDecimals))
        {
            problems["settlement"] = $"Settlement discounts have at most {SettlementDiscountDecimals} decimals (percent).";
        }

        if (AnnualInterestRatePercent is < 0 or > MaxAnnualInterestRatePercent || !HasAtMost(AnnualInterestRatePercent, InterestRateDecimals))
        {
            problems["annualInterestRatePercent"] = $"The interest rate must be 0–{MaxAnnualInterestRatePercent:0} % a year with at most {InterestRateDecimals} decimals.";
        }

        if (MonthlyFee is { IsNegative: true } fee)
        {
            problems["monthlyFee"] = AmountProblem("monthly fee", fee.Currency);
        }

        if (MaxPlanMonths is < MinPlanMonths or > LongestPlanMonths)
        {
            problems["maxPlanMonths"] = $"The longest plan must be {MinPlanMonths}–{LongestPlanMonths} months.";
        }

        if (GraceDays is < 0 or > MaxGraceDays)
        {
            problems["graceDays"] = $"Grace days must be 0–{MaxGraceDays}.";
        }

        if (AllowedMisses is < 0 or > MaxAllowedMisses)
        {
            problems["allowedMisses"] = $"Allowed misses must be 0–{MaxAllowedMisses}.";
        }

        return problems;
    }

    private static bool HasAtMost(decimal value, int decimals) => decimal.Round(value, decimals) == value;
}
