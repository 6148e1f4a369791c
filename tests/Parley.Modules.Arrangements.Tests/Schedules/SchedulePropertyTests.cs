using CsCheck;
using NodaTime;
using Parley.Modules.Arrangements.Schedules;
using Parley.SharedKernel;
using Shouldly;
using static Parley.Modules.Arrangements.Tests.Schedules.ScheduleTestKit;

namespace Parley.Modules.Arrangements.Tests.Schedules;

/// <summary>For any balance, shape, frequency and start: exact sums, increasing dates, no instalment below the floor but the last.</summary>
public sealed class SchedulePropertyTests
{
    private static readonly Gen<Currency> Currencies = Gen.OneOf(Currency.GBP, Currency.USD, Currency.JPY, Currency.KWD);

    private static readonly Gen<Frequency> Frequencies = Gen.Enum<Frequency>();

    // Starts over the coming year on every weekday and month end; schedules run on through the leap day of 29 Feb 2028.
    private static readonly Gen<LocalDate> Starts = Gen.Int[0, 365].Select(d => Today.PlusDays(d));

    private static readonly Gen<HashSet<int>> Months = Gen.Int[1, 12].HashSet[0, 4];

    private sealed record Case(Currency Currency, long BalanceMinor, long MinimumMinor, Frequency Frequency, LocalDate Start, PlanShape Shape)
    {
        public Money Balance => Money.FromMinorUnits(BalanceMinor, Currency);

        public PlanPolicy Policy => new(Money.FromMinorUnits(MinimumMinor, Currency), 0m, 50m);

        public override string ToString() => $"{Balance} {Frequency} from {Start:uuuu-MM-dd}, minimum {Policy.MinimumInstalment}, {Shape}";
    }

    private static Gen<Case> Cases =>
        from currency in Currencies
        from balance in Gen.Long[1, 5_000_000]
        from minimum in Gen.Long[1, 5_000]
        from frequency in Frequencies
        from start in Starts
        from shape in Shapes(currency, balance, minimum)
        select new Case(currency, balance, minimum, frequency, start, shape);

    /// <summary>Shapes whose amounts lie between the floor (the smaller of the minimum and the balance) and the balance.</summary>
    private static Gen<PlanShape> Shapes(Currency currency, long balance, long minimum)
    {
        var floor = Math.Min(minimum, balance);
        var amount = Gen.Long[floor, balance].Select(m => Money.FromMinorUnits(m, currency));
        return Gen.OneOf(
            amount.Select(a => (PlanShape)new FixedInstalments(a)),
            Gen.Select(Gen.Select(Gen.Int[1, 6], amount).List[1, 4], amount)
                .Select(t => (PlanShape)new SteppedInstalments([.. t.Item1.Select(s => new Step(s.Item1, s.Item2))], t.Item2)),
            Gen.Select(amount, amount, Months, Months)
                .Select(t => (PlanShape)new SeasonalInstalments(t.Item1, t.Item3, t.Item2, t.Item4.Except(t.Item3).ToHashSet())),
            Gen.Select(Gen.Int[1, 100], Gen.Long[0, 10_000_000].List[1, 6], amount, amount)
                .Select(t => (PlanShape)new IncomeShare(t.Item1, [.. t.Item2.Select(i => Money.FromMinorUnits(i, currency))], Money.Min(t.Item3, t.Item4), Money.Max(t.Item3, t.Item4))),
            Gen.Select(Gen.Int[0, 50], Gen.Int[1, 12]).Select(t => (PlanShape)new Settlement(t.Item1, t.Item2)),
            amount.Select(a => (PlanShape)new PromiseToPay(a)),
            Gen.Select(Gen.Int[1, 12], amount).Select(t => (PlanShape)new PaymentHoliday(t.Item1, t.Item2)));
    }

    /// <summary>Builds the case, or null when it is refused for a reason the generator cannot avoid (too long; a settlement part below the minimum).</summary>
    private static Schedule? BuildOrAcceptedRefusal(Case c)
    {
        try
        {
            return ScheduleBuilder.Build(new PlanRequest(c.Balance, c.Frequency, c.Start, c.Shape), c.Policy, Today);
        }
        catch (DomainException e) when (e.Error is PlanTooLong || (e.Error is InstalmentBelowMinimum && c.Shape is Settlement))
        {
            return null;
        }
    }

    [Fact]
    public void Every_schedule_sums_exactly_to_what_it_settles() =>
        Cases.Sample(c =>
        {
            if (BuildOrAcceptedRefusal(c) is not { } schedule)
            {
                return;
            }

            schedule.Instalments.Sum(i => i.Amount.ToMinorUnits()).ShouldBe(schedule.Settles.ToMinorUnits());
            schedule.TotalPaid.ShouldBe(schedule.Settles);
            (schedule.Settles + schedule.WrittenOff).ShouldBeLessThanOrEqualTo(schedule.Balance);
            schedule.Instalments.ShouldAllBe(i => i.Amount.IsPositive && i.Amount.Currency == c.Currency);
            schedule.Instalments.Count.ShouldBeInRange(1, ScheduleBuilder.MaxInstalments);
            var runningBalance = schedule.Balance;
            foreach (var instalment in schedule.Instalments)
            {
                runningBalance -= instalment.Amount;
                var expected = instalment.Number == schedule.Instalments.Count ? runningBalance - schedule.WrittenOff : runningBalance;
                instalment.BalanceAfter.ShouldBe(expected);
            }
        }, iter: 2_000);

    [Fact]
    public void Dates_strictly_increase_start_no_earlier_than_asked_and_avoid_weekends() =>
        Cases.Sample(c =>
        {
            if (BuildOrAcceptedRefusal(c) is not { } schedule)
            {
                return;
            }

            schedule.Instalments[0].Due.ShouldBeGreaterThanOrEqualTo(c.Start);
            for (var i = 1; i < schedule.Instalments.Count; i++)
            {
                schedule.Instalments[i].Due.ShouldBeGreaterThan(schedule.Instalments[i - 1].Due);
            }

            if (c.Shape is not PromiseToPay)
            {
                schedule.Instalments.ShouldAllBe(i => i.Due.DayOfWeek != IsoDayOfWeek.Saturday && i.Due.DayOfWeek != IsoDayOfWeek.Sunday);
            }
        }, iter: 2_000);

    [Fact]
    public void No_instalment_but_the_last_is_below_the_floor() =>
        Cases.Sample(c =>
        {
            if (BuildOrAcceptedRefusal(c) is not { } schedule)
            {
                return;
            }

            var floor = Money.Min(c.Policy.MinimumInstalment, schedule.Settles);
            schedule.Instalments.SkipLast(1).ShouldAllBe(i => i.Amount >= floor);
        }, iter: 2_000);

    [Fact]
    public void Monthly_dates_keep_the_anchor_day_or_the_last_day_of_a_shorter_month() =>
        Gen.Select(Gen.Int[2026, 2040], Gen.Int[1, 12], Gen.Int[28, 31], Gen.Int[0, 60]).Sample((year, month, day, index) =>
        {
            var anchor = new LocalDate(year, month, Math.Min(day, CalendarSystem.Iso.GetDaysInMonth(year, month)));
            var nominal = PaymentCalendar.Nominal(anchor, Frequency.Monthly, index);
            var daysInMonth = CalendarSystem.Iso.GetDaysInMonth(nominal.Year, nominal.Month);
            nominal.Day.ShouldBe(Math.Min(anchor.Day, daysInMonth));
            var due = PaymentCalendar.Due(anchor, Frequency.Monthly, index);
            Period.Between(nominal, due, PeriodUnits.Days).Days.ShouldBeInRange(0, 2);
        });
}
