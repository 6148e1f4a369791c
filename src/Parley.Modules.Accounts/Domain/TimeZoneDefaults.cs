using System.Collections.Frozen;
using NodaTime;
using NodaTime.TimeZones;
using Parley.SharedKernel;

namespace Parley.Modules.Accounts.Domain;

/// <summary>
/// Which IANA time zones a jurisdiction may use, and the zone to assume where a jurisdiction lies wholly in one.
/// States split across zones (e.g. Florida, Texas, Arizona's Navajo Nation) have no default: a contact window
/// computed in the wrong zone is an unlawful call, so the creditor must say which zone applies.
/// </summary>
public static class TimeZoneDefaults
{
    private static readonly FrozenDictionary<string, string> SingleZone = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["US-AL"] = "America/Chicago",
        ["US-AR"] = "America/Chicago",
        ["US-CA"] = "America/Los_Angeles",
        ["US-CO"] = "America/Denver",
        ["US-CT"] = "America/New_York",
        ["US-DE"] = "America/New_York",
        ["US-DC"] = "America/New_York",
        ["US-GA"] = "America/New_York",
        ["US-HI"] = "Pacific/Honolulu",
        ["US-IL"] = "America/Chicago",
        ["US-IA"] = "America/Chicago",
        ["US-LA"] = "America/Chicago",
        ["US-ME"] = "America/New_York",
        ["US-MD"] = "America/New_York",
        ["US-MA"] = "America/New_York",
        ["US-MN"] = "America/Chicago",
        ["US-MS"] = "America/Chicago",
        ["US-MO"] = "America/Chicago",
        ["US-MT"] = "America/Denver",
        ["US-NV"] = "America/Los_Angeles",
        ["US-NH"] = "America/New_York",
        ["US-NJ"] = "America/New_York",
        ["US-NM"] = "America/Denver",
        ["US-NY"] = "America/New_York",
        ["US-NC"] = "America/New_York",
        ["US-OH"] = "America/New_York",
        ["US-OK"] = "America/Chicago",
        ["US-PA"] = "America/New_York",
        ["US-RI"] = "America/New_York",
        ["US-SC"] = "America/New_York",
        ["US-UT"] = "America/Denver",
        ["US-VT"] = "America/New_York",
        ["US-VA"] = "America/New_York",
        ["US-WA"] = "America/Los_Angeles",
        ["US-WV"] = "America/New_York",
        ["US-WI"] = "America/Chicago",
        ["US-WY"] = "America/Denver",
        ["US-PR"] = "America/Puerto_Rico",
        ["US-GU"] = "Pacific/Guam",
        ["US-VI"] = "America/St_Thomas",
        ["US-AS"] = "Pacific/Pago_Pago",
        ["US-MP"] = "Pacific/Saipan",
        ["GB-ENG"] = "Europe/London",
        ["GB-SCT"] = "Europe/London",
        ["GB-WLS"] = "Europe/London",
        ["GB-NIR"] = "Europe/London",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // zone.tab lists US territories under their own ISO codes, so a US jurisdiction accepts those too.
    private static readonly FrozenDictionary<string, FrozenSet<string>> CountriesFor = new Dictionary<string, FrozenSet<string>>(StringComparer.Ordinal)
    {
        ["US"] = new[] { "US", "PR", "GU", "VI", "AS", "MP", "UM" }.ToFrozenSet(StringComparer.Ordinal),
        ["GB"] = new[] { "GB" }.ToFrozenSet(StringComparer.Ordinal),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> CountryOfZone = TzdbDateTimeZoneSource.Default.ZoneLocations!
        .ToFrozenDictionary(l => l.ZoneId, l => l.CountryCode, StringComparer.Ordinal);

    /// <summary>The jurisdiction's only zone, or null when it spans several and the zone must be stated.</summary>
    public static string? DefaultFor(Jurisdiction jurisdiction) => SingleZone.GetValueOrDefault(jurisdiction.Code);

    /// <summary>The canonical tzdb id for <paramref name="zoneId"/> (aliases such as <c>US/Arizona</c> resolved), or null when tzdb has no such zone.</summary>
    public static string? Canonical(string zoneId) =>
        DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId) is null ? null : TzdbDateTimeZoneSource.Default.CanonicalIdMap[zoneId];

    /// <summary>Whether a (canonical) zone lies in the jurisdiction's country; zones without a location (e.g. <c>UTC</c>) never do.</summary>
    public static bool LiesIn(string canonicalZoneId, Jurisdiction jurisdiction) =>
        CountryOfZone.TryGetValue(canonicalZoneId, out var country)
        && CountriesFor.TryGetValue(jurisdiction.Country, out var countries)
        && countries.Contains(country);
}
