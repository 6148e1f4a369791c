using Parley.Modules.Outreach.Contracts;
using Parley.SharedKernel;

namespace Parley.Modules.Outreach.Templates;

public sealed record TemplateNotFound(MessageTemplateId Template)
    : DomainError("outreach.template_not_found", $"Template {Template} does not exist.", ErrorKind.NotFound);

public sealed record TemplateNotEditable(MessageTemplateId Template, int Version, TemplateStatus Status)
    : DomainError("outreach.template_not_editable", $"Version {Version} is {Status.ToString().ToLowerInvariant()} and is never edited; save a new draft instead.", ErrorKind.Conflict);

public sealed record TemplateNotADraft(MessageTemplateId Template, int Version, TemplateStatus Status)
    : DomainError("outreach.template_not_a_draft", $"Only a draft can be approved; version {Version} is {Status.ToString().ToLowerInvariant()}.", ErrorKind.Conflict);

public sealed record TemplateAlreadyRetired(MessageTemplateId Template, int Version)
    : DomainError("outreach.template_already_retired", $"Version {Version} is already retired.", ErrorKind.Conflict);

/// <summary>No version of the key is approved, so nothing can be sent with it.</summary>
public sealed record NoApprovedTemplate(TemplateKey Key)
    : DomainError("outreach.no_approved_template", $"No approved template for {TemplateKeys.Describe(Key)}.", ErrorKind.NotFound);

/// <summary>A template field that cannot hold (the key, name, subject or body), named by its field.</summary>
public sealed record TemplateFieldInvalid(string Field, string Why)
    : DomainError("outreach.template_invalid", $"'{Field}' {Why}.", ErrorKind.Validation)
{
    public override IReadOnlyDictionary<string, string[]>? FieldErrors => new Dictionary<string, string[]> { [Field] = [Detail] };
}

/// <summary>The template does not render: a syntax error, an unknown variable or filter, an unknown disclosure.</summary>
public sealed record TemplateDoesNotRender(string Problem)
    : DomainError("outreach.template_does_not_render", Problem, ErrorKind.Validation)
{
    public override IReadOnlyDictionary<string, string[]>? FieldErrors => new Dictionary<string, string[]> { ["body"] = [Detail] };
}

/// <summary>The post-render check: the message lacks a disclosure the law requires for its channel, purpose and jurisdiction.</summary>
public sealed record DisclosureMissing(string Disclosure, TemplateKey Key, string Jurisdiction)
    : DomainError(
        "outreach.disclosure_missing",
        $"The message lacks the '{Disclosure}' disclosure ({LockedDisclosures.Describe(Disclosure)}), required for {TemplateKeys.Describe(Key)} to a customer in {Jurisdiction}; add {{% disclosure '{Disclosure}' %}}.",
        ErrorKind.Validation)
{
    public override IReadOnlyDictionary<string, string[]>? FieldErrors => new Dictionary<string, string[]> { ["body"] = [Detail] };

    public override IReadOnlyDictionary<string, object?>? Extensions => new Dictionary<string, object?> { ["disclosure"] = Disclosure };
}

/// <summary>Approval refused: rendering the draft for a demo account found problems, listed.</summary>
public sealed record TemplateCheckFailed(IReadOnlyList<string> Problems)
    : DomainError("outreach.template_check_failed", $"The template cannot be approved: {string.Join(" ", Problems)}", ErrorKind.Validation)
{
    public override IReadOnlyDictionary<string, string[]>? FieldErrors => new Dictionary<string, string[]> { ["body"] = [.. Problems] };
}

/// <summary>How a key reads in a sentence ("a supportive reminder by SMS in Spanish").</summary>
public static class TemplateKeys
{
    public static string Describe(TemplateKey key) =>
        $"a {key.Tone.ToString().ToLowerInvariant()} {Purpose(key.Purpose)} by {Channel(key.Channel)} in {Language(key.Language)}";

    public static string Purpose(MessagePurpose purpose) => purpose switch
    {
        MessagePurpose.Reminder => "reminder",
        MessagePurpose.Offer => "offer",
        MessagePurpose.CheckIn => "check-in",
        MessagePurpose.ValidationNotice => "validation notice",
    };

    public static string Channel(Compliance.Contracts.ContactChannel channel) => channel switch
    {
        Compliance.Contracts.ContactChannel.Email => "e-mail",
        Compliance.Contracts.ContactChannel.Sms => "SMS",
        Compliance.Contracts.ContactChannel.Letter => "letter",
        Compliance.Contracts.ContactChannel.Call => "call",
    };

    public static string Language(string language) => language switch
    {
        "en" => "English",
        "es" => "Spanish",
        _ => language,
    };
}
