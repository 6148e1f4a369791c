using NodaTime;
using Parley.Modules.Arrangements.Plans;
using Shouldly;

namespace Parley.Modules.Arrangements.Tests.Plans;

/// <summary>Misses and breaks at the end of the customer's local day: month ends, the leap day, DST changes, holds.</summary>
public sealed class BreakDetectionTests
{
    private static readonly Tolerance NoGrace = new(0, 0);

    private static PlanProgress At(DateTimeZone zone, LocalDateTime localNow, IReadOnlyList<DueInstalment> instalments, IEnumerable<PaymentFact>? payments = null, IEnumerable<HoldFact>? holds = null, Tolerance? tolerance = null) =>
        PlanProgressCalculator.Evaluate(
            instalments,
            Instant.FromUtc(2027, 1, 1, 0, 0),
            payments ?? [],
            holds ?? [],
            zone,
            localNow.InZoneLeniently(zone).ToInstant(),
            tolerance ?? NoGrace);

    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    [Fact]
    public void A_month_end_instalment_is_not_missed_until_the_customers_day_has_ended()
    {
        DueInstalment[] plan = [new(1, new LocalDate(2027, 1, 31), 10_000)];

        At(NewYork, new LocalDateTime(2027, 1, 31, 23, 59), plan).Misses.ShouldBe(0);
        At(NewYork, new LocalDateTime(2027, 2, 1, 0, 0), plan).BrokenOn.ShouldBe(new LocalDate(2027, 1, 31));
    }

    [Fact]
    public void A_payment_late_in_the_local_evening_still_counts_for_that_day()
    {
        DueInstalment[] plan = [new(1, new LocalDate(2027, 1, 31), 10_000)];
        // 23:30 in New York on the 31st is already 1 February in UTC.
        var payment = new PaymentFact(10_000, new LocalDateTime(2027, 1, 31, 23, 30).InZoneLeniently(NewYork).ToInstant(), null);

        var progress = At(NewYork, new LocalDateTime(2027, 2, 2, 9, 0), plan, [payment]);

        progress.Misses.ShouldBe(0);
        progress.Completed.ShouldBeTrue();
    }

    [Fact]
    public void The_leap_day_is_a_day_of_its_own()
    {
        DueInstalment[] plan = [new(1, new LocalDate(2028, 2, 29), 10_000), new(2, new LocalDate(2028, 3, 29), 10_000)];

        At(London, new LocalDateTime(2028, 2, 29, 23, 0), plan).Misses.ShouldBe(0);
        var next = At(London, new LocalDateTime(2028, 3, 1, 0, 30), plan);
        next.Instalments[0].Missed.ShouldBeTrue();
        next.BrokenOn.ShouldBe(new LocalDate(2028, 2, 29));
    }

    [Fact]
    public void On_the_day_clocks_go_forward_the_day_ends_at_local_midnight()
    {
        // 28 March 2027: London springs forward; the day is 23 hours long and ends at 23:00 UTC.
        DueInstalment[] plan = [new(1, new LocalDate(2027, 3, 28), 10_000)];
        var endOfDay = new LocalDate(2027, 3, 29).AtStartOfDayInZone(London).ToInstant();
        endOfDay.ShouldBe(Instant.FromUtc(2027, 3, 28, 23, 0));

        Evaluate(London, endOfDay - Duration.FromMinutes(1), plan).Misses.ShouldBe(0);
        Evaluate(London, endOfDay, plan).Misses.ShouldBe(1);
    }

    [Fact]
    public void On_the_day_clocks_go_back_the_day_ends_at_local_midnight()
    {
        // 7 November 2027: New York falls back; the day is 25 hours long and ends at 05:00 UTC on the 8th.
        DueInstalment[] plan = [new(1, new LocalDate(2027, 11, 7), 10_000)];
        var endOfDay = new LocalDate(2027, 11, 8).AtStartOfDayInZone(NewYork).ToInstant();
        endOfDay.ShouldBe(Instant.FromUtc(2027, 11, 8, 5, 0));

        Evaluate(NewYork, endOfDay - Duration.FromMinutes(1), plan).Misses.ShouldBe(0);
        Evaluate(NewYork, endOfDay, plan).Misses.ShouldBe(1);
    }

    [Fact]
    public void Grace_days_and_allowed_misses_tolerate_one_late_instalment_caught_up()
    {
        DueInstalment[] plan = [new(1, new LocalDate(2027, 2, 1), 10_000), new(2, new LocalDate(2027, 3, 1), 10_000), new(3, new LocalDate(2027, 4, 1), 10_000)];
        var tolerance = new Tolerance(3, 1);
        PaymentFact[] paid = [new(20_000, Instant.FromUtc(2027, 2, 20, 12, 0), null)];

        var progress = At(London, new LocalDateTime(2027, 3, 10, 12, 0), plan, paid, tolerance: tolerance);

        progress.Instalments[0].Missed.ShouldBeTrue();
        progress.Instalments[1].Missed.ShouldBeFalse();
        progress.BrokenOn.ShouldBeNull();
    }

    [Fact]
    public void A_hold_pauses_the_plan_and_moves_later_due_dates_by_the_days_it_touched()
    {
        DueInstalment[] plan = [new(1, new LocalDate(2027, 2, 1), 10_000), new(2, new LocalDate(2027, 3, 1), 10_000)];
        var holdStart = Instant.FromUtc(2027, 1, 20, 10, 0);

        // While the hold is on, nothing can be missed and the plan cannot break.
        var paused = At(London, new LocalDateTime(2027, 3, 20, 12, 0), plan, holds: [new HoldFact(holdStart, null)]);
        paused.Paused.ShouldBeTrue();
        paused.Misses.ShouldBe(0);
        paused.BrokenOn.ShouldBeNull();

        // A hold from 20 to 29 January (10 local days) moves both instalments 10 days later.
        var ended = At(London, new LocalDateTime(2027, 2, 5, 12, 0), plan, holds: [new HoldFact(holdStart, Instant.FromUtc(2027, 1, 29, 18, 0))]);
        ended.Paused.ShouldBeFalse();
        ended.Instalments.Select(i => i.DueAfterHolds).ShouldBe([new LocalDate(2027, 2, 11), new LocalDate(2027, 3, 11)]);
        ended.Misses.ShouldBe(0);
    }

    [Fact]
    public void A_reversal_un_satisfies_what_its_payment_satisfied()
    {
        DueInstalment[] plan = [new(1, new LocalDate(2027, 2, 1), 10_000)];
        var paidAt = Instant.FromUtc(2027, 1, 25, 12, 0);

        At(London, new LocalDateTime(2027, 2, 3, 12, 0), plan, [new PaymentFact(10_000, paidAt, null)]).Completed.ShouldBeTrue();
        var reversed = At(London, new LocalDateTime(2027, 2, 3, 12, 0), plan, [new PaymentFact(10_000, paidAt, Instant.FromUtc(2027, 2, 2, 9, 0))]);
        reversed.Completed.ShouldBeFalse();
        reversed.Instalments[0].PaidMinor.ShouldBe(0);
        reversed.Misses.ShouldBe(1);
    }

    private static PlanProgress Evaluate(DateTimeZone zone, Instant now, IReadOnlyList<DueInstalment> plan) =>
        PlanProgressCalculator.Evaluate(plan, Instant.FromUtc(2027, 1, 1, 0, 0), [], [], zone, now, NoGrace);
}
