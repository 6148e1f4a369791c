using NodaTime;
using NodaTime.Text;

namespace Parley.Web.Ui.Shared;

/// <summary>Instants on the viewer's clock: the zone the browser reports, UTC until it has reported one (or an unknown one).</summary>
public static class ViewerTime
{
    private static readonly ZonedDateTimePattern Text = ZonedDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd HH':'mm x", DateTimeZoneProviders.Tzdb);

    public static DateTimeZone Zone(string? id) => id is { Length: > 0 } && DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) is { } zone ? zone : DateTimeZone.Utc;

    public static string Format(Instant? instant, DateTimeZone zone) => instant is { } i ? Text.Format(i.InZone(zone)) : "—";
}
