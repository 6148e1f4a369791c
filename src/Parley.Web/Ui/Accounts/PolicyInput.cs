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

    /// <summary>Percent a year, as typed: 19.9 is 19.9 %.</summary>
    public decimal? AnnualInterestRate { get; set; }

    public decimal? MonthlyFee { get; set; }

    public bool? FreezeAllowed { get; set; }

    public int? MaxPlanMonths { get; set; }
}
