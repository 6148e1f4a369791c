using NodaTime;
using Parley.SharedKernel;

namespace Parley.Modules.Arrangements.Schedules;

/// <summary>Whose bank holidays move a due date: none (weekends only), England and Wales, Scotland, Northern Ireland, or the US Federal Reserve's.</summary>
public enum BankHolidayCalendar
{
    WeekendsOnly,
    EnglandAndWales,
    UnitedStates,
    Scotland,
    NorthernIreland,
}

/// <summary>Which bank holidays apply to a customer.</summary>
public static class BankHolidayCalendars
{
    /// <summary>
    /// By the customer's jurisdiction (the primary address), since that is where the bank collects: England, Wales or the
    /// UK as a whole → England and Wales; Scotland (GB-SCT) → Scotland's; Northern Ireland (GB-NIR) → Northern Ireland's;
    /// the US (any state) → the Federal Reserve's; elsewhere → weekends only. Only with no known address does the
    /// account's currency decide (GBP → England and Wales, USD → United States).
    /// </summary>
    public static BankHolidayCalendar For(Jurisdiction? jurisdiction, Currency currency) => jurisdiction switch
    {
        { IsUk: true, Subdivision: "SCT" } => BankHolidayCalendar.Scotland,
        { IsUk: true, Subdivision: "NIR" } => BankHolidayCalendar.NorthernIreland,
        { IsUk: true, Subdivision: null or "ENG" or "WLS" } => BankHolidayCalendar.EnglandAndWales,
        { IsUs: true } => BankHolidayCalendar.UnitedStates,
        not null => BankHolidayCalendar.WeekendsOnly,
        null when currency == Currency.GBP => BankHolidayCalendar.EnglandAndWales,
        null when currency == Currency.USD => BankHolidayCalendar.UnitedStates,
        null => BankHolidayCalendar.WeekendsOnly,
    };
}

/// <summary>
/// Bank holidays computed by rule (no data file). <b>England and Wales</b>: New Year's Day, Good Friday, Easter Monday,
/// the early May (first Monday), spring (last Monday of May) and summer (last Monday of August) bank holidays, Christmas
/// Day and Boxing Day; a fixed day on a weekend gives a substitute day, the next weekday not already a holiday (Christmas
/// on a Saturday: Monday 27 and Tuesday 28). One-off proclamations (jubilees, coronations, a moved early May) are not rules
/// and are not included. <b>Scotland</b>: New Year's Day and 2 January, Good Friday (no Easter Monday), the first and last
/// Mondays of May, the first Monday of August (not the last), St Andrew's Day (30 November), Christmas Day and Boxing Day;
/// weekend days are substituted the same way (1 January on a Saturday: Monday 3 and Tuesday 4; St Andrew's Day at a
/// weekend: the Monday after). <b>Northern Ireland</b>: England and Wales's days plus St Patrick's Day (17 March) and the
/// Battle of the Boyne (12 July), each substituted by the next weekday when it falls at a weekend. <b>United States</b>: the eleven federal holidays (New Year's Day, Martin Luther King Jr. Day,
/// Washington's Birthday, Memorial Day, Juneteenth, Independence Day, Labor Day, Columbus Day, Veterans Day, Thanksgiving,
/// Christmas; Juneteenth from 2021) as the Federal Reserve — which clears Direct Debits (ACH) — observes them: one on a Sunday is observed on
/// the Monday; one on a Saturday is not moved, because the Federal Reserve stays open on the Friday before.
/// </summary>
public static class BankHolidays
{
    public static bool IsHoliday(LocalDate date, BankHolidayCalendar calendar) => calendar switch
    {
        BankHolidayCalendar.EnglandAndWales => IsEnglandAndWales(date),
        BankHolidayCalendar.Scotland => IsScotland(date),
        BankHolidayCalendar.NorthernIreland => IsNorthernIreland(date),
        BankHolidayCalendar.UnitedStates => IsUnitedStates(date),
        _ => false,
    };

    /// <summary>A weekday that is not a bank holiday.</summary>
    public static bool IsBusinessDay(LocalDate date, BankHolidayCalendar calendar) =>
        date.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday) && !IsHoliday(date, calendar);

    /// <summary>Every bank holiday of <paramref name="year"/> in date order (for display and tests).</summary>
    public static IReadOnlyList<LocalDate> For(int year, BankHolidayCalendar calendar)
    {
        var days = new List<LocalDate>();
        for (var date = new LocalDate(year, 1, 1); date.Year == year; date = date.PlusDays(1))
        {
            if (IsHoliday(date, calendar))
            {
                days.Add(date);
            }
        }

        return days;
    }

    /// <summary>Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm, "Meeus/Jones/Butcher").</summary>
    public static LocalDate EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new LocalDate(year, month, day);
    }

    private static bool IsEnglandAndWales(LocalDate date)
    {
        switch (date.Month)
        {
            case 1:
                // New Year's Day, or its substitute on the first Monday when it falls at a weekend.
                return date.Day == 1 ? !IsWeekend(date) : date.DayOfWeek == IsoDayOfWeek.Monday && date.Day <= 3 && IsWeekend(new LocalDate(date.Year, 1, 1));
            case 3 or 4:
                var easter = EasterSunday(date.Year);
                return date == easter.PlusDays(-2) || date == easter.PlusDays(1);
            case 5:
                return date.DayOfWeek == IsoDayOfWeek.Monday && (date.Day <= 7 || date.Day > 24);
            case 8:
                return date.DayOfWeek == IsoDayOfWeek.Monday && date.Day > 24;
            case 12 when date.Day >= 25 && !IsWeekend(date):
                if (date.Day is 25 or 26)
                {
                    return true;
                }

                // Substitute days: each of Christmas and Boxing Day at a weekend takes the next weekday not already a holiday.
                var atWeekend = (IsWeekend(new LocalDate(date.Year, 12, 25)) ? 1 : 0) + (IsWeekend(new LocalDate(date.Year, 12, 26)) ? 1 : 0);
                var firstFree = new LocalDate(date.Year, 12, 27);
                while (IsWeekend(firstFree))
                {
                    firstFree = firstFree.PlusDays(1);
                }

                var secondFree = firstFree.PlusDays(1);
                while (IsWeekend(secondFree))
                {
                    secondFree = secondFree.PlusDays(1);
                }

                return (atWeekend >= 1 && date == firstFree) || (atWeekend == 2 && date == secondFree);
            default:
                return false;
        }
    }

    private static bool IsScotland(LocalDate date) => date.Month switch
    {
        1 => InSubstitutedRun(date, new LocalDate(date.Year, 1, 1), 2),
        3 or 4 => date == EasterSunday(date.Year).PlusDays(-2),
        5 => date.DayOfWeek == IsoDayOfWeek.Monday && (date.Day <= 7 || date.Day > 24),
        8 => NthMonday(date, 1),

        // St Andrew's Day on a weekend moves into December (30 November 2024, a Saturday → Monday 2 December).
        11 or 12 => InSubstitutedRun(date, new LocalDate(date.Year, 11, 30), 1) || InSubstitutedRun(date, new LocalDate(date.Year, 12, 25), 2),
        _ => false,
    };

    private static bool IsNorthernIreland(LocalDate date) => date.Month switch
    {
        3 when InSubstitutedRun(date, new LocalDate(date.Year, 3, 17), 1) => true,
        7 => InSubstitutedRun(date, new LocalDate(date.Year, 7, 12), 1),
        _ => IsEnglandAndWales(date),
    };

    /// <summary>
    /// Whether the date is one of the first <paramref name="days"/> weekdays from <paramref name="first"/>: a run of
    /// consecutive fixed holidays whose weekend days are each substituted by the next weekday not already a holiday.
    /// </summary>
    private static bool InSubstitutedRun(LocalDate date, LocalDate first, int days)
    {
        if (date < first || IsWeekend(date))
        {
            return false;
        }

        var weekdays = 0;
        for (var day = first; day <= date; day = day.PlusDays(1))
        {
            weekdays += IsWeekend(day) ? 0 : 1;
        }

        return weekdays <= days;
    }

    private static bool IsUnitedStates(LocalDate date) => date.Month switch
    {
        1 => Observed(date, 1) || NthMonday(date, 3),
        2 => NthMonday(date, 3),
        5 => date.DayOfWeek == IsoDayOfWeek.Monday && date.Day > 24,
        6 => date.Year >= 2021 && Observed(date, 19),
        7 => Observed(date, 4),
        9 => NthMonday(date, 1),
        10 => NthMonday(date, 2),
        11 => Observed(date, 11) || (date.DayOfWeek == IsoDayOfWeek.Thursday && date.Day is > 21 and <= 28),
        12 => Observed(date, 25),
        _ => false,
    };

    /// <summary>The fixed holiday on <paramref name="day"/> of the date's month: the day itself on a weekday, the Monday after when it is a Sunday.</summary>
    private static bool Observed(LocalDate date, int day) =>
        (date.Day == day && !IsWeekend(date)) || (date.Day == day + 1 && date.DayOfWeek == IsoDayOfWeek.Monday);

    private static bool NthMonday(LocalDate date, int n) => date.DayOfWeek == IsoDayOfWeek.Monday && (date.Day - 1) / 7 == n - 1;

    private static bool IsWeekend(LocalDate date) => date.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday;
}
