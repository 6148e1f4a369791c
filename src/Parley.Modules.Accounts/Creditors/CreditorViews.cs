using Parley.Modules.Accounts.Domain;
using Parley.SharedKernel;

namespace Parley.Modules.Accounts.Creditors;

/// <summary>Builds the <see cref="CreditorView"/> every creditor use case answers with.</summary>
internal static class CreditorViews
{
    public static CreditorView From(Creditor creditor)
    {
        ArgumentNullException.ThrowIfNull(creditor);
        var policy = creditor.Policy;
        return new(creditor.Id.Value, creditor.Code, creditor.Name, creditor.Currency.Code, creditor.Waterfall, policy.MinimumInstalment.Amount,
            Plain(policy.SettlementDiscountMinPercent), Plain(policy.SettlementDiscountMaxPercent), Plain(policy.AnnualInterestRatePercent), (policy.MonthlyFee ?? Money.Zero(creditor.Currency)).Amount,
            policy.FreezeAllowed, policy.MaxPlanMonths, policy.GraceDays, policy.AllowedMisses);
    }

    /// <summary>Drops the trailing zeros a numeric column adds (PostgreSQL reads 19.9 back as 19.9000), so both providers answer alike.</summary>
    private static decimal Plain(decimal percent) => percent / 1.000000000000000000000000000000000m;
}
