using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Payments.Contracts;
using Parley.SharedKernel;

namespace Parley.Demo.Portfolio;

/// <summary>One of the demo portfolio's clients: who it is, what it lends, and the policy that bounds offers.</summary>
public sealed record DemoCreditor(
    string Code,
    string Name,
    Currency Currency,
    string Country,
    string AccountPrefix,
    ProductType[] Products,
    string Waterfall,
    long MinimumInstalmentMinor,
    decimal SettlementDiscountMinPercent,
    decimal SettlementDiscountMaxPercent)
{
    public CreditorPolicy Policy { get; } = new(
        AllocationWaterfall.Parse(Waterfall),
        Money.FromMinorUnits(MinimumInstalmentMinor, Currency),
        SettlementDiscountMinPercent,
        SettlementDiscountMaxPercent);

    public Creditor ToCreditor() => new(Code, Name, Currency, Policy);
}

public static class DemoCreditors
{
    public static readonly DemoCreditor CardIssuer = new(
        "HARBORPOINT-CARD", "Harbor Point Bank Card Services", Currency.USD, "US", "HPB",
        [ProductType.CreditCard, ProductType.PersonalLoan], "fees>interest>principal", 2500, 20m, 50m);

    // Pay-later balances are interest-free for most customers, so principal first keeps late fees from crowding it out.
    public static readonly DemoCreditor Bnpl = new(
        "KESTRELPAY-BNPL", "Kestrel Pay Inc.", Currency.USD, "US", "KPY",
        [ProductType.Bnpl], "principal>interest>fees", 1000, 0m, 30m);

    public static readonly DemoCreditor Utility = new(
        "PRAIRIE-GAS-ELEC", "Prairie Gas & Electric Co.", Currency.USD, "US", "PGE",
        [ProductType.Utility], "principal>fees>interest", 2000, 0m, 25m);

    // Medical debt: no interest or fees are added, and hospitals accept deep discounts.
    public static readonly DemoCreditor Hospital = new(
        "CEDARVALE-HEALTH", "Cedar Vale Health System", Currency.USD, "US", "CVH",
        [ProductType.Medical], "principal>interest>fees", 1500, 20m, 60m);

    public static readonly DemoCreditor UkLender = new(
        "THAMESBRIDGE-UK", "Thamesbridge Finance Ltd", Currency.GBP, "GB", "TBF",
        [ProductType.CreditCard, ProductType.PersonalLoan], "fees>interest>principal", 500, 10m, 40m);

    public static IReadOnlyList<DemoCreditor> All { get; } = [CardIssuer, Bnpl, Utility, Hospital, UkLender];

    /// <summary>US creditors with the share of US customers each places (a card issuer has the largest book).</summary>
    public static (DemoCreditor Creditor, int Weight)[] UsMix { get; } = [(CardIssuer, 45), (Bnpl, 20), (Utility, 20), (Hospital, 15)];
}
