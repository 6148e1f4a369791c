using Parley.Modules.Accounts.Domain;

namespace Parley.Modules.Accounts.Creditors;

/// <summary>A creditor as the API and CLI show it.</summary>
public sealed record CreditorView(
    Guid Id,
    string Code,
    string Name,
    string Currency,
    string Waterfall,
    decimal MinimumInstalment,
    decimal SettlementDiscountMinPercent,
    decimal SettlementDiscountMaxPercent,
    int GraceDays,
    int AllowedMisses)
{
    public static CreditorView From(Creditor creditor)
    {
        ArgumentNullException.ThrowIfNull(creditor);
        var policy = creditor.Policy;
        return new(creditor.Id.Value, creditor.Code, creditor.Name, creditor.Currency.Code, creditor.Waterfall, policy.MinimumInstalment.Amount,
            policy.SettlementDiscountMinPercent, policy.SettlementDiscountMaxPercent, policy.GraceDays, policy.AllowedMisses);
    }
}
