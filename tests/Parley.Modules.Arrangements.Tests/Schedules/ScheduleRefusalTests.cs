using NodaTime;
using Parley.Modules.Arrangements.Schedules;
using Parley.SharedKernel;
using Shouldly;
using static Parley.Modules.Arrangements.Tests.Schedules.ScheduleTestKit;

namespace Parley.Modules.Arrangements.Tests.Schedules;

/// <summary>Bad requests are refused with a named error naming the parameter at fault; nothing is built.</summary>
public sealed class ScheduleRefusalTests
{
    private static readonly LocalDate Start = new(2026, 12, 1);

    public static TheoryData<string, string, Func<Schedule>> Refusals() => new()
    {
        { "plans.instalment_below_minimum", "amount", () => Build(1000m, new FixedInstalments(Gbp(24.99m)), Start) },
        { "plans.instalment_above_balance", "amount", () => Build(1000m, new FixedInstalments(Gbp(1000.01m)), Start) },
        { "plans.invalid_parameter", "amount", () => Build(1000m, new FixedInstalments(Gbp(0m)), Start) },
        { "plans.start_in_the_past", "start", () => Build(1000m, new FixedInstalments(Gbp(100m)), Today.PlusDays(-1)) },
        { "plans.invalid_parameter", "start", () => Build(1000m, new FixedInstalments(Gbp(100m)), Today.PlusYears(2)) },
        { "plans.currency_mismatch", "amount", () => Build(1000m, new FixedInstalments(Money.Of(100m, Currency.EUR)), Start) },
        { "plans.currency_mismatch", "currency", () => Build(1000m, new FixedInstalments(Gbp(100m)), Start, policy: PlanPolicy.Unbounded(Currency.USD)) },
        { "plans.nothing_owed", "balance", () => Build(0m, new FixedInstalments(Gbp(100m)), Start) },
        { "plans.invalid_parameter", "balance", () => Build(100_000_000.01m, new FixedInstalments(Gbp(100m)), Start) },
        { "plans.too_long", "amount", () => Build(100_000m, new FixedInstalments(Gbp(25m)), Start, Frequency.Weekly) },
        { "plans.instalment_below_minimum", "shape", () => Build(1000m, new SteppedInstalments([new Step(2, Gbp(10m))], Gbp(100m)), Start) },
        { "plans.invalid_parameter", "shape", () => Build(1000m, new SteppedInstalments([new Step(0, Gbp(50m))], Gbp(100m)), Start) },
        { "plans.invalid_parameter", "shape", () => Build(1000m, new SeasonalInstalments(Gbp(100m), new HashSet<int>(), Gbp(0m), Enumerable.Range(1, 12).ToHashSet()), Start) },
        { "plans.invalid_parameter", "shape", () => Build(1000m, new SeasonalInstalments(Gbp(100m), new HashSet<int> { 3 }, Gbp(50m), new HashSet<int> { 3 }), Start) },
        { "plans.instalment_below_minimum", "shape", () => Build(1000m, new SeasonalInstalments(Gbp(100m), new HashSet<int> { 3 }, Gbp(5m), new HashSet<int>()), Start) },
        { "plans.instalment_below_minimum", "shape", () => Build(1000m, new IncomeShare(10m, [Gbp(1000m)], Gbp(10m), Gbp(200m)), Start) },
        { "plans.invalid_parameter", "shape", () => Build(1000m, new IncomeShare(10m, [Gbp(1000m)], Gbp(100m), Gbp(50m)), Start) },
        { "plans.invalid_parameter", "shape", () => Build(1000m, new IncomeShare(10m, [Gbp(-1m)], Gbp(25m), Gbp(50m)), Start) },
        { "plans.invalid_parameter", "shape", () => Build(1000m, new IncomeShare(0m, [Gbp(1000m)], Gbp(25m), Gbp(50m)), Start) },
        { "plans.settlement_outside_policy", "shape", () => Build(1000m, new Settlement(30.5m, 1), Start) },
        { "plans.invalid_parameter", "shape", () => Build(1000m, new Settlement(10m, 13), Start) },
        { "plans.instalment_below_minimum", "shape", () => Build(100m, new Settlement(10m, 12), Start) },
        { "plans.instalment_below_minimum", "amount", () => Build(1000m, new PromiseToPay(Gbp(10m)), Start) },
        { "plans.instalment_above_balance", "amount", () => Build(1000m, new PromiseToPay(Gbp(2000m)), Start) },
        { "plans.invalid_parameter", "shape", () => Build(1000m, new PaymentHoliday(13, Gbp(100m)), Start) },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Is_refused_with_a_named_error(string code, string parameter, Func<Schedule> build)
    {
        var refusal = Should.Throw<DomainException>(build).Error.ShouldBeAssignableTo<PlanError>().ShouldNotBeNull();

        refusal.Code.ShouldBe(code);
        refusal.Parameter.ShouldBe(parameter);
        refusal.Kind.ShouldBe(ErrorKind.Validation);
        refusal.FieldErrors.ShouldNotBeNull().Keys.ShouldBe([parameter]);
        refusal.Detail.ShouldStartWith($"{parameter}: ");
    }

    [Fact]
    public void A_start_today_is_accepted()
    {
        Build(100m, new FixedInstalments(Gbp(100m)), Today).Instalments.ShouldHaveSingleItem();
    }
}
