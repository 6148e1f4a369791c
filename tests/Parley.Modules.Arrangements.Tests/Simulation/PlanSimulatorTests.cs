using NodaTime;
using Parley.Modules.Arrangements.Schedules;
using Parley.Modules.Arrangements.Simulation;
using Parley.SharedKernel;
using Shouldly;
using static Parley.Modules.Arrangements.Tests.Schedules.ScheduleTestKit;

namespace Parley.Modules.Arrangements.Tests.Simulation;

public sealed class PlanSimulatorTests
{
    private static SimulationResult Simulate(string balance, string? amount, string frequency, string start, string? shape = null, string? rate = null, string? fee = null, PlanPolicy? policy = null)
    {
        // The command line's words, read at its edge as `parley plan simulate` reads them.
        var plan = PlanRequests.From(
            PlanShapes.Amount("balance", PlanFieldChecks.ReadDecimal("balance", balance), Currency.GBP),
            PlanInputText.ParseDecimal("amount", amount),
            PlanInputText.ParseFrequency(frequency),
            PlanInputText.ParseDate("start", start),
            PlanInputText.ParseShape(shape));
        var request = SimulationInput.Read(plan, PlanInputText.ParseDecimal("rate", rate), PlanInputText.ParseDecimal("fee", fee));
        return PlanSimulator.Simulate(policy is null ? request : request with { Policy = policy }, Today);
    }

    [Fact]
    public void The_default_path_accrues_simple_interest_and_monthly_fees_until_the_plan_ends()
    {
        // 1 Dec 2026 to 1 Mar 2027: 90 days and 3 whole months. 1,000 × 24 % × 90 / 365 = 59.178… → 59.18.
        var result = Simulate("1000", "300", "monthly", "2026-12-01", rate: "24", fee: "12");

        result.EndDate.ShouldBe(new LocalDate(2027, 3, 1));
        result.TotalPaid.ShouldBe(1000m);
        result.DefaultPath.ShouldBe(new DefaultPath(24m, 12m, 90, 3, 59.18m, 36m));
        result.InterestSaved.ShouldBe(59.18m);
        result.FeesSaved.ShouldBe(36m);
    }

    [Fact]
    public void Milestones_name_the_first_instalment_reaching_each_quarter()
    {
        // 100 a week on 1,000: 25 % after the 3rd (300), 50 % after the 5th, 75 % after the 8th, 100 % after the 10th.
        var result = Simulate("1000", "100", "weekly", "2026-12-01");

        result.Milestones.Select(m => (m.Percent, m.Instalment)).ShouldBe([(25, 3), (50, 5), (75, 8), (100, 10)]);
        result.Milestones[^1].Date.ShouldBe(result.EndDate);
    }

    [Fact]
    public void One_instalment_reaches_every_milestone_at_once()
    {
        var result = Simulate("1000", null, "monthly", "2026-12-01", "settlement:discount=20");

        result.Milestones.Select(m => m.Instalment).ShouldBe([1, 1, 1, 1]);
        result.Settles.ShouldBe(800m);
        result.WrittenOff.ShouldBe(200m);
    }

    [Fact]
    public void Amounts_carry_the_currency_decimals()
    {
        var result = Simulate("1000", "300", "monthly", "2026-12-01");

        result.Schedule[0].Amount.ToString(System.Globalization.CultureInfo.InvariantCulture).ShouldBe("300.00");
        result.Balance.ToString(System.Globalization.CultureInfo.InvariantCulture).ShouldBe("1000.00");
        PlanSimulator.Scaled(Money.Of(-1.5m, Currency.KWD)).ToString(System.Globalization.CultureInfo.InvariantCulture).ShouldBe("-1.500");
        PlanSimulator.Scaled(Money.Of(12_345_678_901.23m, Currency.USD)).ShouldBe(12_345_678_901.23m);
    }

    [Theory]
    [InlineData("1000", "300", "monthly", "2026-12-01", "fixed", "-1", "rate")]
    [InlineData("1000", "300", "monthly", "2026-12-01", "fixed", "abc", "rate")]
    [InlineData("1000", "300", "yearly", "2026-12-01", "fixed", null, "frequency")]
    [InlineData("1000", "300", "monthly", "1 Dec 2026", "fixed", null, "start")]
    [InlineData("1000", "300.001", "monthly", "2026-12-01", "fixed", null, "amount")]
    [InlineData("1000", null, "monthly", "2026-12-01", "fixed", null, "amount")]
    [InlineData("1000", "300", "monthly", "2026-12-01", "settlement:discount=10", null, "amount")]
    [InlineData("1000", "300", "monthly", "2026-12-01", "balloon", null, "shape")]
    [InlineData("1000", "300", "monthly", "2026-12-01", "holiday:periods=2;extra=1", null, "shape")]
    [InlineData("1000", "300", "monthly", "2026-12-01", "step:steps=3by50", null, "shape")]
    [InlineData("1000", "300", "monthly", "2026-12-01", "seasonal:reduce=13;reduced-amount=50", null, "shape")]
    [InlineData("1000", "300", "monthly", "2026-12-01", "seasonal:reduce=12", null, "shape")]
    public void Bad_parameters_are_refused_naming_the_parameter(string balance, string? amount, string frequency, string start, string shape, string? rate, string parameter)
    {
        var error = Should.Throw<DomainException>(() => Simulate(balance, amount, frequency, start, shape, rate)).Error.ShouldBeAssignableTo<PlanError>().ShouldNotBeNull();

        error.Parameter.ShouldBe(parameter);
    }

    [Theory]
    [InlineData("step:steps=2x100,1x200", "100.00,100.00,200.00,400.00,200.00")]
    [InlineData("seasonal:skip=1,2", "400.00,400.00,200.00")]
    [InlineData("income:percent=10;floor=100;cap=300;incomes=2500,500", "250.00,100.00,250.00,100.00,250.00,50.00")]
    [InlineData("promise", "400.00")]
    [InlineData("holiday:periods=1", "400.00,400.00,200.00")]
    public void Every_shape_reads_from_text(string shape, string amounts)
    {
        var amount = shape.StartsWith("income", StringComparison.Ordinal) ? null : "400";

        var result = Simulate("1000", amount, "monthly", "2026-12-01", shape);

        string.Join(',', result.Schedule.Select(i => i.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture))).ShouldBe(amounts);
    }
}
