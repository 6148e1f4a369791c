using NodaTime;

namespace Parley.Modules.Arrangements.Schedules;

/// <summary>
/// Instalment dates in the customer's calendar. Every date is counted from the anchor (the first pay date), never from
/// the previous, weekend-moved date, so a series never drifts: monthly from the 31st gives the last day of shorter
/// months (28th or 29th in February) and returns to the 31st when the month has one. A date on a Saturday or Sunday
/// moves to the next Monday (as a bank collects a Direct Debit): never earlier than asked, so never before the start.
/// With a <see cref="BankHolidayCalendar"/> a bank holiday moves it on the same way (see <see cref="BankHolidays"/>).
/// </summary>
public static class PaymentCalendar
{
    /// <summary>The nominal date of period <paramref name="index"/> (0 is the anchor itself), before the weekend rule.</summary>
    public static LocalDate Nominal(LocalDate anchor, Frequency frequency, int index) => frequency switch
    {
        Frequency.Weekly => anchor.PlusDays(7 * index),
        Frequency.Fortnightly => anchor.PlusDays(14 * index),
        Frequency.FourWeekly => anchor.PlusDays(28 * index),

        // NodaTime clamps to the month's last day: 31 Jan + 1 month is 28 or 29 Feb, + 2 months is 31 Mar.
        Frequency.Monthly => anchor.PlusMonths(index),
    };

    /// <summary>The date the instalment of period <paramref name="index"/> is due, after the weekend rule.</summary>
    public static LocalDate Due(LocalDate anchor, Frequency frequency, int index) => NextBusinessDay(Nominal(anchor, frequency, index));

    /// <summary>The date instalment <paramref name="index"/> is due in <paramref name="calendar"/>: the next day that is neither a weekend nor a bank holiday there.</summary>
    public static LocalDate Due(LocalDate anchor, Frequency frequency, int index, BankHolidayCalendar calendar) =>
        NextBusinessDay(Nominal(anchor, frequency, index), calendar);

    /// <summary>The date itself on a weekday; the following Monday on a Saturday or Sunday.</summary>
    public static LocalDate NextBusinessDay(LocalDate date) => date.DayOfWeek switch
    {
        IsoDayOfWeek.Saturday => date.PlusDays(2),
        IsoDayOfWeek.Sunday => date.PlusDays(1),
        _ => date,
    };

    /// <summary>
    /// The date itself when it is a business day in <paramref name="calendar"/>, else the next one (Good Friday → the
    /// Tuesday after Easter Monday in England and Wales). Moving a weekend-moved date on gives the same day, so this
    /// can be applied to a schedule built with the weekend rule alone.
    /// </summary>
    public static LocalDate NextBusinessDay(LocalDate date, BankHolidayCalendar calendar)
    {
        while (!BankHolidays.IsBusinessDay(date, calendar))
        {
            date = date.PlusDays(1);
        }

        return date;
    }

    /// <summary>
    /// The earliest calendar date anywhere on Earth (UTC−12) at <paramref name="now"/>: a start before it has ended for
    /// every customer; a start on it may still be today where the customer lives, so it is not refused as past.
    /// </summary>
    public static LocalDate EarliestToday(Instant now) => now.InZone(DateTimeZone.ForOffset(Offset.FromHours(-12))).Date;

    /// <summary>Approximate periods per year, for sizing limits and describing plans.</summary>
    public static int PeriodsPerYear(Frequency frequency) => frequency switch
    {
        Frequency.Weekly => 52,
        Frequency.Fortnightly => 26,
        Frequency.FourWeekly => 13,
        Frequency.Monthly => 12,
    };
}
