using CsCheck;
using Parley.Modules.Arrangements.Contracts;
using Parley.Modules.Arrangements.Schedules;
using Parley.SharedKernel;
using Parley.Web.Ui.Arrangements;

namespace Parley.Web.Tests.Arrangements;

/// <summary>The plan form's typed fields make exactly the shapes the module builds, and read back the shapes it offers.</summary>
public sealed class PlanShapeFieldsTests
{
    private static readonly Currency Gbp = Currency.GBP;

    [Fact]
    public void A_seasonal_plan_from_month_chips_and_a_reduced_amount_is_the_modules_shape()
    {
        var fields = new PlanShapeFields { Shape = "seasonal", ReducedAmount = 25m };
        fields.SkippedMonths.Add(8);
        fields.ReducedMonths.UnionWith([12, 1]);

        PlanInputText.FormatShape(fields.ToSpec()).ShouldBe("seasonal:skip=8;reduce=1,12;reduced-amount=25");
        var shape = PlanShapes.ToDomain(fields.ToSpec(), 100m, Gbp).ShouldBeOfType<SeasonalInstalments>();
        shape.SkippedMonths.ShouldBe([8]);
        shape.ReducedMonths.Order().ShouldBe([1, 12]);
        shape.ReducedAmount.ShouldBe(Money.Of(25m, Gbp));
    }

    [Fact]
    public void An_income_based_plan_from_percent_floor_cap_and_declared_incomes_is_the_modules_shape()
    {
        var fields = new PlanShapeFields { Shape = "income", Percent = 10m, Floor = 50m, Cap = 200m };
        fields.IncomeList.Clear();
        fields.IncomeList.AddRange([new() { Amount = 1200m }, new() { Amount = 800.5m }, new()]);

        fields.TakesAmount.ShouldBeFalse();
        var shape = PlanShapes.ToDomain(fields.ToSpec(), null, Gbp).ShouldBeOfType<IncomeShare>();
        shape.DeclaredIncomes.ShouldBe([Money.Of(1200m, Gbp), Money.Of(800.50m, Gbp)]);
        (shape.Percent, shape.Floor, shape.Cap).ShouldBe((10m, Money.Of(50m, Gbp), Money.Of(200m, Gbp)));
    }

    [Theory]
    [InlineData("fixed")]
    [InlineData("promise")]
    [InlineData("step:steps=3x50.00,6x75.00")]
    [InlineData("seasonal:skip=8")]
    [InlineData("seasonal:skip=7,8;reduce=1,12;reduced-amount=25.00")]
    [InlineData("income:percent=12.5;floor=50.00;cap=200.00;incomes=1200.00,800.00,1500.00")]
    [InlineData("settlement:discount=20;instalments=3")]
    [InlineData("holiday:periods=2")]
    public void The_shapes_the_module_offers_read_into_fields_and_back_unchanged(string written)
    {
        var shape = PlanInputText.ParseShape(written);
        var offered = PlanShapes.ToSpec(PlanShapes.ToDomain(shape, shape is PlanShapeSpec.Income or PlanShapeSpec.Settlement ? null : 60m, Gbp));

        var fields = PlanShapeFields.FromSpec(offered);

        PlanInputText.FormatShape(fields.ToSpec()).ShouldBe(written);
    }

    [Fact]
    public void Any_seasonal_or_step_plan_made_on_the_form_is_built_by_the_module_as_the_form_shows_it()
    {
        var months = Gen.Int[1, 12].HashSet[0, 5];
        var money = Gen.Int[1, 99_999].Select(minor => minor / 100m);
        Gen.Select(months, months, money, Gen.Select(Gen.Int[1, 24], money).Array[1, 5]).Sample((skip, reduce, reduced, steps) =>
        {
            var seasonal = new PlanShapeFields { Shape = "seasonal", ReducedAmount = reduced };
            seasonal.SkippedMonths.UnionWith(skip);
            seasonal.ReducedMonths.UnionWith(reduce);
            var parsed = PlanShapes.ToDomain(seasonal.ToSpec(), 10m, Gbp).ShouldBeOfType<SeasonalInstalments>();
            parsed.SkippedMonths.Order().ShouldBe(skip.Order());
            parsed.ReducedMonths.Order().ShouldBe(reduce.Order());
            PlanInputText.FormatShape(PlanShapeFields.FromSpec(seasonal.ToSpec()).ToSpec()).ShouldBe(PlanInputText.FormatShape(seasonal.ToSpec()));

            var step = new PlanShapeFields { Shape = "step" };
            step.StepList.Clear();
            step.StepList.AddRange(steps.Select(s => new StepField { Periods = s.Item1, Amount = s.Item2 }));
            var stepped = PlanShapes.ToDomain(step.ToSpec(), 10m, Gbp).ShouldBeOfType<SteppedInstalments>();
            stepped.Steps.Select(s => (s.Periods, s.Amount.Amount)).ShouldBe(steps.Select(s => (s.Item1, s.Item2)));
        });
    }

    [Fact]
    public void Each_field_carries_the_modules_own_problem_with_it()
    {
        var income = new PlanShapeFields { Shape = "income", Percent = 150m, Floor = 50.123m, Cap = 200m };
        var problems = income.Check(Gbp);
        problems[PlanShapeFields.PercentKey].ShouldContain("is not a percentage");
        problems[PlanShapeFields.FloorKey].ShouldContain("more than 2 decimals for GBP");
        problems.ContainsKey(PlanShapeFields.CapKey).ShouldBeFalse();

        var seasonal = new PlanShapeFields { Shape = "seasonal" };
        seasonal.SkippedMonths.Add(8);
        seasonal.ReducedMonths.Add(8);
        seasonal.Check(Gbp)[PlanShapeFields.Reduce].ShouldBe("a month cannot be both reduced and skipped");

        new PlanShapeFields { Shape = "settlement", Discount = 20m }.Check(Gbp).ShouldBeEmpty();
    }

    [Fact]
    public void A_missing_setting_is_refused_beside_its_field()
    {
        var error = Should.Throw<DomainException>(() => PlanShapes.ToDomain(new PlanShapeFields { Shape = "holiday" }.ToSpec(), 50m, Gbp)).Error.ShouldBeAssignableTo<PlanError>()!;

        error.Setting.ShouldBe(PlanShapeFields.PeriodsKey);
    }
}
