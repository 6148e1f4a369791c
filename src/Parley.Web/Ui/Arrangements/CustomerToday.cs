using NodaTime;

namespace Parley.Web.Ui.Arrangements;

/// <summary>Today's date where the customer lives, which decides whether an instalment is due yet.</summary>
public static class CustomerToday
{
    /// <summary>
    /// The date at <paramref name="now"/> in the customer's IANA time zone; with no zone known (or one this machine's
    /// database lacks) the earliest date on earth, as the module reckons it, so nothing shows as due before it is due anywhere.
    /// </summary>
    public static LocalDate At(Instant now, string? timeZone) =>
        timeZone is { Length: > 0 } id && DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) is { } zone
            ? now.InZone(zone).Date
            : now.InZone(EarliestZone).Date;

    // UTC−12: the last place on earth a day ends, as the module reckons "today" for a start date.
    private static readonly DateTimeZone EarliestZone = DateTimeZone.ForOffset(Offset.FromHours(-12));
}
