using NodaTime;
using Parley.Modules.Compliance.Contracts;
using Parley.SharedKernel;

namespace Parley.Modules.Outreach.Contracts;

/// <summary>One version of a message template.</summary>
public readonly record struct MessageTemplateId(Guid Value) : IStronglyTypedId<MessageTemplateId>
{
    public static MessageTemplateId New() => new(NewId.Next());
    public static MessageTemplateId From(Guid value) => new(value);
    public static bool TryParse(string? s, IFormatProvider? provider, out MessageTemplateId result) => ParseId.Try(s, out result);
    public override string ToString() => Value.ToString();
}

/// <summary>A template version's life: drafted by staff, approved by Compliance (then used), retired when a later one is approved or by hand.</summary>
public enum TemplateStatus
{
    Draft,
    Approved,
    Retired,
}

/// <summary>One version of a template as the library shows it.</summary>
/// <param name="Body">The Liquid source; locked disclosures appear as <c>{% disclosure 'debt-collector' %}</c>.</param>
public sealed record TemplateVersionView(
    MessageTemplateId Id,
    TemplateKey Key,
    string Name,
    int Version,
    TemplateStatus Status,
    string? Subject,
    string Body,
    string DraftedBy,
    Instant DraftedAt,
    string? ApprovedBy,
    Instant? ApprovedAt,
    string? RetiredBy,
    Instant? RetiredAt);

/// <summary>One key of the library: its newest version and the version in use (approved), if any.</summary>
public sealed record TemplateSummaryView(TemplateKey Key, string Name, TemplateVersionView Latest, int? ApprovedVersion);

/// <summary>Lists the library, one row per key, filtered by any of the key's parts and by the newest version's status.</summary>
public sealed record ListTemplatesRequest(
    MessagePurpose? Purpose = null,
    ContactChannel? Channel = null,
    string? Language = null,
    MessageTone? Tone = null,
    TemplateStatus? Status = null);

/// <summary>Asks for one template version with every version of its key (newest first).</summary>
public sealed record GetTemplateRequest(MessageTemplateId Template);

public sealed record TemplateDetails(TemplateVersionView Template, IReadOnlyList<TemplateVersionView> Versions);

/// <summary>
/// Saves a draft for a key: the key's newest version when it is still a draft is replaced, otherwise a new draft
/// version is added. Approved and retired versions are never changed.
/// </summary>
/// <param name="Subject">E-mail only; null for SMS and letters.</param>
public sealed record SaveTemplateDraftRequest(TemplateKey Key, string Name, string? Subject, string Body);

/// <summary>Approves a draft (Compliance only) after rendering it for the built-in demo accounts; the key's approved version before it is retired.</summary>
public sealed record ApproveTemplateRequest(MessageTemplateId Template);

/// <summary>Retires a version: an approved one stops being used (its key then has none until another is approved).</summary>
public sealed record RetireTemplateRequest(MessageTemplateId Template);

/// <summary>
/// Renders Liquid source for a key without saving it, for an account the actor may see or, with none, the built-in
/// demo account (in the key's language).
/// </summary>
public sealed record PreviewTemplateRequest(TemplateKey Key, string? Subject, string Body, AccountId? Account = null);

/// <summary>A plain-language score: the reading grade (school year) a reader needs, by the formula for the language.</summary>
/// <param name="Formula">Flesch–Kincaid (English) or Fernández-Huerta (Spanish, mapped to a grade).</param>
public sealed record ReadingGrade(decimal Grade, string Formula, int Words, int Sentences, int Syllables);

/// <summary>
/// What a template renders to. <paramref name="Problems"/> are in plain words (an unknown variable, a missing
/// disclosure, a syntax error); a template with problems cannot be approved.
/// </summary>
public sealed record TemplatePreview(
    string? Subject,
    string Text,
    string? Html,
    IReadOnlyList<string> Disclosures,
    IReadOnlyList<string> RequiredDisclosures,
    IReadOnlyList<string> Problems,
    ReadingGrade? Grade,
    int? SmsSegments,
    string AccountShown);

/// <summary>Installs the approved default library when the template library is empty (host start-up); answers how many it installed.</summary>
public sealed record InstallDefaultTemplatesRequest;
