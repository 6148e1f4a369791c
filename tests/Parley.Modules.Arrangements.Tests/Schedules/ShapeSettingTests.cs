using NodaTime;
using Parley.Modules.Arrangements.Schedules;
using Parley.SharedKernel;
using Shouldly;
using static Parley.Modules.Arrangements.Tests.Schedules.ScheduleTestKit;

namespace Parley.Modules.Arrangements.Tests.Schedules;

/// <summary>A problem inside a plan's shape names the setting it concerns, so the account page shows it beside that field.</summary>
public sealed class ShapeSettingTests
{
    private static readonly LocalDate Start = new(2026, 12, 1);

    public static TheoryData<string?, Action> Problems() => new()
    {
        { "floor", () => PlanShapes.ToDomain(new PlanShapeSpec.Income(10m, null, 200m, [1000m]), null, Currency.GBP) },
        { "cap", () => Build(1000m, new IncomeShare(10m, [Gbp(1000m)], Gbp(100m), Gbp(50m)), Start) },
        { "incomes", () => Build(1000m, new IncomeShare(10m, [], Gbp(25m), Gbp(50m)), Start) },
        { "incomes", () => Build(1000m, new IncomeShare(10m, [Gbp(-1m)], Gbp(25m), Gbp(50m)), Start) },
        { "floor", () => Build(1000m, new IncomeShare(10m, [Gbp(1000m)], Gbp(10m), Gbp(200m)), Start) },
        { "percent", () => Build(1000m, new IncomeShare(0m, [Gbp(1000m)], Gbp(25m), Gbp(50m)), Start) },
        { "skippedMonths", () => Build(1000m, new SeasonalInstalments(Gbp(100m), new HashSet<int>(), Gbp(0m), Enumerable.Range(1, 12).ToHashSet()), Start) },
        { "reducedMonths", () => Build(1000m, new SeasonalInstalments(Gbp(100m), new HashSet<int> { 3 }, Gbp(50m), new HashSet<int> { 3 }), Start) },
        { "reducedAmount", () => Build(1000m, new SeasonalInstalments(Gbp(100m), new HashSet<int> { 3 }, Gbp(5m), new HashSet<int>()), Start) },
        { "reducedAmount", () => PlanShapes.ToDomain(new PlanShapeSpec.Seasonal(ReducedMonths: [3]), 100m, Currency.GBP) },
        { "steps", () => PlanInputText.ParseShape("step:steps=3by50") },
        { "periods", () => PlanInputText.ParseShape("holiday:periods=two") },
        { "steps", () => Build(1000m, new SteppedInstalments([new Step(0, Gbp(50m))], Gbp(100m)), Start) },
        { "steps", () => Build(1000m, new SteppedInstalments([new Step(2, Gbp(10m))], Gbp(100m)), Start) },
        { "discountPercent", () => Build(1000m, new Settlement(30.5m, 1), Start) },
        { "instalments", () => Build(1000m, new Settlement(10m, 13), Start) },
        { "instalments", () => Build(100m, new Settlement(10m, 12), Start) },
        { "periods", () => Build(1000m, new PaymentHoliday(13, Gbp(100m)), Start) },
        { null, () => PlanInputText.ParseShape("weird") },
        { null, () => Build(1000m, new FixedInstalments(Gbp(24.99m)), Start) },
    };

    [Theory]
    [MemberData(nameof(Problems))]
    public void A_problem_inside_the_shape_names_its_setting(string? setting, Action refused)
    {
        var error = Should.Throw<DomainException>(refused).Error.ShouldBeAssignableTo<PlanError>()!;

        error.Setting.ShouldBe(setting);
    }
}
