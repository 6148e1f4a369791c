using NodaTime;

namespace Parley.Modules.Compliance.Engine;

/// <summary>What to assume when nothing places a US consumer (catalogue §2.1).</summary>
public enum UnknownLocationPolicy
{
    /// <summary>Intersect the 08:00–21:00 windows of every US state's zones (08:00 HST to 21:00 ET).</summary>
    AllFiftyStates,

    /// <summary>No phone or electronic contact until a location is established.</summary>
    NoPhoneOrElectronicContact,
}

/// <summary>
/// Per-deployment choices where the catalogue leaves a contested point open. Defaults are the conservative
/// readings the catalogue recommends; every field names the catalogue point it settles.
/// </summary>
public sealed record ComplianceOptions
{
    public static readonly ComplianceOptions Default = new();

    /// <summary>§0.3: apply the Reg F contact rules to first-party collections as well.</summary>
    public bool ApplyRegFToFirstPartyCollections { get; init; } = true;

    /// <summary>US-REGF-TIME-8TO9: operational buffer added inside both ends of 08:00–21:00 (dialler and gateway latency).</summary>
    public Duration ContactWindowBuffer { get; init; } = Duration.Zero;

    /// <summary>§2.1: the policy for a US consumer with no location evidence.</summary>
    public UnknownLocationPolicy UnknownUsLocation { get; init; } = UnknownLocationPolicy.AllFiftyStates;

    private readonly IReadOnlyList<string> collectorCalendarZones = ["America/New_York"];

    /// <summary>§2.5: frequency must also pass in these calendars (the collector's), not only the consumer's.</summary>
    public IReadOnlyList<string> CollectorCalendarZones
    {
        get => collectorCalendarZones;
        init
        {
            collectorCalendarZones = value;
            CollectorCalendars = Resolve(value);
        }
    }

    /// <summary>The collector calendars as tzdb zones, resolved once rather than per evaluation (unknown ids are skipped).</summary>
    internal DateTimeZone[] CollectorCalendars { get; private init; } = Resolve(["America/New_York"]);

    /// <summary>§2.7: one same-medium reply to a consumer-initiated contact is allowed even outside 08:00–21:00.</summary>
    public bool AllowOneReplyOutsideDefaultHours { get; init; } = true;

    /// <summary>US-REGF-HARASS-GENERAL platform caps (policy, not law).</summary>
    public int SmsPerDayCap { get; init; } = 1;

    public int SmsPerSevenDaysCap { get; init; } = 3;

    public int EmailPerDayCap { get; init; } = 1;

    /// <summary>§2.9: days a breathing space stays treated as active after its notified end.</summary>
    public int BreathingSpaceEndMarginDays { get; init; } = 1;

    /// <summary>UK-CONC-CONTACT-TIMES: no contact on Sundays or England and Wales bank holidays (policy).</summary>
    public bool UkNoSundaysOrBankHolidays { get; init; } = true;

    /// <summary>US-MA-CALLFREQ-2IN7: count attempts that never reached the consumer (conservative).</summary>
    public bool MassachusettsCountsUnconnectedAttempts { get; init; } = true;

    /// <summary>US-NYC-FREQ-3IN7: first date the amended rule is applied; null applies it always (its date is unverified).</summary>
    public LocalDate? NycFrequencyEffectiveFrom { get; init; }

    /// <summary>UK-FG21-VULNERABILITY: route every contact with a customer showing vulnerability to trained staff.</summary>
    public bool RouteVulnerableCustomerContacts { get; init; } = true;

    /// <summary>US-FAIRNESS-4-5THS threshold.</summary>
    public decimal AdverseImpactRatioThreshold { get; init; } = 0.80m;

    /// <summary>UK-GDPR-ART22A-D commencement (SI 2026/82).</summary>
    public LocalDate UkArticle22ACommencement { get; init; } = new(2026, 2, 5);

    /// <summary>US-REGF-PASSIVE-COLLECTION: days to wait after mailing before first furnishing.</summary>
    public int PassiveCollectionWaitDays { get; init; } = 14;

    /// <summary>EU-AIACT-ANNEXIII-5B: treat collections scoring models as in scope (contested; conservative).</summary>
    public bool TreatCollectionsModelsAsHighRiskAi { get; init; } = true;

    /// <summary>EU-AIACT-ANNEXIII-5B: date Annex III obligations apply (2 Aug 2026; a postponement is unverified).</summary>
    public LocalDate AiActAnnexIiiApplies { get; init; } = new(2026, 8, 2);

    private static DateTimeZone[] Resolve(IReadOnlyList<string> ids) =>
        [.. ids.Select(DateTimeZoneProviders.Tzdb.GetZoneOrNull).OfType<DateTimeZone>().DistinctBy(z => z.Id)];
}
