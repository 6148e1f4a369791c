using NodaTime;
using Parley.Modules.Arrangements.Schedules;
using Shouldly;

namespace Parley.Modules.Arrangements.Tests.Schedules;

/// <summary>Bank holidays by rule: Easter, substitute days, year ends, and due dates moving past them.</summary>
public sealed class BankHolidayTests
{
    [Theory]
    [InlineData(1943, 4, 25)]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2026, 4, 5)]
    [InlineData(2027, 3, 28)]
    [InlineData(2038, 4, 25)]
    [InlineData(2285, 3, 22)]
    public void Easter_Sunday_follows_the_Gregorian_computus(int year, int month, int day) =>
        BankHolidays.EasterSunday(year).ShouldBe(new LocalDate(year, month, day));

    [Fact]
    public void England_and_Wales_2026_with_Boxing_Day_on_a_Saturday_substituted_on_Monday() =>
        BankHolidays.For(2026, BankHolidayCalendar.EnglandAndWales).ShouldBe(
        [
            new LocalDate(2026, 1, 1), new LocalDate(2026, 4, 3), new LocalDate(2026, 4, 6), new LocalDate(2026, 5, 4),
            new LocalDate(2026, 5, 25), new LocalDate(2026, 8, 31), new LocalDate(2026, 12, 25), new LocalDate(2026, 12, 28),
        ]);

    [Fact]
    public void England_and_Wales_2027_with_Christmas_on_a_Saturday_takes_Monday_and_Tuesday() =>
        BankHolidays.For(2027, BankHolidayCalendar.EnglandAndWales).ShouldBe(
        [
            new LocalDate(2027, 1, 1), new LocalDate(2027, 3, 26), new LocalDate(2027, 3, 29), new LocalDate(2027, 5, 3),
            new LocalDate(2027, 5, 31), new LocalDate(2027, 8, 30), new LocalDate(2027, 12, 27), new LocalDate(2027, 12, 28),
        ]);

    [Theory]
    [InlineData(2022, 1, 3)] // 1 January on a Saturday: Monday 3rd
    [InlineData(2023, 1, 2)] // on a Sunday: Monday 2nd
    [InlineData(2028, 1, 3)]
    public void New_Years_Day_at_a_weekend_is_substituted_on_the_Monday(int year, int month, int day)
    {
        BankHolidays.IsHoliday(new LocalDate(year, month, day), BankHolidayCalendar.EnglandAndWales).ShouldBeTrue();
        BankHolidays.IsHoliday(new LocalDate(year, month, day).PlusDays(1), BankHolidayCalendar.EnglandAndWales).ShouldBeFalse();
    }

    [Fact]
    public void Christmas_on_a_Sunday_gives_Boxing_Day_on_Monday_and_the_substitute_on_Tuesday()
    {
        var holidays = BankHolidays.For(2022, BankHolidayCalendar.EnglandAndWales);
        holidays.ShouldContain(new LocalDate(2022, 12, 26));
        holidays.ShouldContain(new LocalDate(2022, 12, 27));
        holidays.ShouldNotContain(new LocalDate(2022, 12, 28));
    }

    [Fact]
    public void United_States_2027_as_the_Federal_Reserve_observes_it() =>
        BankHolidays.For(2027, BankHolidayCalendar.UnitedStates).ShouldBe(
        [
            new LocalDate(2027, 1, 1), new LocalDate(2027, 1, 18), new LocalDate(2027, 2, 15), new LocalDate(2027, 5, 31),
            new LocalDate(2027, 7, 5), new LocalDate(2027, 9, 6), new LocalDate(2027, 10, 11), new LocalDate(2027, 11, 11),
            new LocalDate(2027, 11, 25),
        ]);

    [Fact]
    public void United_States_Saturday_holidays_leave_the_Friday_a_business_day_and_Juneteenth_starts_in_2021()
    {
        // 1 January 2028 is a Saturday: the Federal Reserve is open on Friday 31 December 2027.
        BankHolidays.IsBusinessDay(new LocalDate(2027, 12, 31), BankHolidayCalendar.UnitedStates).ShouldBeTrue();
        BankHolidays.IsHoliday(new LocalDate(2026, 7, 3), BankHolidayCalendar.UnitedStates).ShouldBeFalse();
        BankHolidays.IsHoliday(new LocalDate(2023, 6, 19), BankHolidayCalendar.UnitedStates).ShouldBeTrue();
        BankHolidays.IsHoliday(new LocalDate(2020, 6, 19), BankHolidayCalendar.UnitedStates).ShouldBeFalse();
        BankHolidays.IsHoliday(new LocalDate(2026, 11, 26), BankHolidayCalendar.UnitedStates).ShouldBeTrue();
    }

    [Fact]
    public void Due_dates_move_past_bank_holidays_in_the_calendar_given()
    {
        // Good Friday and Easter Monday 2026: the next business day is Tuesday 7 April.
        PaymentCalendar.NextBusinessDay(new LocalDate(2026, 4, 3), BankHolidayCalendar.EnglandAndWales).ShouldBe(new LocalDate(2026, 4, 7));
        PaymentCalendar.NextBusinessDay(new LocalDate(2026, 4, 3), BankHolidayCalendar.UnitedStates).ShouldBe(new LocalDate(2026, 4, 3));

        // Year end: Saturday 25 December 2027 passes Monday 27 and Tuesday 28 in England and Wales.
        PaymentCalendar.Due(new LocalDate(2027, 10, 25), Frequency.Monthly, 2, BankHolidayCalendar.EnglandAndWales).ShouldBe(new LocalDate(2027, 12, 29));
        PaymentCalendar.Due(new LocalDate(2027, 10, 25), Frequency.Monthly, 2, BankHolidayCalendar.UnitedStates).ShouldBe(new LocalDate(2027, 12, 27));
        PaymentCalendar.Due(new LocalDate(2027, 10, 25), Frequency.Monthly, 2).ShouldBe(new LocalDate(2027, 12, 27));

        // New Year 2028 (Saturday): the substitute Monday 3 January is passed too.
        PaymentCalendar.Due(new LocalDate(2027, 12, 1), Frequency.Monthly, 1, BankHolidayCalendar.EnglandAndWales).ShouldBe(new LocalDate(2028, 1, 4));
        PaymentCalendar.Due(new LocalDate(2027, 12, 1), Frequency.Monthly, 1, BankHolidayCalendar.WeekendsOnly).ShouldBe(new LocalDate(2028, 1, 3));
    }

    [Theory]
    [InlineData("GB-ENG", "USD", BankHolidayCalendar.EnglandAndWales)]
    [InlineData("GB-WLS", "EUR", BankHolidayCalendar.EnglandAndWales)]
    [InlineData("GB", "GBP", BankHolidayCalendar.EnglandAndWales)]
    [InlineData("GB-SCT", "GBP", BankHolidayCalendar.Scotland)]
    [InlineData("GB-NIR", "USD", BankHolidayCalendar.NorthernIreland)]
    [InlineData("US-MA", "GBP", BankHolidayCalendar.UnitedStates)]
    [InlineData("US", "USD", BankHolidayCalendar.UnitedStates)]
    [InlineData(null, "GBP", BankHolidayCalendar.EnglandAndWales)]
    [InlineData(null, "USD", BankHolidayCalendar.UnitedStates)]
    [InlineData(null, "EUR", BankHolidayCalendar.WeekendsOnly)]
    public void The_calendar_follows_the_customers_jurisdiction_and_the_currency_only_when_no_address_is_known(string? jurisdiction, string currency, BankHolidayCalendar expected) =>
        BankHolidayCalendars.For(jurisdiction is null ? null : Parley.SharedKernel.Jurisdiction.Parse(jurisdiction), Parley.SharedKernel.Currency.FromCode(currency)).ShouldBe(expected);
    public static TheoryData<int, string[]> ScottishYears => new()
    {
        { 2024, ["01-01", "01-02", "03-29", "05-06", "05-27", "08-05", "12-02", "12-25", "12-26"] }, // St Andrew's on a Saturday
        { 2025, ["01-01", "01-02", "04-18", "05-05", "05-26", "08-04", "12-01", "12-25", "12-26"] }, // St Andrew's on a Sunday
        { 2026, ["01-01", "01-02", "04-03", "05-04", "05-25", "08-03", "11-30", "12-25", "12-28"] }, // Boxing Day on a Saturday
        { 2027, ["01-01", "01-04", "03-26", "05-03", "05-31", "08-02", "11-30", "12-27", "12-28"] }, // 2 January on a Saturday
        { 2028, ["01-03", "01-04", "04-14", "05-01", "05-29", "08-07", "11-30", "12-25", "12-26"] }, // 1 and 2 January at the weekend

        // 1 January on a Sunday; the one-off coronation holiday of 8 May 2023 was a proclamation, not a rule.
        { 2023, ["01-02", "01-03", "04-07", "05-01", "05-29", "08-07", "11-30", "12-25", "12-26"] },
    };

    public static TheoryData<int, string[]> NorthernIrishYears => new()
    {
        { 2024, ["01-01", "03-18", "03-29", "04-01", "05-06", "05-27", "07-12", "08-26", "12-25", "12-26"] }, // St Patrick's on a Sunday
        { 2025, ["01-01", "03-17", "04-18", "04-21", "05-05", "05-26", "07-14", "08-25", "12-25", "12-26"] }, // 12 July on a Saturday
        { 2026, ["01-01", "03-17", "04-03", "04-06", "05-04", "05-25", "07-13", "08-31", "12-25", "12-28"] }, // 12 July on a Sunday
        { 2027, ["01-01", "03-17", "03-26", "03-29", "05-03", "05-31", "07-12", "08-30", "12-27", "12-28"] },
    };

    [Theory]
    [MemberData(nameof(ScottishYears))]
    public void Scotland_has_2_January_and_St_Andrews_Day_the_first_Monday_of_August_and_no_Easter_Monday(int year, string[] expected) =>
        BankHolidays.For(year, BankHolidayCalendar.Scotland).ShouldBe([.. expected.Select(d => Day(year, d))]);

    [Theory]
    [MemberData(nameof(NorthernIrishYears))]
    public void Northern_Ireland_adds_St_Patricks_Day_and_the_Battle_of_the_Boyne_to_England_and_Wales(int year, string[] expected) =>
        BankHolidays.For(year, BankHolidayCalendar.NorthernIreland).ShouldBe([.. expected.Select(d => Day(year, d))]);

    [Fact]
    public void A_Scottish_or_Northern_Irish_customer_pays_after_their_own_holidays()
    {
        // Monday 3 August 2026 is a holiday in Scotland only; Monday 13 July 2026 (the Boyne on a Sunday) in Northern Ireland only.
        PaymentCalendar.NextBusinessDay(new LocalDate(2026, 8, 3), BankHolidayCalendar.Scotland).ShouldBe(new LocalDate(2026, 8, 4));
        PaymentCalendar.NextBusinessDay(new LocalDate(2026, 8, 3), BankHolidayCalendar.EnglandAndWales).ShouldBe(new LocalDate(2026, 8, 3));
        PaymentCalendar.NextBusinessDay(new LocalDate(2026, 8, 31), BankHolidayCalendar.Scotland).ShouldBe(new LocalDate(2026, 8, 31));
        PaymentCalendar.NextBusinessDay(new LocalDate(2026, 7, 12), BankHolidayCalendar.NorthernIreland).ShouldBe(new LocalDate(2026, 7, 14));
        PaymentCalendar.NextBusinessDay(new LocalDate(2026, 4, 6), BankHolidayCalendar.Scotland).ShouldBe(new LocalDate(2026, 4, 6));
        PaymentCalendar.Due(new LocalDate(2026, 10, 30), Frequency.Monthly, 1, BankHolidayCalendar.Scotland).ShouldBe(new LocalDate(2026, 12, 1));
    }

    private static LocalDate Day(int year, string monthDay) => new(year, int.Parse(monthDay[..2], System.Globalization.CultureInfo.InvariantCulture), int.Parse(monthDay[3..], System.Globalization.CultureInfo.InvariantCulture));
}
