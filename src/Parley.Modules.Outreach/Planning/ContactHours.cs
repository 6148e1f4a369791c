using NodaTime;
using NodaTime.TimeZones;
using Parley.Modules.Outreach.Contracts;

namespace Parley.Modules.Outreach.Planning;

/// <summary>
/// Picks an hour for a contact in the customer's own time: inside the law's hours (08:00–21:00 local) and the days and
/// hours the customer allowed, on the first such day from <c>from</c>, spread over the window by the account (so a
/// book does not all leave at 08:00). The gate has the last word on the instant.
/// </summary>
internal static class ContactHours
{
    public static readonly LocalTime LawFrom = new(8, 0);
    public static readonly LocalTime LawTo = new(21, 0);

    // The last half hour of a window is left free: a send that waits a little for a channel still leaves inside it.
    private static readonly Period Margin = Period.FromMinutes(30);

    /// <summary>The window on a local day (the law's hours narrowed by the customer's), or null when the customer allows no contact that day.</summary>
    public static (LocalTime From, LocalTime To)? Window(LocalDate day, ContactPreferences preferences)
    {
        if (preferences.AllowedDays.Count > 0 && !preferences.AllowedDays.Contains(day.DayOfWeek))
        {
            return null;
        }

        var from = LawFrom;
        var to = LawTo;
        if (preferences.AllowedFrom is { } f && preferences.AllowedTo is { } t && f < t)
        {
            from = f > from ? f : from;
            to = t < to ? t : to;
        }

        return from < to ? (from, to) : null;
    }

    /// <summary>The first minute from <paramref name="local"/> outside every time the customer named as inconvenient that day.</summary>
    private static LocalDateTime Convenient(LocalDateTime local, ContactPreferences preferences)
    {
        for (var moved = true; moved;)
        {
            moved = false;
            foreach (var w in preferences.InconvenientTimes)
            {
                if ((w.Days.Count == 0 || w.Days.Contains(local.DayOfWeek)) && w.From < w.To && local.TimeOfDay >= w.From && local.TimeOfDay < w.To)
                {
                    local = local.Date.At(w.To);
                    moved = true;
                }
            }
        }

        return local;
    }

    /// <summary>An instant in [<paramref name="from"/>, <paramref name="until"/>) inside the customer's window, or null.</summary>
    public static Instant? Slot(DateTimeZone zone, Instant from, Instant until, ContactPreferences preferences, Guid spreadBy)
    {
        var start = from.InZone(zone);
        var lastDay = until.InZone(zone).Date;
        for (var day = start.Date; day <= lastDay; day = day.PlusDays(1))
        {
            if (Window(day, preferences) is not { } window)
            {
                continue;
            }

            var open = day.At(window.From);
            var close = day.At(window.To).Minus(Margin);
            if (close <= open)
            {
                close = day.At(window.To);
            }

            // The horizon ends inside this day's window: the spread stays before it.
            var end = until.InZone(zone).LocalDateTime;
            if (close > end)
            {
                close = end;
            }

            var earliest = day == start.Date && start.LocalDateTime > open ? start.LocalDateTime : open;
            if (earliest >= close)
            {
                // Inside the margin the window is still open: the rest of it, rather than none.
                close = day.At(window.To) < end ? day.At(window.To) : end;
                if (earliest >= close)
                {
                    continue;
                }
            }

            var minutes = (int)Period.Between(earliest, close, PeriodUnits.Minutes).Minutes;
            var offset = minutes <= 0 ? 0 : (spreadBy.GetHashCode() & int.MaxValue) % minutes;
            var local = Convenient(earliest.PlusMinutes(offset), preferences);
            if (local >= close)
            {
                local = Convenient(earliest, preferences);
                if (local >= close)
                {
                    continue;
                }
            }

            // A local time that a DST change skips is moved on past the gap; one it repeats takes the earlier instant.
            var instant = zone.ResolveLocal(local, Resolvers.LenientResolver).ToInstant();
            if (instant >= from && instant < until)
            {
                return instant;
            }
        }

        return null;
    }
}
