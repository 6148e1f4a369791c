using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Parley.Web.Ui.Shared;

/// <summary>
/// How amounts, dates and instants read on screen, the same on every page: "6 Dec 2026", "6 Dec 2026, 04:36 UTC"
/// (an instant always with its zone: UTC, or the zone it is shown in), the currency always shown.
/// </summary>
public static class Display
{
    private static readonly ZonedDateTimePattern InstantText = ZonedDateTimePattern.CreateWithInvariantCulture("d MMM uuuu', 'HH':'mm x", DateTimeZoneProviders.Tzdb);
    private static readonly LocalDatePattern DateText = LocalDatePattern.CreateWithInvariantCulture("d MMM uuuu");
    private static readonly LocalDatePattern MonthText = LocalDatePattern.CreateWithInvariantCulture("MMM uuuu");

    public static string Money(decimal amount, string currency) => $"{currency} {amount.ToString("N2", CultureInfo.InvariantCulture)}";

    public static string Date(LocalDate? date) => date is { } d ? DateText.Format(d) : "—";

    /// <summary>A month, e.g. on a chart's axis: "Dec 2026".</summary>
    public static string Month(LocalDate date) => MonthText.Format(date);

    /// <summary>An instant in UTC.</summary>
    public static string Instant(Instant? instant) => Instant(instant, DateTimeZone.Utc);

    /// <summary>An instant in <paramref name="zone"/>, with the zone's abbreviation (e.g. EST, GMT) or offset.</summary>
    public static string Instant(Instant? instant, DateTimeZone zone) => instant is { } i ? InstantText.Format(i.InZone(zone)) : "—";

    /// <summary>An instant the modules wrote as ISO 8601 text (<c>2026-11-02T15:00:00Z</c>), in <paramref name="zone"/>; text that is not one, as it is.</summary>
    public static string Instant(string? iso, DateTimeZone zone) =>
        iso is null ? "—" : InstantPattern.ExtendedIso.Parse(iso) is { Success: true } parsed ? Instant(parsed.Value, zone) : iso;

    public static string YesNo(bool value) => value ? "yes" : "no";
}
