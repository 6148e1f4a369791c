using NodaTime;
using Parley.Modules.Compliance.Contracts;
using Parley.SharedKernel;

namespace Parley.Modules.Outreach.Contracts;

/// <summary>Why a message is sent: a step of the contact ladder, or a notice the law requires.</summary>
public enum MessagePurpose
{
    Reminder,
    Offer,
    CheckIn,

    /// <summary>The Reg F validation notice (Model Form B-1), sent within five days of the first communication.</summary>
    ValidationNotice,
}

/// <summary>How a message speaks: gently, plainly or firmly (never threatening; the gate and the templates' approval keep it so).</summary>
public enum MessageTone
{
    Supportive,
    Neutral,
    Direct,
}

/// <summary>
/// Which template renders a message: its purpose, channel, language (BCP 47 primary tag, <c>en</c>, <c>es</c>) and tone.
/// A template library holds at most one approved version per key at a time.
/// </summary>
public sealed record TemplateKey(MessagePurpose Purpose, ContactChannel Channel, string Language, MessageTone Tone);

/// <summary>
/// Outbox event <c>outreach.message_received</c>: a customer wrote to us (an SMS or e-mail reply, stored on the
/// account). The Care module reads it to find disputes, distress and vulnerability. <paramref name="Text"/> is the new
/// part of the message (quoted threads and signatures removed where they can be told apart).
/// </summary>
public sealed record InboundMessageReceived(Guid MessageId, AccountId Account, ContactChannel Channel, Instant At, string Text)
{
    public const string EventType = "outreach.message_received";
}
