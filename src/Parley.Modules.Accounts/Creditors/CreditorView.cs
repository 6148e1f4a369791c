using Parley.Modules.Accounts.Domain;
using Parley.SharedKernel;

namespace Parley.Modules.Accounts.Creditors;

/// <summary>A creditor as the API and CLI show it: amounts in its currency, percents as numbers (19.9 is 19.9 %).</summary>
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
    int AllowedMisses)
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
