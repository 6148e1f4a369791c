using Parley.SharedKernel;

namespace Parley.Modules.Outreach.Inbound;

/// <summary>A field of an inbound message or webhook Parley cannot take, named.</summary>
public sealed record InboundFieldInvalid(string Field, string Why)
    : DomainError("outreach.inbound_invalid", $"The message's {Field} {Why}.", ErrorKind.Validation)
{
    public override IReadOnlyDictionary<string, string[]>? FieldErrors => new Dictionary<string, string[]> { [Field] = [Detail] };
}

public sealed record OutreachWebhookUnknown(string Provider)
    : DomainError("outreach.unknown_provider", $"No outreach provider '{Provider}' is configured.", ErrorKind.NotFound);

public sealed record OutreachWebhookSignatureInvalid()
    : DomainError("outreach.webhook_signature_invalid", $"The {SharedKernel.Webhooks.WebhookSignature.Header} header is missing or does not match the body.", ErrorKind.Unauthenticated);

public sealed record OutreachWebhookReplayed()
    : DomainError("outreach.webhook_replay", "The signature's timestamp is outside the allowed tolerance.", ErrorKind.Unauthenticated);

public sealed record OutreachWebhookTooLarge()
    : DomainError("outreach.webhook_too_large", $"Webhook bodies are limited to {SharedKernel.Webhooks.WebhookSignature.MaxBodyBytes / 1024} KiB.", ErrorKind.TooLarge);

public sealed record DevOutboxMessageNotFound(Guid Id)
    : DomainError("outreach.dev_outbox_message_not_found", $"Message {Id} is not in the development outbox.", ErrorKind.NotFound);
