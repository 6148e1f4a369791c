using System.Collections.Concurrent;
using System.Collections.Frozen;
using NodaTime;
using PhoneNumbers;

namespace Parley.Modules.Compliance.Time;

/// <summary>Where a candidate zone came from (it is shown in explanations).</summary>
public enum ZoneSource
{
    ConsumerStated,
    KnownZone,
    PostalAddress,
    PhoneAreaCode,
    ExplicitCandidate,
    UnknownLocationPolicy,
}

public readonly record struct ZoneEvidence(DateTimeZone Zone, ZoneSource Source, string? Detail);

/// <summary>
/// The zones the consumer may be in. A contact is lawful only when it is lawful in every one of them (US-REGF-TIME-MULTIZONE).
/// </summary>
public sealed class CandidateZoneSet
{
    public CandidateZoneSet(IReadOnlyList<ZoneEvidence> evidence, bool fromUnknownLocationPolicy)
    {
        Evidence = evidence;
        FromUnknownLocationPolicy = fromUnknownLocationPolicy;
        var zones = new List<DateTimeZone>();
        foreach (var e in evidence)
        {
            if (!zones.Exists(z => z.Id == e.Zone.Id))
            {
                zones.Add(e.Zone);
            }
        }

        Zones = [.. zones];
    }

    public IReadOnlyList<ZoneEvidence> Evidence { get; }

    private CalendarMerge? calendars;

    /// <summary>Distinct zones, precomputed so the hot path does not enumerate evidence.</summary>
    public DateTimeZone[] Zones { get; }

    /// <summary>True when no evidence placed the consumer and the default policy supplied the zones.</summary>
    public bool FromUnknownLocationPolicy { get; }

    public bool IsEmpty => Zones.Length == 0;

    public bool IsMultiple => Zones.Length > 1;

    public string Describe() => string.Join(", ", Zones.Select(z => z.Id));

    /// <summary>
    /// These zones plus any of <paramref name="collector"/> not among them (the §2.5 conservative calendars). The set is
    /// immutable and evaluated many times, so the merge is kept for the last collector set asked for.
    /// </summary>
    public DateTimeZone[] WithCalendars(DateTimeZone[] collector)
    {
        if (calendars is { } cached && ReferenceEquals(cached.Collector, collector))
        {
            return cached.Merged;
        }

        var merged = Zones;
        foreach (var z in collector)
        {
            if (!Array.Exists(merged, x => x.Id == z.Id))
            {
                merged = [.. merged, z];
            }
        }

        calendars = new CalendarMerge(collector, merged);
        return merged;
    }

    private sealed record CalendarMerge(DateTimeZone[] Collector, DateTimeZone[] Merged);
}

/// <summary>
/// Builds candidate zones from the postal address (US state and ZIP, including split states; UK postcode),
/// each phone's area code (libphonenumber's time-zone mapper) and what the consumer said.
/// </summary>
public static class ZoneResolver
{
    private static readonly IDateTimeZoneProvider Tzdb = DateTimeZoneProviders.Tzdb;

    /// <summary>Every zone a person in one of the 50 states can be in (§2.1 unknown-location policy).</summary>
    public static readonly IReadOnlyList<string> AllFiftyStates =
    [
        "Pacific/Honolulu", "America/Adak", "America/Anchorage", "America/Los_Angeles", "America/Phoenix", "America/Denver",
        "America/Boise", "America/Chicago", "America/Indiana/Indianapolis", "America/Detroit", "America/New_York",
    ];

    // States wholly in one zone; the rest are split and resolved by ZIP prefix below, or by all their zones.
    private static readonly FrozenDictionary<string, string[]> StateZones = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["AL"] = ["America/Chicago"],
        ["AK"] = ["America/Anchorage", "America/Adak"],
        ["AZ"] = ["America/Phoenix", "America/Denver"],
        ["AR"] = ["America/Chicago"],
        ["CA"] = ["America/Los_Angeles"],
        ["CO"] = ["America/Denver"],
        ["CT"] = ["America/New_York"],
        ["DE"] = ["America/New_York"],
        ["DC"] = ["America/New_York"],
        ["FL"] = ["America/New_York", "America/Chicago"],
        ["GA"] = ["America/New_York"],
        ["HI"] = ["Pacific/Honolulu"],
        ["ID"] = ["America/Boise", "America/Los_Angeles"],
        ["IL"] = ["America/Chicago"],
        ["IN"] = ["America/Indiana/Indianapolis", "America/Chicago"],
        ["IA"] = ["America/Chicago"],
        ["KS"] = ["America/Chicago", "America/Denver"],
        ["KY"] = ["America/New_York", "America/Chicago"],
        ["LA"] = ["America/Chicago"],
        ["ME"] = ["America/New_York"],
        ["MD"] = ["America/New_York"],
        ["MA"] = ["America/New_York"],
        ["MI"] = ["America/Detroit", "America/Menominee"],
        ["MN"] = ["America/Chicago"],
        ["MS"] = ["America/Chicago"],
        ["MO"] = ["America/Chicago"],
        ["MT"] = ["America/Denver"],
        ["NE"] = ["America/Chicago", "America/Denver"],
        ["NV"] = ["America/Los_Angeles", "America/Denver"],
        ["NH"] = ["America/New_York"],
        ["NJ"] = ["America/New_York"],
        ["NM"] = ["America/Denver"],
        ["NY"] = ["America/New_York"],
        ["NC"] = ["America/New_York"],
        ["ND"] = ["America/Chicago", "America/Denver"],
        ["OH"] = ["America/New_York"],
        ["OK"] = ["America/Chicago"],
        ["OR"] = ["America/Los_Angeles", "America/Boise"],
        ["PA"] = ["America/New_York"],
        ["RI"] = ["America/New_York"],
        ["SC"] = ["America/New_York"],
        ["SD"] = ["America/Chicago", "America/Denver"],
        ["TN"] = ["America/Chicago", "America/New_York"],
        ["TX"] = ["America/Chicago", "America/Denver"],
        ["UT"] = ["America/Denver"],
        ["VT"] = ["America/New_York"],
        ["VA"] = ["America/New_York"],
        ["WA"] = ["America/Los_Angeles"],
        ["WV"] = ["America/New_York"],
        ["WI"] = ["America/Chicago"],
        ["WY"] = ["America/Denver"],
        ["PR"] = ["America/Puerto_Rico"],
        ["GU"] = ["Pacific/Guam"],
        ["VI"] = ["America/St_Thomas"],
        ["AS"] = ["Pacific/Pago_Pago"],
        ["MP"] = ["Pacific/Saipan"],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // ZIP3 prefixes that settle a split state to one zone; prefixes absent here keep every zone of the state.
    private static readonly FrozenDictionary<string, string> SplitStateZip3 = BuildZip3();

    private static FrozenDictionary<string, string> BuildZip3()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        void Range(int from, int to, string zone)
        {
            for (var z = from; z <= to; z++)
            {
                map[z.ToString("000", System.Globalization.CultureInfo.InvariantCulture)] = zone;
            }
        }

        Range(320, 323, "America/New_York"); // Florida peninsula and Tallahassee
        Range(326, 349, "America/New_York");
        Range(324, 325, "America/Chicago"); // Panama City, Pensacola
        Range(750, 797, "America/Chicago"); // Texas except the far west
        Range(799, 799, "America/Denver"); // El Paso (798 also holds Central Culberson County: both zones)
        Range(885, 885, "America/Denver"); // El Paso
        Range(400, 418, "America/New_York"); // Kentucky east of Bowling Green
        Range(425, 427, "America/New_York");
        Range(420, 424, "America/Chicago");
        Range(370, 372, "America/Chicago"); // Middle and West Tennessee
        Range(375, 375, "America/Chicago"); // Memphis
        Range(380, 385, "America/Chicago");
        Range(373, 374, "America/New_York"); // Chattanooga, Knoxville, the Tri-Cities
        Range(376, 379, "America/New_York");
        Range(460, 462, "America/Indiana/Indianapolis");
        Range(465, 475, "America/Indiana/Indianapolis");
        Range(478, 479, "America/Indiana/Indianapolis");
        Range(463, 464, "America/Chicago"); // Gary
        Range(476, 477, "America/Chicago"); // Evansville
        Range(480, 497, "America/Detroit");
        Range(832, 837, "America/Boise");
        Range(838, 838, "America/Los_Angeles");
        Range(970, 978, "America/Los_Angeles");
        Range(979, 979, "America/Boise");
        Range(850, 853, "America/Phoenix");
        Range(855, 857, "America/Phoenix");
        Range(859, 860, "America/Phoenix");
        Range(863, 864, "America/Phoenix"); // 865 holds the Navajo Nation, which keeps DST: both zones
        Range(889, 891, "America/Los_Angeles"); // Las Vegas
        Range(893, 895, "America/Los_Angeles");
        Range(897, 897, "America/Los_Angeles");
        Range(660, 676, "America/Chicago"); // Kansas except the four western counties (in 677 and 678)
        Range(679, 679, "America/Chicago");
        Range(680, 691, "America/Chicago"); // Nebraska east of Cherry County (692 is split)
        Range(693, 693, "America/Denver"); // the Panhandle
        Range(580, 584, "America/Chicago"); // North Dakota east
        Range(587, 587, "America/Chicago");
        Range(586, 586, "America/Denver"); // Dickinson (585 and 588 mix Central and Mountain counties)
        Range(570, 574, "America/Chicago"); // South Dakota east
        Range(577, 577, "America/Denver");
        Range(995, 999, "America/Anchorage");
        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The tzdb zone for an IANA id, or null when tzdb has none (the reader reports it as malformed).</summary>
    public static DateTimeZone? Zone(string id) => Tzdb.GetZoneOrNull(id);

    /// <summary>Zones of a US state, narrowed by the ZIP's first three digits where the state is split.</summary>
    public static IReadOnlyList<DateTimeZone> ForUsAddress(string state, string? zip)
    {
        if (!StateZones.TryGetValue(state.ToUpperInvariant(), out var zones))
        {
            return [];
        }

        if (zones.Length > 1 && zip is { Length: >= 3 } && SplitStateZip3.TryGetValue(zip[..3], out var narrowed) && zones.Contains(narrowed))
        {
            return [Tzdb[narrowed]];
        }

        return [.. zones.Select(z => Tzdb[z])];
    }

    /// <summary>Every UK postcode is in Europe/London; a malformed postcode gives none.</summary>
    public static IReadOnlyList<DateTimeZone> ForUkPostcode(string postcode) =>
        System.Text.RegularExpressions.Regex.IsMatch(postcode.Trim(), "^[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}$")
            ? [Tzdb["Europe/London"]]
            : [];

    /// <summary>Zones libphonenumber maps a geographic number's area code to; none for toll-free, VoIP or unparseable numbers.</summary>
    public static IReadOnlyList<DateTimeZone> ForPhone(string e164)
    {
        PhoneNumber number;
        try
        {
            number = PhoneNumberUtil.GetInstance().Parse(e164, null);
        }
        catch (NumberParseException)
        {
            return [];
        }

        var type = PhoneNumberUtil.GetInstance().GetNumberType(number);
        if (type is PhoneNumberType.TOLL_FREE or PhoneNumberType.VOIP or PhoneNumberType.PREMIUM_RATE or PhoneNumberType.SHARED_COST
            or PhoneNumberType.PERSONAL_NUMBER or PhoneNumberType.UAN)
        {
            return [];
        }

        return
        [
            .. PhoneNumberToTimeZonesMapper.GetInstance().GetTimeZonesForGeographicalNumber(number)
                .Where(id => !string.Equals(id, "Etc/Unknown", StringComparison.Ordinal))
                .Select(Tzdb.GetZoneOrNull)
                .OfType<DateTimeZone>(),
        ];
    }

    /// <summary>The all-50-states candidate set.</summary>
    public static IReadOnlyList<ZoneEvidence> AllFiftyStatesEvidence() =>
        [.. AllFiftyStates.Select(id => new ZoneEvidence(Tzdb[id], ZoneSource.UnknownLocationPolicy, "location unknown: all 50 states"))];
}

/// <summary>
/// Each phone number's zones (<see cref="ZoneResolver.ForPhone"/>) looked up once for a run of many evaluations:
/// libphonenumber's parse and number type were an eighth of planning's CPU, and a planner asks again for every
/// channel and hour it tries. Thread-safe; bounded, so a run over a large book does not hold every number it met.
/// </summary>
public sealed class PhoneZoneCache
{
    private const int MaxNumbers = 200_000;

    private readonly ConcurrentDictionary<string, IReadOnlyList<DateTimeZone>> zones = new(StringComparer.Ordinal);

    // Counted here: the dictionary's own Count takes every lock, which serialised the planner's threads.
    private int added;

    public IReadOnlyList<DateTimeZone> ForPhone(string e164)
    {
        if (zones.TryGetValue(e164, out var known))
        {
            return known;
        }

        var found = ZoneResolver.ForPhone(e164);
        if (Interlocked.Increment(ref added) > MaxNumbers)
        {
            zones.Clear();
            Interlocked.Exchange(ref added, 0);
        }

        zones[e164] = found;
        return found;
    }
}
