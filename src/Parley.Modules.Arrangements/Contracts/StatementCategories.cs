namespace Parley.Modules.Arrangements.Contracts;

/// <summary>Which financial statement an I&amp;E follows.</summary>
public enum StatementStandard
{
    /// <summary>The UK Standard Financial Statement (MaPS), structure per compliance-rules.md §3.3.</summary>
    UkSfs,

    /// <summary>A US household budget laid out like the IRS Collection Financial Standards (national and local standards).</summary>
    Us,
}

/// <summary>Where a line counts in the disposable-income sum.</summary>
public enum StatementGroup
{
    Income,
    FixedCost,

    /// <summary>Costs with spending guidelines: above the guideline is flagged for review, never refused.</summary>
    FlexibleCost,
    Savings,
    PriorityDebt,

    /// <summary>Repayments to non-priority creditors: what disposable income is shared among, so not deducted from it.</summary>
    OtherDebt,
}

public sealed record StatementCategory(string Code, StatementGroup Group, string Label);

/// <summary>The closed set of categories per standard; codes are the snake_case names the API and data files use.</summary>
public static class StatementCategories
{
    public static IReadOnlyList<StatementCategory> UkSfs { get; } =
    [
        new("earnings", StatementGroup.Income, "Earnings"),
        new("benefits", StatementGroup.Income, "Benefits"),
        new("pensions", StatementGroup.Income, "Pensions"),
        new("other_income", StatementGroup.Income, "Other income"),
        new("rent", StatementGroup.FixedCost, "Rent"),
        new("mortgage", StatementGroup.FixedCost, "Mortgage"),
        new("secured_loans", StatementGroup.FixedCost, "Secured loans"),
        new("council_tax_or_rates", StatementGroup.FixedCost, "Council tax or rates"),
        new("home_and_contents", StatementGroup.FixedCost, "Other home and contents"),
        new("gas", StatementGroup.FixedCost, "Gas"),
        new("electricity", StatementGroup.FixedCost, "Electricity"),
        new("other_utilities", StatementGroup.FixedCost, "Other utilities"),
        new("water", StatementGroup.FixedCost, "Water"),
        new("care_and_health", StatementGroup.FixedCost, "Care and health (including childcare)"),
        new("transport_and_travel", StatementGroup.FixedCost, "Transport and travel"),
        new("school", StatementGroup.FixedCost, "School costs"),
        new("pensions_and_insurances", StatementGroup.FixedCost, "Pensions and insurances"),
        new("professional_costs", StatementGroup.FixedCost, "Professional costs"),
        new("other_essential_costs", StatementGroup.FixedCost, "Other essential costs"),
        new("communications_and_leisure", StatementGroup.FlexibleCost, "Communications and leisure"),
        new("food_and_housekeeping", StatementGroup.FlexibleCost, "Food and housekeeping"),
        new("personal_costs", StatementGroup.FlexibleCost, "Personal costs"),
        new("savings_contribution", StatementGroup.Savings, "Savings contribution"),
        new("priority_debts", StatementGroup.PriorityDebt, "Priority debts (arrears on rent, mortgage, council tax, energy, fines…)"),
        new("other_debts", StatementGroup.OtherDebt, "Non-priority debts"),
    ];

    public static IReadOnlyList<StatementCategory> Us { get; } =
    [
        new("wages", StatementGroup.Income, "Wages and salaries"),
        new("self_employment", StatementGroup.Income, "Self-employment income"),
        new("social_security", StatementGroup.Income, "Social Security"),
        new("pension", StatementGroup.Income, "Pensions and annuities"),
        new("other_income", StatementGroup.Income, "Other income (support received, rental, …)"),
        new("housing_and_utilities", StatementGroup.FixedCost, "Housing and utilities"),
        new("vehicle_ownership", StatementGroup.FixedCost, "Vehicle loan or lease"),
        new("vehicle_operating", StatementGroup.FixedCost, "Vehicle operating costs"),
        new("public_transportation", StatementGroup.FixedCost, "Public transportation"),
        new("health_insurance", StatementGroup.FixedCost, "Health insurance"),
        new("child_care", StatementGroup.FixedCost, "Child and dependent care"),
        new("taxes", StatementGroup.FixedCost, "Current taxes"),
        new("court_ordered_payments", StatementGroup.FixedCost, "Court-ordered payments (child support, alimony)"),
        new("life_insurance", StatementGroup.FixedCost, "Term life insurance"),
        new("other_necessary", StatementGroup.FixedCost, "Other necessary expenses"),
        new("food", StatementGroup.FlexibleCost, "Food"),
        new("housekeeping_supplies", StatementGroup.FlexibleCost, "Housekeeping supplies"),
        new("apparel_and_services", StatementGroup.FlexibleCost, "Apparel and services"),
        new("personal_care", StatementGroup.FlexibleCost, "Personal care products and services"),
        new("miscellaneous", StatementGroup.FlexibleCost, "Miscellaneous"),
        new("out_of_pocket_health_care", StatementGroup.FlexibleCost, "Out-of-pocket health care"),
        new("savings_contribution", StatementGroup.Savings, "Savings contribution"),
        new("priority_debts", StatementGroup.PriorityDebt, "Priority debts (secured-debt arrears, back taxes, support arrears)"),
        new("other_debts", StatementGroup.OtherDebt, "Unsecured debts"),
    ];

    public static IReadOnlyList<StatementCategory> For(StatementStandard standard) => standard switch
    {
        StatementStandard.UkSfs => UkSfs,
        StatementStandard.Us => Us,
    };

    public static string Name(StatementStandard standard) => standard switch
    {
        StatementStandard.UkSfs => "uk-sfs",
        StatementStandard.Us => "us",
    };
}
