using System.Collections.Frozen;
using NodaTime;
using Parley.Modules.Compliance.Engine;
using Parley.Modules.Compliance.Time;
using Parley.SharedKernel;

using Parley.Modules.Compliance.Contracts;

namespace Parley.Modules.Compliance.Model;

public enum CollectorType
{
    ThirdPartyDebtCollector,
    FirstPartyCreditor,
    FcaAuthorisedDebtCollector,
    EuCollectionAgency,
}

public sealed record CollectorFacts(CollectorType Type, bool? FdcpaDebtCollector, IReadOnlyCollection<string> LicensedIn)
{
    public static readonly CollectorFacts DefaultThirdParty = new(CollectorType.ThirdPartyDebtCollector, true, []);
}

public enum RequestForm
{
    Unknown,
    Written,
    Oral,
    Electronic,
}

public enum BreathingSpaceType
{
    Standard,
    MentalHealthCrisis,
}

public enum Direction
{
    Outbound,
    Inbound,
}

public enum ContactOutcome
{
    Unknown,
    NoAnswer,
    VoicemailLimitedContent,
    Conversation,
    Delivered,
}

/// <summary>One past (or already scheduled) contact about a debt, as the dialler and channels recorded it.</summary>
public sealed record ContactRecord
{
    public required Channel Channel { get; init; }

    public required Instant At { get; init; }

    public Direction Direction { get; init; }

    public ContactOutcome Outcome { get; init; }

    public ContactAddress? To { get; init; }

    /// <summary>Every debt the contact was about (the scenario's <c>debt_id</c>, default <c>D1</c>).</summary>
    public IReadOnlyList<string> DebtIds { get; init; } = ["D1"];

    /// <summary>False when the call never connected to the dialled number (busy, network, intercept).</summary>
    public bool Connected { get; init; } = true;

    public bool Prerecorded { get; init; }

    public bool IsInitialCommunication { get; init; }

    public bool IsValidationNotice { get; init; }

    public bool IsLimitedContentVoicemail { get; init; }

    public bool PursuantToPriorConsent { get; init; }

    public string? Body { get; init; }

    /// <summary>The date in the offset the record was written with (the consumer-local date in scenario files).</summary>
    public LocalDate? WrittenLocalDate { get; init; }

    public bool IsAbout(string debtId)
    {
        foreach (var d in DebtIds)
        {
            if (string.Equals(d, debtId, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>A consumer-designated inconvenient time window in local time; <see cref="Days"/> empty means every day.</summary>
public sealed record InconvenientTime(LocalTime From, LocalTime To, IReadOnlyCollection<IsoDayOfWeek> Days, Instant? RecordedAt)
{
    public bool Covers(LocalDateTime local)
    {
        if (Days.Count > 0 && !Days.Contains(local.DayOfWeek))
        {
            return false;
        }

        var t = local.TimeOfDay;
        return From <= To ? t >= From && t < To : t >= From || t < To;
    }
}

public sealed record DirectPriorConsent(Instant GivenAt, string Scope, LocalDate? ForDate);

/// <summary>
/// A consumer's consent to electronic contact at one address, as structured facts (<c>consumer.electronic_consents[]</c>)
/// rather than free text: how it was given and whether and when it was revoked.
/// </summary>
public sealed record ElectronicConsent(ContactAddress Address, RequestForm Form, Instant? GivenAt, Instant? RevokedAt)
{
    /// <summary>Written on paper or signed electronically (E-SIGN): what New York and NYC ask for; oral consent is not.</summary>
    public bool InWriting => Form is RequestForm.Written or RequestForm.Electronic;

    public bool RevokedBy(Instant at) => RevokedAt is { } revoked && revoked <= at;
}

public sealed record AttorneyFacts(string? Name, string? Address, bool? RespondedRecently);

public sealed record EstateRepresentative(string? Name, string? Role, bool Verified);

public sealed record ThirdPartyAuthority(string? Type, bool Verified);

public sealed record StandardFinancialStatement(decimal? MonthlyIncome, decimal? DisposableIncome, bool? FlexibleWithinSpendingGuidelines);

public sealed record UkLimitation(string? Law, int? PeriodYears, LocalDate? LastPaymentOrAcknowledgement);

public sealed record DataSubjectRequest(string Type, Instant? ReceivedAt);

public sealed record EmailAddressFacts(string Value, bool EmployerProvided, string? Source);

/// <summary>Everything the gate knows about the person, the debt and its history. Built once; evaluated many times.</summary>
public sealed record ComplianceFacts
{
    public required Jurisdiction Jurisdiction { get; init; }

    public CollectorFacts Collector { get; init; } = CollectorFacts.DefaultThirdParty;

    public required CandidateZoneSet Zones { get; init; }

    public string? State { get; init; }

    public string? Postcode { get; init; }

    public bool CeaseRequested { get; init; }

    public RequestForm CeaseRequestForm { get; init; }

    public Instant? CeaseRequestedAt { get; init; }

    public bool DisputedUnverified { get; init; }

    public RequestForm DisputeForm { get; init; }

    public Instant? DisputeReceivedAt { get; init; }

    public bool OriginalCreditorRequested { get; init; }

    public RequestForm OriginalCreditorRequestForm { get; init; }

    public Instant? OriginalCreditorRequestedAt { get; init; }

    public LocalDate? ValidationPeriodEnd { get; init; }

    public LocalDate? BreathingSpaceStart { get; init; }

    public BreathingSpaceType? BreathingSpaceType { get; init; }

    public LocalDate? BreathingSpaceEndNotified { get; init; }

    public bool Deceased { get; init; }

    public IReadOnlySet<Channel> OptedOutChannels { get; init; } = FrozenSet<Channel>.Empty;

    public IReadOnlyList<ContactAddress> OptedOutAddresses { get; init; } = [];

    public bool Vulnerable { get; init; }

    public IReadOnlyCollection<string> VulnerabilityDrivers { get; init; } = [];

    public bool MentalCapacityConcern { get; init; }

    public bool? TimeBarred { get; init; }

    public bool AttorneyRepresented { get; init; }

    public AttorneyFacts? Attorney { get; init; }

    public bool EmployerProhibitsWorkplaceContact { get; init; }

    public bool? FirstWrittenCommunicationSinceTimeBarred { get; init; }

    public bool? WithinFcraReportingPeriod { get; init; }

    public IReadOnlyDictionary<string, string> ElectronicChannelBasis { get; init; } = FrozenDictionary<string, string>.Empty;

    public IReadOnlyDictionary<string, string> ElectronicConsentNyc { get; init; } = FrozenDictionary<string, string>.Empty;

    public IReadOnlyDictionary<string, bool> TcpaPriorExpressConsent { get; init; } = FrozenDictionary<string, bool>.Empty;

    public IReadOnlyList<DirectPriorConsent> DirectPriorConsents { get; init; } = [];

    public IReadOnlyList<ElectronicConsent> ElectronicConsents { get; init; } = [];

    public IReadOnlyList<InconvenientTime> InconvenientTimes { get; init; } = [];

    public IReadOnlyList<EmailAddressFacts> EmailAddresses { get; init; } = [];

    public EstateRepresentative? EstateRepresentative { get; init; }

    public string? AnsweringParty { get; init; }

    public ThirdPartyAuthority? ThirdPartyAuthority { get; init; }

    public bool SharedHouseholdAddress { get; init; }

    public StandardFinancialStatement? Sfs { get; init; }

    public string? UkDisputeGrounds { get; init; }

    public UkLimitation? UkLimitation { get; init; }

    /// <summary>Whether the consumer lives in New York City, whose overlay (NYC rules) applies on top of New York State's.</summary>
    public bool NycResident { get; init; }

    public IReadOnlyList<DataSubjectRequest> DataSubjectRequests { get; init; } = [];

    private readonly ContactRecord[] history = [];

    /// <summary>Contacts in time order (validated by the reader: out-of-order histories are refused).</summary>
    public IReadOnlyList<ContactRecord> History { get => history; init => history = [.. value]; }

    /// <summary>The history as an array: rules enumerate it on every evaluation, and an array's enumeration allocates nothing.</summary>
    internal ContactRecord[] HistoryArray => history;

    public bool IsNyc => NycResident;

    public bool InUsState(string state) => Jurisdiction.InState(state) || string.Equals(State, state, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the Reg F contact rules bind this collection (the platform applies them to first-party collections too by default).</summary>
    public bool RegFApplies(ComplianceOptions options) =>
        Jurisdiction.IsUs
        && (Collector.FdcpaDebtCollector == true || Collector.Type == CollectorType.ThirdPartyDebtCollector || options.ApplyRegFToFirstPartyCollections
            || InUsState("CA"));
}
