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

    public CreditorPolicy Policy => new(
        AllocationWaterfall.Parse(Waterfall),
        Money.FromMinorUnits(MinimumInstalmentMinor, Currency),
        SettlementDiscountMinPercent,
        SettlementDiscountMaxPercent);

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

        Waterfall = policy.Waterfall.ToString();
        MinimumInstalmentMinor = policy.MinimumInstalment.ToMinorUnits();
        SettlementDiscountMinPercent = policy.SettlementDiscountMinPercent;
        SettlementDiscountMaxPercent = policy.SettlementDiscountMaxPercent;
    }
}

/// <summary>What a creditor allows: how payments are allocated, the smallest instalment, and settlement discount bounds.</summary>
public sealed record CreditorPolicy(
    AllocationWaterfall Waterfall,
    Money MinimumInstalment,
    decimal SettlementDiscountMinPercent,
    decimal SettlementDiscountMaxPercent);
