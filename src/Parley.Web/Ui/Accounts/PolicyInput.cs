namespace Parley.Web.Ui.Accounts;

/// <summary>The policy fields as typed on the Creditors page; an empty one is left for the module to default (new creditor) or keep.</summary>
public sealed class PolicyInput
{
    public string? Waterfall { get; set; }

    public decimal? MinimumInstalment { get; set; }

    public decimal? SettlementMin { get; set; }

    public decimal? SettlementMax { get; set; }

    public int? GraceDays { get; set; }

    public int? AllowedMisses { get; set; }
}
