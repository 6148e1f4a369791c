using NodaTime;
using Parley.Modules.Compliance.Contracts;
using Parley.SharedKernel;

// The pages' and endpoints' view of the channels (the host may use only a module's Contracts namespace).
namespace Parley.Modules.Outreach.Contracts;

/// <summary>Whether e-mails and texts go to the development outbox (nothing configured) or leave for real.</summary>
public sealed record GetChannelSetupRequest;

public sealed record ChannelSetupView(bool EmailToDevOutbox, bool SmsToDevOutbox, string SmsProvider)
{
    public bool DevOutboxInUse => EmailToDevOutbox || SmsToDevOutbox;
}

/// <summary>The newest messages in the development outbox (at most <paramref name="Take"/>, 1–500).</summary>
public sealed record ListDevOutboxRequest(int Take = 100);

/// <summary>What the development outbox would have sent: where to (masked in the list), what, and what became of it.</summary>
public sealed record DevOutboxSummary(Guid Id, AccountId AccountId, ContactChannel Channel, string To, string? Subject, string Preview, Instant At, string Status);

public sealed record GetDevOutboxMessageRequest(Guid Id);

/// <summary>One message whole: the rendered text and HTML, and the headers as they would have been sent.</summary>
public sealed record DevOutboxMessageView(
    Guid Id, AccountId AccountId, ContactChannel Channel, string To, string? Subject, string Text, string? Html, string Headers, string Language, Instant At, string Status);

/// <summary>Someone playing the customer answers a development-outbox message; it goes through the same inbound use case as a provider's webhook.</summary>
public sealed record ReplyToDevOutboxMessageRequest(Guid Id, string Text);

/// <summary>The next planned e-mail or text of the actor's creditors: what an empty development outbox waits for.</summary>
public sealed record GetNextPlannedMessageRequest;

/// <summary>When the next e-mail or text is due and the customer's time zone (to show it in their time).</summary>
public sealed record NextPlannedMessage(ContactChannel Channel, Instant DueAt, string TimeZone);
