using System.Globalization;
using Parley.SharedKernel;

namespace Parley.Modules.Arrangements.Affordability;

/// <summary>Who lives on the income: adults and dependants (children and other dependants).</summary>
public sealed record Household(int Adults, int Dependants)
{
    public const int MaxPeople = 20;

    public int Size => Adults + Dependants;
}

/// <summary>One monthly figure in one category of the statement.</summary>
public sealed record StatementLine(string Category, Money Monthly);

/// <summary>A customer's income and expenditure, monthly, in one currency, by the categories of one standard.</summary>
public sealed record IncomeAndExpenditure(StatementStandard Standard, Currency Currency, Household Household, IReadOnlyList<StatementLine> Lines);

/// <summary>The customer's non-priority creditors and what each is owed; this creditor's balance is one of them.</summary>
public sealed record NonPriorityDebts(Money ThisCreditor, IReadOnlyList<Money> OtherCreditors);

public sealed record FlexibleCostCheck(string Category, Money Declared, Money? Guideline, bool AboveGuideline);

public sealed record AffordabilityAssessment(
    Money Income,
    Money FixedCosts,
    Money FlexibleCosts,
    Money Savings,
    Money PriorityDebts,
    Money DisposableIncome,
    Money ThisCreditorShare,
    decimal ThisCreditorSharePercent,
    IReadOnlyList<FlexibleCostCheck> FlexibleCostChecks,
    IReadOnlyList<ReviewFlag> Flags);

/// <summary>
/// Assesses an I&amp;E: disposable income is income less fixed costs, flexible costs, savings and priority-debt payments
/// (non-priority repayments are what it is shared among, so they are not deducted). This creditor's pro-rata share is
/// disposable income × its balance ÷ all non-priority balances, rounded down. Flexible costs above the guideline for the
/// household size, and a negative disposable income, are flagged for review, never refused (compliance-rules.md §3.3).
/// </summary>
public static class AffordabilityAssessor
{
    /// <summary>A monthly figure above this (in major units) is taken to be a typing error.</summary>
    public const decimal MaxMonthlyAmount = 1_000_000m;

    public static AffordabilityAssessment Assess(IncomeAndExpenditure statement, NonPriorityDebts debts, SpendingGuidelines guidelines)
    {
        var currency = statement.Currency;
        Validate(statement, debts);
        var categories = StatementCategories.For(statement.Standard).ToDictionary(c => c.Code, StringComparer.Ordinal);
        Money Sum(StatementGroup group) => statement.Lines
            .Where(l => categories[l.Category].Group == group)
            .Aggregate(Money.Zero(currency), (sum, l) => sum + l.Monthly);

        var income = Sum(StatementGroup.Income);
        var fixedCosts = Sum(StatementGroup.FixedCost);
        var flexible = Sum(StatementGroup.FlexibleCost);
        var savings = Sum(StatementGroup.Savings);
        var priority = Sum(StatementGroup.PriorityDebt);
        var disposable = income - fixedCosts - flexible - savings - priority;
        var flags = new List<ReviewFlag>();

        if (guidelines.Illustrative)
        {
            flags.Add(new ReviewFlag("illustrative_guidelines", null, "the spending guidelines in use are illustrative figures, not the published ones"));
        }

        var checks = new List<FlexibleCostCheck>();
        foreach (var category in categories.Values.Where(c => c.Group == StatementGroup.FlexibleCost))
        {
            var declared = statement.Lines.FirstOrDefault(l => l.Category == category.Code)?.Monthly ?? Money.Zero(currency);
            var guideline = guidelines.For(statement.Standard, category.Code, statement.Household.Size, currency);
            var above = guideline is { } g && declared > g;
            checks.Add(new FlexibleCostCheck(category.Code, declared, guideline, above));
            if (above)
            {
                flags.Add(new ReviewFlag("above_guideline", category.Code, $"{category.Label} of {declared} is above the guideline of {guideline} for a household of {statement.Household.Size}: add the customer's explanation or evidence"));
            }
            else if (guideline is null)
            {
                flags.Add(new ReviewFlag("no_guideline", category.Code, $"no spending guideline for {category.Label} in {currency.Code}: review the figure"));
            }
        }

        if (income.IsZero)
        {
            flags.Add(new ReviewFlag("no_income", null, "no income is declared"));
        }

        if (disposable.IsNegative)
        {
            flags.Add(new ReviewFlag("negative_disposable_income", null, $"outgoings exceed income by {disposable.Negate()}: consider forbearance (UK-CONC-FORBEARANCE); no payment can be asked for"));
        }

        var (share, percent) = ProRata(disposable, debts);
        return new AffordabilityAssessment(income, fixedCosts, flexible, savings, priority, disposable, share, percent, checks, flags);
    }

    /// <summary>This creditor's part of a non-negative disposable income, rounded down to the minor unit, and its percentage of all non-priority balances.</summary>
    public static (Money Share, decimal Percent) ProRata(Money disposable, NonPriorityDebts debts)
    {
        var currency = disposable.Currency;
        var mine = debts.ThisCreditor.ToMinorUnits();
        var total = debts.OtherCreditors.Aggregate(mine, (sum, d) => checked(sum + d.ToMinorUnits()));
        var shareable = Math.Max(disposable.ToMinorUnits(), 0);

        // Whole-number arithmetic, so the shares of all creditors can never add up to more than there is.
        var share = Money.FromMinorUnits((long)((Int128)shareable * mine / total), currency);
        return (share, decimal.Round((decimal)mine / total * 100m, 2, MidpointRounding.ToZero));
    }

    private static void Validate(IncomeAndExpenditure statement, NonPriorityDebts debts)
    {
        var currency = statement.Currency;
        if (statement.Household.Adults < 1 || statement.Household.Dependants < 0 || statement.Household.Size > Household.MaxPeople)
        {
            throw Refuse("ie.invalid_household", "household", string.Create(CultureInfo.InvariantCulture, $"a household has at least one adult and at most {Household.MaxPeople} people"));
        }

        var categories = StatementCategories.For(statement.Standard);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in statement.Lines)
        {
            var field = $"lines.{line.Category}";
            if (categories.All(c => c.Code != line.Category))
            {
                throw Refuse("ie.unknown_category", field, $"'{line.Category}' is not a category of the {StatementCategories.Name(statement.Standard)} statement");
            }

            if (!seen.Add(line.Category))
            {
                throw Refuse("ie.duplicate_category", field, "the category is given more than once");
            }

            CheckAmount(field, line.Monthly, currency, MaxMonthlyAmount);
        }

        CheckAmount("debts.this_creditor", debts.ThisCreditor, currency, Schedules.ScheduleBuilder.MaxBalance);
        if (!debts.ThisCreditor.IsPositive)
        {
            throw Refuse("ie.invalid_debt", "debts.this_creditor", "this creditor's balance must be more than zero");
        }

        for (var i = 0; i < debts.OtherCreditors.Count; i++)
        {
            CheckAmount(string.Create(CultureInfo.InvariantCulture, $"debts.other_creditors[{i}]"), debts.OtherCreditors[i], currency, Schedules.ScheduleBuilder.MaxBalance);
        }
    }

    private static void CheckAmount(string field, Money amount, Currency currency, decimal max)
    {
        if (amount.Currency != currency)
        {
            throw Refuse("ie.currency_mismatch", field, $"the amount is in {amount.Currency.Code} but the statement is in {currency.Code}");
        }

        if (amount.IsNegative)
        {
            throw Refuse("ie.negative_amount", field, $"{amount} is negative");
        }

        if (amount.Amount > max)
        {
            throw Refuse("ie.absurd_amount", field, string.Create(CultureInfo.InvariantCulture, $"{amount} is more than any plausible figure ({max:N0})"));
        }
    }

    private static DomainException Refuse(string code, string field, string problem) => new(new AffordabilityError(code, field, problem));
}

/// <summary>A refused I&amp;E, naming the field at fault.</summary>
public sealed record AffordabilityError(string ErrorCode, string Field, string Problem)
    : DomainError(ErrorCode, $"{Field}: {Problem}", ErrorKind.Validation)
{
    public override IReadOnlyDictionary<string, string[]>? FieldErrors => new Dictionary<string, string[]> { [Field] = [Problem] };
}
