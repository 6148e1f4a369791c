using NodaTime;

namespace Parley.Modules.Compliance.Time;

/// <summary>
/// A daily local-time window that is open strictly after <see cref="Opens"/> and strictly before <see cref="Closes"/>
/// (the statute's "after 8 o'clock a.m. and before 9 o'clock p.m."; both boundary instants are denied, §2.5),
/// optionally closed on some dates (UK Sundays and bank holidays).
/// </summary>
public sealed class ContactWindow(LocalTime opens, LocalTime closes, Func<LocalDate, bool>? closedOn = null)
{
    private static readonly Period FirstWholeMinute = Period.FromMinutes(1);

    public LocalTime Opens { get; } = opens;

    public LocalTime Closes { get; } = closes;

    /// <summary>The time the rescheduler proposes: the first whole minute after opening.</summary>
    public LocalTime FirstLawful { get; } = opens.PlusMinutes(1);

    public bool IsOpen(LocalDateTime local) =>
        local.TimeOfDay > Opens && local.TimeOfDay < Closes && (closedOn is null || !closedOn(local.Date));

    public bool IsOpen(Instant at, DateTimeZone zone) => IsOpen(at.InZone(zone).LocalDateTime);

    /// <summary>The earliest instant at or after <paramref name="at"/> when the window is open in <paramref name="zone"/>.</summary>
    public Instant NextOpen(Instant at, DateTimeZone zone)
    {
        var local = at.InZone(zone).LocalDateTime;
        if (IsOpen(local))
        {
            return at;
        }

        var date = local.TimeOfDay <= Opens ? local.Date : local.Date.PlusDays(1);
        for (var i = 0; i < 14 && closedOn is not null && closedOn(date); i++)
        {
            date = date.PlusDays(1);
        }

        return zone.AtLeniently(date + FirstLawful).ToInstant();
    }

    /// <summary>
    /// The earliest instant at or after <paramref name="at"/> open in every zone at once (the intersection), or null when
    /// the windows never overlap.
    /// </summary>
    public Instant? NextOpenInAll(Instant at, ReadOnlySpan<DateTimeZone> zones)
    {
        var t = at;
        for (var round = 0; round < 32; round++)
        {
            var moved = t;
            foreach (var zone in zones)
            {
                var next = NextOpen(moved, zone);
                if (next > moved)
                {
                    moved = next;
                }
            }

            if (moved == t)
            {
                return t;
            }

            t = moved;
        }

        return null;
    }

    public static ContactWindow Between(LocalTime opens, LocalTime closes, Duration buffer, Func<LocalDate, bool>? closedOn = null) =>
        new(opens.PlusTicks(buffer.BclCompatibleTicks), closes.PlusTicks(-buffer.BclCompatibleTicks), closedOn);
}

/// <summary>England and Wales bank holidays (with substitute days), for the UK contact-time policy.</summary>
public static class UkBankHolidays
{
    public static bool IsSundayOrBankHoliday(LocalDate date) => date.DayOfWeek == IsoDayOfWeek.Sunday || IsBankHoliday(date);

    public static bool IsBankHoliday(LocalDate date)
    {
        var y = date.Year;
        var easter = EasterSunday(y);
        return date == Substitute(new LocalDate(y, 1, 1))
            || date == easter.PlusDays(-2)
            || date == easter.PlusDays(1)
            || date == FirstMonday(y, 5)
            || date == LastMonday(y, 5)
            || date == LastMonday(y, 8)
            || ChristmasAndBoxingDay(y).Contains(date);
    }

    private static LocalDate Substitute(LocalDate d) => d.DayOfWeek switch
    {
        IsoDayOfWeek.Saturday => d.PlusDays(2),
        IsoDayOfWeek.Sunday => d.PlusDays(1),
        _ => d,
    };

    private static LocalDate[] ChristmasAndBoxingDay(int y)
    {
        var christmas = new LocalDate(y, 12, 25);
        return christmas.DayOfWeek switch
        {
            IsoDayOfWeek.Friday => [christmas, new LocalDate(y, 12, 28)],
            IsoDayOfWeek.Saturday => [new LocalDate(y, 12, 27), new LocalDate(y, 12, 28)],
            IsoDayOfWeek.Sunday => [new LocalDate(y, 12, 26), new LocalDate(y, 12, 27)],
            _ => [christmas, new LocalDate(y, 12, 26)],
        };
    }

    private static LocalDate FirstMonday(int y, int month)
    {
        var d = new LocalDate(y, month, 1);
        while (d.DayOfWeek != IsoDayOfWeek.Monday)
        {
            d = d.PlusDays(1);
        }

        return d;
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

    // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    private static LocalDate EasterSunday(int y)
    {
        int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
        int h = ((19 * a) + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        int m = (a + (11 * h) + (22 * l)) / 451;
        int month = (h + l - (7 * m) + 114) / 31, day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new LocalDate(y, month, day);
    }
}
