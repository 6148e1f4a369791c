using NodaTime;

namespace Parley.Modules.Accounts.Contracts;

/// <summary>
/// The one definition of "time-barred": the customer's own calendar date (their primary address's time zone) is on or
/// after the statute-of-limitations date. Without a known zone the date is taken in UTC, which turns no later than any US
/// date, so a debt is never shown as still suable when the customer's own date says it is not.
/// </summary>
public static class StatuteOfLimitations
{
    /// <summary>The customer's zone from an IANA id (their primary address's), UTC when there is none or it is unknown.</summary>
    public static DateTimeZone CustomerZone(string? timeZoneId) =>
        timeZoneId is { Length: > 0 } id && DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) is { } zone ? zone : DateTimeZone.Utc;

    /// <summary>Whether a debt whose limitation period ends on <paramref name="statuteOfLimitationsDate"/> is time-barred on the customer's <paramref name="customerDate"/>.</summary>
    public static bool IsTimeBarred(LocalDate? statuteOfLimitationsDate, LocalDate customerDate) =>
        statuteOfLimitationsDate is { } sol && customerDate >= sol;

    /// <summary>Whether the debt is time-barred at <paramref name="at"/> where the customer lives.</summary>
    public static bool IsTimeBarred(LocalDate? statuteOfLimitationsDate, Instant at, DateTimeZone customerZone) =>
        IsTimeBarred(statuteOfLimitationsDate, at.InZone(customerZone).Date);

    /// <summary>Whether the debt is time-barred at <paramref name="at"/> in the customer's zone (<see cref="CustomerZone"/>).</summary>
    public static bool IsTimeBarred(LocalDate? statuteOfLimitationsDate, Instant at, string? customerTimeZoneId) =>
        IsTimeBarred(statuteOfLimitationsDate, at, CustomerZone(customerTimeZoneId));
}
