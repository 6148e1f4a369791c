using System.Text;
using CsCheck;
using Parley.Modules.Arrangements.Affordability;
using Parley.SharedKernel;
using Shouldly;

namespace Parley.Modules.Arrangements.Tests.Affordability;

public sealed class AffordabilityTests
{
    private static Money Gbp(decimal amount) => Money.Of(amount, Currency.GBP);

    private static Money Usd(decimal amount) => Money.Of(amount, Currency.USD);

    private static IncomeAndExpenditure Uk(Household household, params (string Category, decimal Monthly)[] lines) =>
        new(StatementStandard.UkSfs, Currency.GBP, household, [.. lines.Select(l => new StatementLine(l.Category, Gbp(l.Monthly)))]);

    private static readonly NonPriorityDebts HalfOfAll = new(Gbp(3000m), [Gbp(1000m), Gbp(2000m)]);

    [Fact]
    public void A_standard_financial_statement_gives_disposable_income_and_this_creditors_pro_rata_share()
    {
        var statement = Uk(new Household(2, 1),
            ("earnings", 2200m), ("benefits", 300m),
            ("rent", 850m), ("council_tax_or_rates", 150m), ("gas", 60m), ("electricity", 70m), ("water", 40m), ("transport_and_travel", 120m),
            ("communications_and_leisure", 150m), ("food_and_housekeeping", 800m), ("personal_costs", 100m),
            ("savings_contribution", 20m), ("priority_debts", 50m), ("other_debts", 200m));

        var assessment = AffordabilityAssessor.Assess(statement, HalfOfAll, SpendingGuidelines.Shipped);

        assessment.Income.ShouldBe(Gbp(2500m));
        assessment.FixedCosts.ShouldBe(Gbp(1290m));
        assessment.FlexibleCosts.ShouldBe(Gbp(1050m));
        assessment.DisposableIncome.ShouldBe(Gbp(90m), "2,500 − 1,290 − 1,050 − 20 savings − 50 priority; other-debt repayments are what is shared");
        assessment.ThisCreditorShare.ShouldBe(Gbp(45m));
        assessment.ThisCreditorSharePercent.ShouldBe(50m);
    }

    [Fact]
    public void Flexible_costs_above_the_guideline_for_the_household_are_flagged_not_refused()
    {
        // Illustrative guideline for food and housekeeping, household of 3: 720.
        var statement = Uk(new Household(2, 1), ("earnings", 2500m), ("food_and_housekeeping", 720.01m), ("personal_costs", 200m));

        var assessment = AffordabilityAssessor.Assess(statement, HalfOfAll, SpendingGuidelines.Shipped);

        var food = assessment.FlexibleCostChecks.Single(c => c.Category == "food_and_housekeeping");
        food.ShouldBe(new FlexibleCostCheck("food_and_housekeeping", Gbp(720.01m), Gbp(720m), AboveGuideline: true));
        assessment.FlexibleCostChecks.Single(c => c.Category == "personal_costs").AboveGuideline.ShouldBeFalse("200 is the guideline itself");
        assessment.Flags.Where(f => f.Code == "above_guideline").Select(f => f.Category).ShouldBe(["food_and_housekeeping"]);
        assessment.Flags.ShouldContain(f => f.Code == "illustrative_guidelines");
    }

    [Fact]
    public void Negative_disposable_income_is_flagged_for_forbearance_and_shares_nothing()
    {
        var statement = Uk(new Household(1, 0), ("earnings", 900m), ("rent", 700m), ("food_and_housekeeping", 300m));

        var assessment = AffordabilityAssessor.Assess(statement, HalfOfAll, SpendingGuidelines.Shipped);

        assessment.DisposableIncome.ShouldBe(Gbp(-100m));
        assessment.ThisCreditorShare.ShouldBe(Gbp(0m));
        assessment.Flags.ShouldContain(f => f.Code == "negative_disposable_income");
    }

    [Fact]
    public void Us_statements_use_us_guidelines_and_extend_them_for_larger_households()
    {
        // Illustrative food guideline: 1,380 for five people, + 300 for each further person; seven people: 1,980.
        var statement = new IncomeAndExpenditure(StatementStandard.Us, Currency.USD, new Household(2, 5), [new("wages", Usd(6000m)), new("food", Usd(1980.01m))]);

        var assessment = AffordabilityAssessor.Assess(statement, new NonPriorityDebts(Usd(500m), []), SpendingGuidelines.Shipped);

        assessment.FlexibleCostChecks.Single(c => c.Category == "food").Guideline.ShouldBe(Usd(1980m));
        assessment.Flags.ShouldContain(f => f.Code == "above_guideline" && f.Category == "food");
        assessment.ThisCreditorShare.ShouldBe(assessment.DisposableIncome, "the only non-priority creditor gets all of it");
    }

    [Fact]
    public void The_share_rounds_down_to_the_minor_unit()
    {
        var (share, percent) = AffordabilityAssessor.ProRata(Gbp(100m), new NonPriorityDebts(Gbp(1m), [Gbp(2m)]));

        share.ShouldBe(Gbp(33.33m));
        percent.ShouldBe(33.33m);
    }

    [Fact]
    public void Shares_never_exceed_disposable_income_and_lose_less_than_a_minor_unit_per_creditor() =>
        Gen.Select(Gen.Long[-100_000, 10_000_000], Gen.Long[1, 100_000_000].List[1, 10]).Sample((disposableMinor, balances) =>
        {
            var disposable = Money.FromMinorUnits(disposableMinor, Currency.GBP);
            var all = balances.Select(b => Money.FromMinorUnits(b, Currency.GBP)).ToList();
            var shares = all.Select((mine, i) => AffordabilityAssessor.ProRata(disposable, new NonPriorityDebts(mine, [.. all.Where((_, j) => j != i)])).Share.ToMinorUnits()).ToList();

            var shareable = Math.Max(disposableMinor, 0);
            shares.ShouldAllBe(s => s >= 0);
            shares.Sum().ShouldBeLessThanOrEqualTo(shareable);
            shares.Sum().ShouldBeGreaterThan(shareable - all.Count);
        });

    public static TheoryData<string, string, IncomeAndExpenditure, NonPriorityDebts> Refusals() => new()
    {
        { "ie.negative_amount", "lines.rent", Uk(new Household(1, 0), ("earnings", 1000m), ("rent", -1m)), HalfOfAll },
        { "ie.absurd_amount", "lines.earnings", Uk(new Household(1, 0), ("earnings", 1_000_000.01m)), HalfOfAll },
        { "ie.unknown_category", "lines.food", Uk(new Household(1, 0), ("food", 100m)), HalfOfAll },
        { "ie.duplicate_category", "lines.rent", Uk(new Household(1, 0), ("rent", 100m), ("rent", 200m)), HalfOfAll },
        { "ie.invalid_household", "household", Uk(new Household(0, 2), ("earnings", 100m)), HalfOfAll },
        { "ie.invalid_household", "household", Uk(new Household(10, 11), ("earnings", 100m)), HalfOfAll },
        { "ie.currency_mismatch", "lines.wages", new IncomeAndExpenditure(StatementStandard.Us, Currency.USD, new Household(1, 0), [new("wages", Gbp(100m))]), HalfOfAll },
        { "ie.currency_mismatch", "debts.this_creditor", Uk(new Household(1, 0), ("earnings", 100m)), new NonPriorityDebts(Usd(100m), []) },
        { "ie.invalid_debt", "debts.this_creditor", Uk(new Household(1, 0), ("earnings", 100m)), new NonPriorityDebts(Gbp(0m), []) },
        { "ie.negative_amount", "debts.other_creditors[1]", Uk(new Household(1, 0), ("earnings", 100m)), new NonPriorityDebts(Gbp(10m), [Gbp(1m), Gbp(-1m)]) },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Bad_statements_are_refused_naming_the_field(string code, string field, IncomeAndExpenditure statement, NonPriorityDebts debts)
    {
        var error = Should.Throw<DomainException>(() => AffordabilityAssessor.Assess(statement, debts, SpendingGuidelines.Shipped)).Error.ShouldBeOfType<AffordabilityError>();

        error.Code.ShouldBe(code);
        error.FieldErrors.ShouldNotBeNull().Keys.ShouldBe([field]);
    }

    [Fact]
    public void A_deployment_loads_its_own_guidelines_and_a_standard_in_another_currency_has_none()
    {
        const string Published = """
            {"illustrative": false, "standards": [{"standard": "uk-sfs", "currency": "GBP", "effectiveFrom": "2027-04-05",
              "guidelines": [{"category": "food_and_housekeeping", "monthlyByHouseholdSize": [400], "eachAdditionalPerson": 150}]}]}
            """;
        var guidelines = SpendingGuidelines.Load(new MemoryStream(Encoding.UTF8.GetBytes(Published)));

        guidelines.Illustrative.ShouldBeFalse();
        guidelines.For(StatementStandard.UkSfs, "food_and_housekeeping", 3, Currency.GBP).ShouldBe(Gbp(700m));
        guidelines.For(StatementStandard.UkSfs, "food_and_housekeeping", 3, Currency.EUR).ShouldBeNull();
        var assessment = AffordabilityAssessor.Assess(Uk(new Household(1, 0), ("earnings", 1000m)), HalfOfAll, guidelines);
        assessment.Flags.ShouldNotContain(f => f.Code == "illustrative_guidelines");
        assessment.Flags.Where(f => f.Code == "no_guideline").Select(f => f.Category).ShouldBe(["communications_and_leisure", "personal_costs"]);
    }

    [Theory]
    [InlineData("""{"illustrative": true, "standards": [{"standard": "uk-sfs", "currency": "GBP", "effectiveFrom": "2027-04-05", "guidelines": [{"category": "rent", "monthlyByHouseholdSize": [400], "eachAdditionalPerson": 0}]}]}""")]
    [InlineData("""{"illustrative": true, "standards": [{"standard": "uk-sfs", "currency": "GBP", "effectiveFrom": "2027-04-05", "guidelines": [{"category": "personal_costs", "monthlyByHouseholdSize": [-1], "eachAdditionalPerson": 0}]}]}""")]
    [InlineData("""{"illustrative": true, "standards": [{"standard": "mars", "currency": "GBP", "effectiveFrom": "2027-04-05", "guidelines": []}]}""")]
    public void A_guidelines_file_with_a_fixed_cost_a_negative_figure_or_an_unknown_standard_is_refused(string json)
    {
        Should.Throw<InvalidDataException>(() => SpendingGuidelines.Load(new MemoryStream(Encoding.UTF8.GetBytes(json))));
    }

    [Fact]
    public void The_shipped_guidelines_cover_every_flexible_cost_of_both_standards()
    {
        foreach (var standard in Enum.GetValues<StatementStandard>())
        {
            var currency = standard == StatementStandard.UkSfs ? Currency.GBP : Currency.USD;
            foreach (var category in StatementCategories.For(standard).Where(c => c.Group == StatementGroup.FlexibleCost))
            {
                SpendingGuidelines.Shipped.For(standard, category.Code, 1, currency).ShouldNotBeNull($"{standard} {category.Code}");
            }
        }
    }
}
