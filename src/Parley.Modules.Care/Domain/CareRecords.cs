using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Care.Contracts;
using Parley.SharedKernel;

namespace Parley.Modules.Care.Domain;

/// <summary>A flag as stored on a reading (flagged labels only; the summary probabilities are columns).</summary>
public sealed record StoredFlag(string Code, double Probability, string Source);

/// <summary>
/// An evidence span as stored: a span of a reading's cleaned text and the rule that matched, never the words (the text
/// is encrypted; the phrase is cut from it on read). <paramref name="ReadingId"/> names the reading on a vulnerability
/// record, whose evidence may come from several; on a reading it is null (the reading itself).
/// </summary>
public sealed record StoredEvidence(string Code, int Start, int Length, string Rule, Guid? ReadingId = null)
{
    /// <summary>The words the span marks in <paramref name="text"/>, or nothing when it no longer fits (text erased).</summary>
    public string PhraseIn(string text) => Start >= 0 && Length >= 0 && Start <= text.Length - Length ? text.Substring(Start, Length) : "";
}

/// <summary>One line of an item's or record's log: what was done, by whom, and why; <paramref name="Hold"/> links the hold it acted on.</summary>
public sealed record CareLogEntry(Instant At, string By, string Action, string Reason, Guid? Hold = null);

/// <summary>
/// What Care read in one message or note, once: unique on <see cref="MessageId"/>, so a re-delivered event (or a second
/// node) stores nothing twice. The cleaned text is kept (encrypted) because the evidence spans index it.
/// </summary>
public sealed class CareReading
{
    private CareReading()
    {
        Source = "";
        ModelVersion = "";
        Text = "";
        Flags = [];
        Tone = [];
        Evidence = [];
    }

    public CareReading(AccountId accountId, Guid messageId, string source, CareClassification c, Instant readAt)
    {
        Id = NewId.Next();
        AccountId = accountId;
        MessageId = messageId;
        Source = source;
        ModelVersion = c.ModelVersion;
        Text = c.Text;
        Dispute = c.Dispute.Probability;
        Distress = c.Distress.Probability;
        Crisis = c.Crisis.Probability;
        Flags = [.. c.FlaggedIntents.Concat(c.FlaggedVulnerability).Select(f => new StoredFlag(f.Code, Math.Round(f.Probability, 4), f.Source.ToString()))];
        if (c.Dispute.Flagged)
        {
            Flags.Add(new StoredFlag(CareLabels.Code(CareLabel.Dispute), Math.Round(c.Dispute.Probability, 4), c.Dispute.Source.ToString()));
        }

        if (c.Distress.Flagged)
        {
            Flags.Add(new StoredFlag(CareLabels.Code(CareLabel.Distress), Math.Round(c.Distress.Probability, 4), c.Distress.Source.ToString()));
        }

        if (c.Crisis.Flagged)
        {
            Flags.Add(new StoredFlag(CareLabels.Code(CareLabel.Crisis), Math.Round(c.Crisis.Probability, 4), c.Crisis.Source.ToString()));
        }

        Evidence = [.. c.Evidence.Select(e => new StoredEvidence(e.Code, e.Start, e.Length, e.Rule))];

        // The tone an agent reads at a glance: the strongest flagged emotions, neutral left out.
        Tone = [.. c.FlaggedEmotions.Where(e => e.Emotion != "neutral").OrderByDescending(e => e.Probability).Take(MaxTone).Select(e => e.Emotion)];
        ReadAt = readAt;
    }

    /// <summary>Emotions kept in a reading's tone: a glance, not a profile.</summary>
    public const int MaxTone = 3;

    public Guid Id { get; private set; }

    public AccountId AccountId { get; private set; }

    /// <summary>The Outreach message id, or the note's own id for text staff submitted.</summary>
    public Guid MessageId { get; private set; }

    /// <summary><c>sms</c>, <c>email</c>, <c>note</c> or <c>transcript</c>.</summary>
    public string Source { get; private set; }

    public string ModelVersion { get; private set; }

    public string Text { get; private set; }

    public double Dispute { get; private set; }

    public double Distress { get; private set; }

    public double Crisis { get; private set; }

    public List<StoredFlag> Flags { get; private set; }

    public List<StoredEvidence> Evidence { get; private set; }

    /// <summary>The flagged GoEmotions emotions, strongest first (at most <see cref="MaxTone"/>).</summary>
    public List<string> Tone { get; private set; }

    public Instant ReadAt { get; private set; }

    /// <summary>Retention: drops the special-category flags and spans (<paramref name="special"/> codes) and the distress score; legal intents stay.</summary>
    public void EraseSpecialCategory(Func<string, bool> special)
    {
        Flags = [.. Flags.Where(f => !special(f.Code))];
        Evidence = [.. Evidence.Where(e => !special(e.Code))];
        Tone = [.. Tone.Where(e => !special(e))];
        Distress = 0;
    }
}

/// <summary>Something a person must do about what a customer wrote; every action on it is logged with its reason.</summary>
public sealed class CareItem
{
    private CareItem()
    {
        Labels = [];
        Log = [];
    }

    public CareItem(AccountId accountId, CreditorId creditorId, CareItemKind kind, IEnumerable<string> labels, Guid? readingId, Guid? messageId, Instant at, string why)
    {
        Id = NewId.Next();
        AccountId = accountId;
        CreditorId = creditorId;
        Kind = kind;
        Priority = CareItemKinds.Priority(kind);
        Labels = [.. labels.Distinct(StringComparer.Ordinal)];
        ReadingId = readingId;
        MessageId = messageId;
        CreatedAt = at;
        Log = [new CareLogEntry(at, CareActor.Name, "opened", why)];
    }

    public Guid Id { get; private set; }

    public AccountId AccountId { get; private set; }

    public CreditorId CreditorId { get; private set; }

    public CareItemKind Kind { get; private set; }

    public int Priority { get; private set; }

    public CareItemStatus Status { get; private set; }

    public List<string> Labels { get; private set; }

    public Guid? ReadingId { get; private set; }

    public Guid? MessageId { get; private set; }

    public HoldId? HoldId { get; private set; }

    public Guid? VulnerabilityRecordId { get; private set; }

    public Instant CreatedAt { get; private set; }

    public Instant? ResolvedAt { get; private set; }

    public string? ResolvedBy { get; private set; }

    public List<CareLogEntry> Log { get; private set; }

    public void Record(Instant at, string by, string action, string reason, HoldId? hold = null) => Log = [.. Log, new CareLogEntry(at, by, action, reason, hold?.Value)];

    public void LinkHold(HoldId hold) => HoldId = hold;

    public void LinkRecord(Guid record) => VulnerabilityRecordId = record;

    /// <summary>Another message showed the same thing while the item is open: one item, the evidence of both.</summary>
    public void AddLabels(IEnumerable<string> labels) => Labels = [.. Labels.Union(labels, StringComparer.Ordinal)];

    /// <summary>Retention: drops the special-category labels and what people wrote in the log; the actions and dates stay.</summary>
    public void EraseSpecialCategory(Func<string, bool> special, Instant at, string by)
    {
        Labels = [.. Labels.Where(l => !special(l))];
        Log = [.. Log.Select(l => l with { Reason = Erased }), new CareLogEntry(at, by, "erased", "special-category details erased (retention rule)")];
    }

    internal const string Erased = "(erased)";

    public void Resolve(CareItemStatus status, Instant at, string by, string reason)
    {
        if (Status != CareItemStatus.Open)
        {
            throw new DomainException(new CareItemAlreadyResolved(Id));
        }

        Status = status;
        ResolvedAt = at;
        ResolvedBy = by;
        Record(at, by, status == CareItemStatus.Completed ? "completed" : "dismissed", reason);
    }
}

/// <summary>
/// A proposed, confirmed or dismissed record of a customer's vulnerability (special-category data, ADR 21): proposed by
/// Care from a message, confirmed only by a person with the customer's explicit consent recorded.
/// </summary>
public sealed class VulnerabilityRecord
{
    private VulnerabilityRecord()
    {
        Drivers = [];
        Evidence = [];
        Audit = [];
    }

    public VulnerabilityRecord(AccountId accountId, CreditorId creditorId, IEnumerable<string> drivers, IEnumerable<StoredEvidence> evidence, Instant at, string why)
    {
        Id = NewId.Next();
        AccountId = accountId;
        CreditorId = creditorId;
        Drivers = [.. drivers.Distinct(StringComparer.Ordinal)];
        Evidence = [.. evidence];
        ProposedAt = at;
        Audit = [new CareLogEntry(at, CareActor.Name, "proposed", why)];
    }

    public Guid Id { get; private set; }

    public AccountId AccountId { get; private set; }

    public CreditorId CreditorId { get; private set; }

    public VulnerabilityStatus Status { get; private set; }

    public List<string> Drivers { get; private set; }

    public List<StoredEvidence> Evidence { get; private set; }

    public Instant ProposedAt { get; private set; }

    public string? ConsentGivenBy { get; private set; }

    public Instant? ConsentGivenAt { get; private set; }

    public string? ConsentHow { get; private set; }

    public string? ConsentAgreedTo { get; private set; }

    public Instant? ReviewDueAt { get; private set; }

    /// <summary>When a dismissed proposal's drivers and evidence are erased (the retention rule).</summary>
    public Instant? EraseAt { get; private set; }

    public HoldId? HoldId { get; private set; }

    public List<CareLogEntry> Audit { get; private set; }

    /// <summary>When the retention rule erased a dismissed proposal's details (the row stays as a tombstone), and who did.</summary>
    public Instant? ErasedAt { get; private set; }

    public string? ErasedBy { get; private set; }

    /// <summary>A confirmed record's review came due: a person reviews it with the customer (one item per review).</summary>
    public void ReviewDue(Instant at, string by) => Audit = [.. Audit, new CareLogEntry(at, by, "review due", "confirmed 12 months ago: a specialist reviews it with the customer")];

    /// <summary>
    /// Retention: a dismissed proposal past <see cref="EraseAt"/> keeps only its tombstone (id, account, status, dates,
    /// when and by whom it was erased); drivers, evidence, consent details and what people wrote in the audit go.
    /// </summary>
    public void Erase(Instant at, string by)
    {
        Drivers = [];
        Evidence = [];
        ConsentGivenBy = null;
        ConsentHow = null;
        ConsentAgreedTo = null;
        Audit = [.. Audit.Select(l => l with { Reason = CareItem.Erased }), new CareLogEntry(at, by, "erased", "dismissed 90 days ago: drivers, evidence and consent details erased (retention rule)")];
        ErasedAt = at;
        ErasedBy = by;
    }

    public void Add(IEnumerable<string> drivers, IEnumerable<StoredEvidence> evidence, Instant at, string why)
    {
        Drivers = [.. Drivers.Union(drivers, StringComparer.Ordinal)];
        Evidence = [.. Evidence, .. evidence];
        Audit = [.. Audit, new CareLogEntry(at, CareActor.Name, "added", why)];
    }

    public void Confirm(VulnerabilityConsent consent, HoldId? hold, Instant at, string by, string reason)
    {
        ConsentGivenBy = consent.GivenBy;
        ConsentGivenAt = consent.GivenAt;
        ConsentHow = consent.How;
        ConsentAgreedTo = consent.AgreedTo;
        Status = VulnerabilityStatus.Confirmed;
        HoldId = hold;
        // Who consented stays in its encrypted column; the audit trail is plain JSON, so it only says consent was recorded.
        ReviewDueAt = at.InUtc().LocalDateTime.Plus(CareRoles.ReviewAfter).InUtc().ToInstant();
        Audit = [.. Audit, new CareLogEntry(at, by, "confirmed with consent", $"{reason} (consent recorded on the record)")];
    }

    public void Dismiss(Instant at, string by, string reason)
    {
        Status = VulnerabilityStatus.Dismissed;
        EraseAt = at + CareRoles.DismissedKeptFor;
        Audit = [.. Audit, new CareLogEntry(at, by, "dismissed", reason)];
    }

    public void Read(Instant at, string by) => Audit = [.. Audit, new CareLogEntry(at, by, "read", "opened the record")];
}

/// <summary>A person's verdict on a flag (confirmed or overruled), kept as a label for training.</summary>
public sealed class CareLabelVerdict
{
    private CareLabelVerdict()
    {
        Label = "";
        Verdict = "";
        By = "";
        Reason = "";
    }

    public CareLabelVerdict(Guid? messageId, Guid? readingId, string label, bool upheld, string by, string reason, Instant at)
    {
        Id = NewId.Next();
        MessageId = messageId;
        ReadingId = readingId;
        Label = label;
        Verdict = upheld ? "confirmed" : "overruled";
        By = by;
        Reason = reason;
        At = at;
    }

    public Guid Id { get; private set; }

    public Guid? MessageId { get; private set; }

    public Guid? ReadingId { get; private set; }

    public string Label { get; private set; }

    public string Verdict { get; private set; }

    public string By { get; private set; }

    public string Reason { get; private set; }

    public Instant At { get; private set; }

    /// <summary>Retention: the verdict (label, confirmed or overruled) stays for training; what the person wrote goes.</summary>
    public void EraseReason() => Reason = CareItem.Erased;
}

/// <summary>Holds named in words for the log ("a dispute hold"), never by their raw id: the id is kept as data beside.</summary>
internal static class CareHolds
{
    /// <summary>The hold Care places for an item of this kind, if any.</summary>
    public static HoldType? For(CareItemKind kind) => kind switch
    {
        CareItemKind.Crisis => HoldType.VulnerabilityReview,
        CareItemKind.ValidationTask => HoldType.Dispute,
        CareItemKind.CeaseCommunication => HoldType.CeaseCommunication,
        CareItemKind.Bankruptcy => HoldType.Bankruptcy,
        CareItemKind.Deceased => HoldType.Deceased,
        CareItemKind.Attorney => HoldType.AttorneyRepresented,
        _ => null,
    };

    /// <summary>"dispute hold", "cease communication hold", "attorney represented hold".</summary>
    public static string Words(HoldType type) =>
        string.Concat(type.ToString().Select((ch, i) => i > 0 && char.IsUpper(ch) ? $" {char.ToLowerInvariant(ch)}" : char.ToLowerInvariant(ch).ToString())) + " hold";

    /// <summary>"a dispute hold", "an attorney represented hold".</summary>
    public static string AWords(HoldType type) => Words(type) is var w && "aeiou".Contains(w[0], StringComparison.Ordinal) ? $"an {w}" : $"a {w}";

    /// <summary>"a dispute hold", or "a hold" for an item Care places none for.</summary>
    public static string AWords(CareItemKind kind) => For(kind) is { } type ? AWords(type) : "a hold";
}

internal static class CareActor
{
    public const string What = "care";

    public static string Name => $"system:{What}";
}
