using NodaTime;

namespace Parley.Web.Ui.Shared;

/// <summary>Instants on the viewer's clock: the zone the browser reports, UTC until it has reported one (or an unknown one).</summary>
public static class ViewerTime
{
    public static DateTimeZone Zone(string? id) => id is { Length: > 0 } && DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) is { } zone ? zone : DateTimeZone.Utc;

    /// <summary>In <see cref="Display"/>'s one format, on the viewer's clock: "2 Nov 2026, 10:00 EST".</summary>
    public static string Format(Instant? instant, DateTimeZone zone) => Display.Instant(instant, zone);
}
