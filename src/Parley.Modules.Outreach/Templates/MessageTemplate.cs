using NodaTime;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Outreach.Contracts;
using Parley.SharedKernel;

namespace Parley.Modules.Outreach.Templates;

/// <summary>
/// One version of a message template for a key (purpose × channel × language × tone). A draft may be edited; once
/// approved a version is never changed again, and approving it retires the key's previously approved version.
/// </summary>
public sealed class MessageTemplate
{
    private MessageTemplate()
    {
        Language = "";
        Name = "";
        Body = "";
        DraftedBy = "";
    }

    public MessageTemplate(TemplateKey key, int version, string name, string? subject, string body, string draftedBy, Instant draftedAt)
    {
        Id = MessageTemplateId.New();
        Purpose = key.Purpose;
        Channel = key.Channel;
        Language = key.Language;
        Tone = key.Tone;
        Version = version;
        Name = name;
        Subject = subject;
        Body = body;
        DraftedBy = draftedBy;
        DraftedAt = draftedAt;
        Status = TemplateStatus.Draft;
    }

    public MessageTemplateId Id { get; private set; }

    public MessagePurpose Purpose { get; private set; }

    public ContactChannel Channel { get; private set; }

    public string Language { get; private set; }

    public MessageTone Tone { get; private set; }

    public int Version { get; private set; }

    public string Name { get; private set; }

    public TemplateStatus Status { get; private set; }

    public string? Subject { get; private set; }

    public string Body { get; private set; }

    public string DraftedBy { get; private set; }

    public Instant DraftedAt { get; private set; }

    public string? ApprovedBy { get; private set; }

    public Instant? ApprovedAt { get; private set; }

    public string? RetiredBy { get; private set; }

    public Instant? RetiredAt { get; private set; }

    public TemplateKey Key => new(Purpose, Channel, Language, Tone);

    public void Edit(string name, string? subject, string body, string by, Instant at)
    {
        if (Status != TemplateStatus.Draft)
        {
            throw new DomainException(new TemplateNotEditable(Id, Version, Status));
        }

        Name = name;
        Subject = subject;
        Body = body;
        DraftedBy = by;
        DraftedAt = at;
    }

    public void Approve(string by, Instant at)
    {
        if (Status != TemplateStatus.Draft)
        {
            throw new DomainException(new TemplateNotADraft(Id, Version, Status));
        }

        Status = TemplateStatus.Approved;
        ApprovedBy = by;
        ApprovedAt = at;
    }

    public void Retire(string by, Instant at)
    {
        if (Status == TemplateStatus.Retired)
        {
            throw new DomainException(new TemplateAlreadyRetired(Id, Version));
        }

        Status = TemplateStatus.Retired;
        RetiredBy = by;
        RetiredAt = at;
    }

    public TemplateVersionView ToView() =>
        new(Id, Key, Name, Version, Status, Subject, Body, DraftedBy, DraftedAt, ApprovedBy, ApprovedAt, RetiredBy, RetiredAt);
}
