using NodaTime;
using Parley.Modules.Arrangements.Schedules;
using Parley.SharedKernel;
using Shouldly;
using static Parley.Modules.Arrangements.Tests.Schedules.ScheduleTestKit;

namespace Parley.Modules.Arrangements.Tests.Schedules;

/// <summary>One worked example per plan shape, to the penny and the day.</summary>
public sealed class ScheduleShapeTests
{
    private static readonly LocalDate Tuesday1Dec = new(2026, 12, 1);

    [Fact]
    public void Fixed_instalments_leave_the_remainder_to_the_last()
    {
        var schedule = Build(1000m, new FixedInstalments(Gbp(300m)), Tuesday1Dec);

        Amounts(schedule).ShouldBe([300m, 300m, 300m, 100m]);
        Dates(schedule).ShouldBe([new(2026, 12, 1), new(2027, 1, 1), new(2027, 2, 1), new(2027, 3, 1)]);
        schedule.Instalments.Select(i => i.BalanceAfter.Amount).ShouldBe([700m, 400m, 100m, 0m]);
        schedule.Settles.ShouldBe(Gbp(1000m));
        schedule.EndDate.ShouldBe(new LocalDate(2027, 3, 1));
    }

    [Fact]
    public void A_step_up_pays_each_step_for_its_periods_then_the_amount()
    {
        var schedule = Build(1000m, new SteppedInstalments([new Step(2, Gbp(100m))], Gbp(400m)), Tuesday1Dec);

        Amounts(schedule).ShouldBe([100m, 100m, 400m, 400m]);
    }

    [Fact]
    public void A_step_down_pays_more_first()
    {
        var schedule = Build(1000m, new SteppedInstalments([new Step(1, Gbp(500m)), new Step(2, Gbp(200m))], Gbp(50m)), Tuesday1Dec);

        Amounts(schedule).ShouldBe([500m, 200m, 200m, 50m, 50m]);
    }

    [Fact]
    public void A_seasonal_plan_skips_and_reduces_the_declared_months()
    {
        // Monthly from Monday 4 Jan 2027; nothing in February, £50 in March.
        var schedule = Build(600m, new SeasonalInstalments(Gbp(100m), new HashSet<int> { 3 }, Gbp(50m), new HashSet<int> { 2 }), new LocalDate(2027, 1, 4));

        Amounts(schedule).ShouldBe([100m, 50m, 100m, 100m, 100m, 100m, 50m]);
        schedule.Instalments.Select(i => i.Due.Month).ShouldBe([1, 3, 4, 5, 6, 7, 8]);
    }

    [Fact]
    public void An_income_share_follows_declared_income_between_floor_and_cap()
    {
        // 10 % of 1,200 / 800 / 3,000: 120; 80 raised to the floor of 100; 300 cut to the cap of 250; then 30 left.
        var shape = new IncomeShare(10m, [Gbp(1200m), Gbp(800m), Gbp(3000m)], Gbp(100m), Gbp(250m));

        Amounts(Build(500m, shape, Tuesday1Dec)).ShouldBe([120m, 100m, 250m, 30m]);
    }

    [Fact]
    public void An_income_share_rounds_down_so_it_never_asks_more_than_the_percentage()
    {
        var shape = new IncomeShare(12.5m, [Gbp(999.99m)], Gbp(25m), Gbp(500m));

        Build(1000m, shape, Tuesday1Dec).Instalments[0].Amount.ShouldBe(Gbp(124.99m));
    }

    [Fact]
    public void A_short_settlement_splits_the_discounted_amount_with_the_remainder_last()
    {
        var schedule = Build(1000m, new Settlement(20m, 3), Tuesday1Dec);

        schedule.Settles.ShouldBe(Gbp(800m));
        schedule.WrittenOff.ShouldBe(Gbp(200m));
        Amounts(schedule).ShouldBe([266.66m, 266.66m, 266.68m]);
        schedule.Instalments.Select(i => i.BalanceAfter.Amount).ShouldBe([733.34m, 466.68m, 0m], "the discount is given when the last instalment is paid");
    }

    [Fact]
    public void A_settlement_discount_rounds_down_so_the_creditor_never_forgoes_more_than_its_bound()
    {
        var schedule = Build(1000.01m, new Settlement(15m, 1), Tuesday1Dec);

        schedule.Settles.ShouldBe(Gbp(850.01m), "15 % of 1,000.01 is 150.0015: 150.00 is forgone");
        Amounts(schedule).ShouldBe([850.01m]);
    }

    [Fact]
    public void A_promise_is_one_amount_on_the_named_day_even_at_a_weekend()
    {
        var saturday = new LocalDate(2026, 12, 5);

        var schedule = Build(1000m, new PromiseToPay(Gbp(250m)), saturday);

        schedule.Instalments.ShouldHaveSingleItem().ShouldBe(new Instalment(1, saturday, Gbp(250m), Gbp(750m)));
        schedule.Settles.ShouldBe(Gbp(250m));
    }

    [Fact]
    public void A_payment_holiday_defers_the_first_instalment_by_its_periods()
    {
        var schedule = Build(1000m, new PaymentHoliday(2, Gbp(400m)), Tuesday1Dec);

        Amounts(schedule).ShouldBe([400m, 400m, 200m]);
        Dates(schedule).ShouldBe([new(2027, 2, 1), new(2027, 3, 1), new(2027, 4, 1)]);
    }

    [Fact]
    public void A_balance_below_the_minimum_can_still_be_paid_in_one()
    {
        Amounts(Build(20m, new FixedInstalments(Gbp(20m)), Tuesday1Dec)).ShouldBe([20m]);
    }

    [Theory]
    [InlineData(Frequency.Weekly, "2026-12-01,2026-12-08,2026-12-15")]
    [InlineData(Frequency.Fortnightly, "2026-12-01,2026-12-15,2026-12-29")]
    [InlineData(Frequency.FourWeekly, "2026-12-01,2026-12-29,2027-01-26")]
    [InlineData(Frequency.Monthly, "2026-12-01,2027-01-01,2027-02-01")]
    public void Each_frequency_counts_from_the_first_pay_date(Frequency frequency, string expected)
    {
        var schedule = Build(300m, new FixedInstalments(Gbp(100m)), Tuesday1Dec, frequency);

        string.Join(',', Dates(schedule).Select(d => d.ToString("uuuu-MM-dd", null))).ShouldBe(expected);
    }

    [Fact]
    public void Monthly_from_the_31st_uses_the_last_day_of_shorter_months_and_the_29th_in_a_leap_february()
    {
        // 31 Jan 2028 is a Monday; 29 Feb 2028 a Tuesday; 31 Mar a Friday; 30 Apr a Sunday (moved to Monday 1 May); 31 May a Wednesday.
        var schedule = Build(500m, new FixedInstalments(Gbp(100m)), new LocalDate(2028, 1, 31), today: new LocalDate(2027, 12, 1));

        Dates(schedule).ShouldBe([new(2028, 1, 31), new(2028, 2, 29), new(2028, 3, 31), new(2028, 5, 1), new(2028, 5, 31)]);
    }

    [Fact]
    public void Monthly_from_the_31st_uses_the_28th_in_a_common_february_and_moves_a_sunday_to_monday()
    {
        // 28 Feb 2027 is a Sunday.
        PaymentCalendar.Nominal(new LocalDate(2027, 1, 31), Frequency.Monthly, 1).ShouldBe(new LocalDate(2027, 2, 28));
        PaymentCalendar.Due(new LocalDate(2027, 1, 31), Frequency.Monthly, 1).ShouldBe(new LocalDate(2027, 3, 1));
        PaymentCalendar.Due(new LocalDate(2027, 1, 31), Frequency.Monthly, 2).ShouldBe(new LocalDate(2027, 3, 31));
    }

    [Fact]
    public void Weekend_dates_move_to_the_next_monday()
    {
        PaymentCalendar.NextBusinessDay(new LocalDate(2026, 12, 5)).ShouldBe(new LocalDate(2026, 12, 7));
        PaymentCalendar.NextBusinessDay(new LocalDate(2026, 12, 6)).ShouldBe(new LocalDate(2026, 12, 7));
        PaymentCalendar.NextBusinessDay(new LocalDate(2026, 12, 7)).ShouldBe(new LocalDate(2026, 12, 7));
    }

    [Fact]
    public void The_earliest_today_is_the_date_at_utc_minus_12()
    {
        PaymentCalendar.EarliestToday(Instant.FromUtc(2026, 11, 24, 5, 0)).ShouldBe(new LocalDate(2026, 11, 23));
        PaymentCalendar.EarliestToday(Instant.FromUtc(2026, 11, 24, 12, 0)).ShouldBe(new LocalDate(2026, 11, 24));
    }

    [Fact]
    public void Three_decimal_and_zero_decimal_currencies_stay_exact()
    {
        var kwd = ScheduleBuilder.Build(new PlanRequest(Money.Of(100.001m, Currency.KWD), Frequency.Monthly, Tuesday1Dec, new Settlement(10m, 3)), PlanPolicy.Unbounded(Currency.KWD), Today);
        kwd.Settles.ShouldBe(Money.Of(90.001m, Currency.KWD), "10 % of 100.001 is 10.0001: 10.000 is forgone");
        kwd.Instalments.Select(i => i.Amount.Amount).ShouldBe([30m, 30m, 30.001m]);

        var jpy = ScheduleBuilder.Build(new PlanRequest(Money.Of(10_000m, Currency.JPY), Frequency.Monthly, Tuesday1Dec, new FixedInstalments(Money.Of(3_000m, Currency.JPY))), PlanPolicy.Unbounded(Currency.JPY), Today);
        jpy.Instalments.Select(i => i.Amount.Amount).ShouldBe([3_000m, 3_000m, 3_000m, 1_000m]);
    }
}
