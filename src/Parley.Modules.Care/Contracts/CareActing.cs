using NodaTime;
using Parley.SharedKernel;

namespace Parley.Modules.Care.Contracts;

/// <summary>What a Care item asks a person to do; the queue sorts by <see cref="CareItemKinds.Priority"/>.</summary>
public enum CareItemKind
{
    /// <summary>Self-harm or suicidal ideation: a person now, automated contact paused, support lines to hand.</summary>
    Crisis,

    /// <summary>A dispute: send the verification / validation information; the dispute hold ends when a person completes it.</summary>
    ValidationTask,
    CeaseCommunication,
    Attorney,
    Bankruptcy,
    Deceased,

    /// <summary>A vulnerability driver or distress: a specialist confirms the proposed record with the customer's consent, or dismisses it.</summary>
    Vulnerability,
    Complaint,
    AsksForPerson,

    /// <summary>A message Care could not read after its tries: a person reads it, so nothing a customer wrote is dropped.</summary>
    ReadYourself,

    /// <summary>A confirmed vulnerability record is due for review with the customer (the retention rule, 12 months after confirmation).</summary>
    VulnerabilityReview,
}

public enum CareItemStatus
{
    Open,
    Completed,
    Dismissed,
}

public static class CareItemKinds
{
    /// <summary>0 is the top of the queue: a crisis, then what the law makes urgent, then the rest.</summary>
    public static int Priority(CareItemKind kind) => kind switch
    {
        CareItemKind.Crisis => 0,
        CareItemKind.ValidationTask or CareItemKind.CeaseCommunication or CareItemKind.Attorney or CareItemKind.Bankruptcy or CareItemKind.Deceased => 1,
        CareItemKind.ReadYourself => 2,
        CareItemKind.Vulnerability or CareItemKind.VulnerabilityReview => 3,
        _ => 4,
    };

    public static string Title(CareItemKind kind) => kind switch
    {
        CareItemKind.Crisis => "Crisis: speak to the customer now",
        CareItemKind.ValidationTask => "Validation task: send the verification / validation information",
        CareItemKind.CeaseCommunication => "Cease communication: confirm and stop contact",
        CareItemKind.Attorney => "Represented by an attorney: contact the attorney, not the customer",
        CareItemKind.Bankruptcy => "Bankruptcy: check the filing and stop collection",
        CareItemKind.Deceased => "Deceased: hand to the estates / bereavement team",
        CareItemKind.Vulnerability => "Possible vulnerability: specialist to confirm with the customer's consent",
        CareItemKind.Complaint => "Complaint: log and answer it",
        CareItemKind.AsksForPerson => "Asks for a person: call or write back",
        CareItemKind.ReadYourself => "Read this message yourself: Care could not read it",
        CareItemKind.VulnerabilityReview => "Review the vulnerability record with the customer: confirmed 12 months ago",
    };
}

/// <summary>The roles that may read special-category data (vulnerability drivers, their evidence and records): ADR 21.</summary>
public static class CareRoles
{
    public static IReadOnlyList<string> SpecialCategory { get; } = [Parley.SharedKernel.Security.StaffRoles.Supervisor, Parley.SharedKernel.Security.StaffRoles.Compliance, Parley.SharedKernel.Security.StaffRoles.Admin];

    /// <summary>A confirmed record is reviewed (kept only if still true, with the customer) after this long; a dismissed proposal's drivers and evidence are erased after <see cref="DismissedKeptFor"/>.</summary>
    public static Period ReviewAfter { get; } = Period.FromMonths(12);

    public static Duration DismissedKeptFor { get; } = Duration.FromDays(90);
}

/// <summary>A crisis line for the customer's country.</summary>
public sealed record SupportLine(string Country, string Name, string Contact);

/// <summary>A flag on a reading; <paramref name="ShownOnly"/> when only the model raised it, under the probability Parley acts at: shown for a person to judge, nothing done on it.</summary>
public sealed record CareFlagView(string Code, double Probability, string Source, bool ShownOnly = false);

public sealed record CareEvidenceView(string Code, int Start, int Length, string Phrase, string Rule);

/// <summary>One reading of one message or note: what it showed, the words that showed it (spans index <paramref name="Text"/>) and its <paramref name="Tone"/> (GoEmotions emotions, strongest first).</summary>
public sealed record CareReadingView(
    Guid Id, AccountId AccountId, Guid MessageId, string Source, string ModelVersion, Instant ReadAt, string Text,
    double Dispute, double Distress, double Crisis, IReadOnlyList<CareFlagView> Flags, IReadOnlyList<CareEvidenceView> Evidence, bool SpecialCategoryHidden,
    IReadOnlyList<string> Tone);

/// <summary>One log line; <paramref name="HoldId"/> is the hold the line is about, for a link (the words name it by its type).</summary>
public sealed record CareLogEntryView(Instant At, string By, string Action, string Reason, HoldId? HoldId = null);

public sealed record CareItemView(
    Guid Id, AccountId AccountId, CareItemKind Kind, string Title, CareItemStatus Status, bool Urgent, int Priority, Instant CreatedAt,
    IReadOnlyList<string> Labels, Guid? ReadingId, Guid? MessageId, HoldId? HoldId, Guid? VulnerabilityRecordId,
    IReadOnlyList<CareEvidenceView> Evidence, IReadOnlyList<SupportLine> SupportLines, IReadOnlyList<CareLogEntryView> Log);

public sealed record CareQueueView(IReadOnlyList<CareItemView> Items);

public sealed record AccountCareView(AccountId AccountId, IReadOnlyList<CareReadingView> Readings, IReadOnlyList<CareItemView> Items);

public enum VulnerabilityStatus
{
    Proposed,
    Confirmed,
    Dismissed,
}

/// <summary>The customer's explicit consent to recording their vulnerability: who gave it, when, how and to what.</summary>
public sealed record VulnerabilityConsent(string GivenBy, Instant GivenAt, string How, string AgreedTo);

public sealed record VulnerabilityRecordView(
    Guid Id, AccountId AccountId, VulnerabilityStatus Status, IReadOnlyList<string> Drivers, IReadOnlyList<CareEvidenceView> Evidence,
    VulnerabilityConsent? Consent, Instant ProposedAt, Instant? ReviewDueAt, HoldId? HoldId, IReadOnlyList<CareLogEntryView> Audit);

// Requests.
public enum CareNoteSource
{
    Note,
    Transcript,
}

/// <summary>Text a member of staff gives Care to read: an agent's note, a call transcript.</summary>
public sealed record SubmitCareNoteRequest(AccountId Account, string Text, CareNoteSource Source = CareNoteSource.Note);

public sealed record GetCareQueueRequest(CareItemKind? Kind = null);

public sealed record GetCareItemRequest(Guid Item);

public enum CareResolution
{
    /// <summary>The flag was right and the task is done (a validation task completed ends the dispute hold).</summary>
    Complete,

    /// <summary>The flag was wrong: overruled, stored as a label for training.</summary>
    Dismiss,
}

public sealed record ResolveCareItemRequest(Guid Item, CareResolution Resolution, string Reason);

public sealed record GetAccountCareRequest(AccountId Account);

public sealed record GetVulnerabilityRecordRequest(AccountId Account);

public sealed record ConfirmVulnerabilityRequest(Guid Record, VulnerabilityConsent Consent, string Reason);

public sealed record ClassifyTextRequest(string Text, CareTextFormat Format = CareTextFormat.Plain);

// Errors (RFC 9457 problem details through the host's DomainError mapping).
public sealed record CareItemNotFound(Guid Item) : DomainError("care.item_not_found", $"Care item {Item} does not exist.", ErrorKind.NotFound);

public sealed record CareAccountNotFound(AccountId Account) : DomainError("care.account_not_found", $"Account {Account} does not exist.", ErrorKind.NotFound);

public sealed record VulnerabilityRecordNotFound(string What) : DomainError("care.vulnerability_record_not_found", $"No vulnerability record {What}.", ErrorKind.NotFound);

public sealed record CareInputInvalid(string Field, string Problem) : DomainError("care.invalid", $"{Field}: {Problem}.", ErrorKind.Validation)
{
    public override IReadOnlyDictionary<string, object?>? Extensions => new Dictionary<string, object?> { ["field"] = Field };
}

public sealed record CareItemAlreadyResolved(Guid Item) : DomainError("care.item_resolved", $"Care item {Item} is already resolved.", ErrorKind.Conflict);
