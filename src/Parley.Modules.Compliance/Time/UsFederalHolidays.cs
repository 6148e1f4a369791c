using NodaTime;

namespace Parley.Modules.Compliance.Time;

/// <summary>
/// The legal public holidays of 5 U.S.C. 6103(a), which Reg F excludes (with Saturdays and Sundays) when counting the
/// 5 days for validation information and assumed receipt (12 CFR 1006.34(a)(1), (b)(5)). A holiday on a Saturday is
/// observed the Friday before and on a Sunday the Monday after (6103(b)); both the date and the observed day are excluded,
/// which only moves the validation period's end later (the consumer's side).
/// </summary>
public static class UsFederalHolidays
{
    public static bool IsHoliday(LocalDate date)
    {
        foreach (var holiday in FixedDates(date.Year))
        {
            if (date == holiday || date == Observed(holiday))
            {
                return true;
            }
        }

        // 1 January of next year observed on 31 December (when it falls on a Saturday).
        if (date == Observed(new LocalDate(date.Year + 1, 1, 1)))
        {
            return true;
        }

        var y = date.Year;
        return date == NthWeekday(y, 1, IsoDayOfWeek.Monday, 3) // Birthday of Martin Luther King, Jr.
            || date == NthWeekday(y, 2, IsoDayOfWeek.Monday, 3) // Washington's Birthday
            || date == LastMonday(y, 5) // Memorial Day
            || date == NthWeekday(y, 9, IsoDayOfWeek.Monday, 1) // Labor Day
            || date == NthWeekday(y, 10, IsoDayOfWeek.Monday, 2) // Columbus Day
            || date == NthWeekday(y, 11, IsoDayOfWeek.Thursday, 4); // Thanksgiving Day
    }

    /// <summary>New Year's Day, Juneteenth, Independence Day, Veterans Day, Christmas Day.</summary>
    private static LocalDate[] FixedDates(int y) =>
        [new(y, 1, 1), new(y, 6, 19), new(y, 7, 4), new(y, 11, 11), new(y, 12, 25)];

    private static LocalDate Observed(LocalDate d) => d.DayOfWeek switch
    {
        IsoDayOfWeek.Saturday => d.PlusDays(-1),
        IsoDayOfWeek.Sunday => d.PlusDays(1),
        _ => d,
    };

    private static LocalDate NthWeekday(int y, int month, IsoDayOfWeek day, int n)
    {
        var d = new LocalDate(y, month, 1);
        while (d.DayOfWeek != day)
        {
            d = d.PlusDays(1);
        }

        return d.PlusWeeks(n - 1);
    }

    private static LocalDate LastMonday(int y, int month)
    {
        var d = new LocalDate(y, month, 1).PlusMonths(1).PlusDays(-1);
        while (d.DayOfWeek != IsoDayOfWeek.Monday)
        {
            d = d.PlusDays(-1);
        }

        return d;
    }
}
