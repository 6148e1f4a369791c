using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Outreach.Channels;
using Parley.Modules.Outreach.Contracts;
using Parley.Modules.Outreach.Domain;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;
using Parley.SharedKernel.Webhooks;

namespace Parley.Modules.Outreach.Inbound;

/// <summary>A delivery report: the provider's message id and/or the send's client reference, and <c>delivered</c>, <c>failed</c> or <c>undelivered</c>.</summary>
public sealed record SmsStatusEvent(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("client_reference")] string? ClientReference,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("error")] string? Error);

/// <summary>A text the customer sent: the provider's message id, their number, our number and the text.</summary>
public sealed record SmsInboundEvent(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("from")] string? From,
    [property: JsonPropertyName("to")] string? To,
    [property: JsonPropertyName("text")] string? Text);

/// <summary><c>recorded</c>, <c>duplicate</c>, <c>ignored</c> (nothing of ours), or for inbound texts what became of the message.</summary>
public sealed record OutreachWebhookResponse(string Outcome);

/// <summary>
/// The SMS provider's webhooks, signed like the payment providers' (<c>Parley-Signature</c>, HMAC-SHA256 over the
/// timestamp and the raw body, a five-minute replay window): delivery reports become the contact attempt's outcome,
/// inbound texts go to <see cref="ReceiveInboundMessage"/> (keywords first). A forged or replayed call is a 401 and
/// records nothing; a body that is not the event is a 400.
/// </summary>
public static class SmsWebhooks
{
    private static readonly JsonSerializerOptions EventJson = JsonInputChecks.Apply(new JsonSerializerOptions());

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/outreach/sms/webhooks/{provider}", StatusAsync)
            .AllowAnonymous()
            .WithMetadata(new RequestSizeLimitAttribute(WebhookSignature.MaxBodyBytes))
            .WithName("ReceiveSmsStatusWebhook")
            .WithSummary("SMS provider delivery reports (delivered / failed), authenticated by the Parley-Signature HMAC; they become the contact's outcome.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        api.MapPost("/outreach/sms/inbound/{provider}", InboundAsync)
            .AllowAnonymous()
            .WithMetadata(new RequestSizeLimitAttribute(WebhookSignature.MaxBodyBytes))
            .WithName("ReceiveSmsInboundWebhook")
            .WithSummary("Texts customers send, authenticated by the Parley-Signature HMAC: STOP/HELP/START handled first, anything else stored on the account.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
    }

    public static async Task<Ok<OutreachWebhookResponse>> StatusAsync(
        string provider, HttpRequest request, IOptions<OutreachChannelOptions> options, ParleyDbContext db,
        IUseCase<RecordContactOutcomeRequest, ContactAttemptView> recordOutcome, IClock clock, CancellationToken cancellationToken)
    {
        var body = await VerifyAsync(provider, request, options.Value, clock, cancellationToken);
        var name = provider.ToLowerInvariant();
        var evt = Read<SmsStatusEvent>(body);
        if (evt is null || (string.IsNullOrWhiteSpace(evt.Id) && string.IsNullOrWhiteSpace(evt.ClientReference)) || evt.Id is { Length: > 200 } || evt.ClientReference is { Length: > 200 })
        {
            throw new DomainException(new InboundFieldInvalid("id", "or client_reference is required (up to 200 characters)"));
        }

        var outcome = evt.Status?.ToLowerInvariant() switch
        {
            "delivered" => ContactOutcome.Delivered,
            "failed" or "undelivered" => ContactOutcome.Failed,
            "sent" => ContactOutcome.Sent,
            _ => (ContactOutcome?)null,
        };
        if (outcome is null)
        {
            return TypedResults.Ok(new OutreachWebhookResponse("ignored"));
        }

        // The send, found by the provider's id or by our idempotency key (the client reference).
        var send = await db.Set<ProviderSend>().AsNoTracking()
            .Where(s => s.Provider == name && ((evt.Id != null && s.ProviderMessageId == evt.Id) || (evt.ClientReference != null && s.IdempotencyKey == evt.ClientReference)))
            .FirstOrDefaultAsync(cancellationToken);
        var key = send?.IdempotencyKey ?? evt.ClientReference;
        var attempt = key is null ? null : await db.Set<ContactAttempt>().AsNoTracking()
            .Where(a => a.IdempotencyKey == key && a.Channel == ContactChannel.Sms && (send == null || a.AccountId == send.AccountId))
            .Select(a => new { a.Id, a.AccountId, a.LatestOutcome })
            .FirstOrDefaultAsync(cancellationToken);
        if (attempt is null)
        {
            return TypedResults.Ok(new OutreachWebhookResponse("ignored"));
        }

        if (attempt.LatestOutcome == outcome)
        {
            return TypedResults.Ok(new OutreachWebhookResponse("duplicate"));
        }

        var note = outcome == ContactOutcome.Failed && evt.Error is { Length: > 0 } error ? $"{name}: {(error.Length > 200 ? error[..200] : error)}" : null;
        await recordOutcome.HandleAsync(Actor.System($"webhook:{name}"), new RecordContactOutcomeRequest(attempt.AccountId, attempt.Id, outcome.Value, null, note), cancellationToken);
        return TypedResults.Ok(new OutreachWebhookResponse("recorded"));
    }

    public static async Task<Ok<OutreachWebhookResponse>> InboundAsync(
        string provider, HttpRequest request, IOptions<OutreachChannelOptions> options,
        IUseCase<ReceiveInboundMessageRequest, InboundResult> receive, IClock clock, CancellationToken cancellationToken)
    {
        var body = await VerifyAsync(provider, request, options.Value, clock, cancellationToken);
        var evt = Read<SmsInboundEvent>(body) ?? throw new DomainException(new InboundFieldInvalid("body", "must be a JSON object with id, from and text"));
        var name = provider.ToLowerInvariant();
        var result = await receive.HandleAsync(Actor.System($"webhook:{name}"), new ReceiveInboundMessageRequest(ContactChannel.Sms, evt.From ?? "", evt.Text ?? "", name, evt.Id ?? ""), cancellationToken);

        // An unknown number answers like a stored one: the webhook never tells whether an account exists.
        return TypedResults.Ok(new OutreachWebhookResponse(result.Handling == InboundHandling.UnknownSender ? "stored" : result.Handling.ToString().ToLowerInvariant()));
    }

    private static Task<byte[]> VerifyAsync(string provider, HttpRequest request, OutreachChannelOptions options, IClock clock, CancellationToken cancellationToken)
    {
        var secret = string.Equals(provider, options.Sms.Provider, StringComparison.OrdinalIgnoreCase) ? options.Sms.WebhookSecret : null;
        return SignedWebhooks.ReadVerifiedAsync(request, secret, provider, clock.GetCurrentInstant(), Duration.FromSeconds(options.WebhookToleranceSeconds), cancellationToken);
    }

    internal static T? Read<T>(byte[] body)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(body, EventJson);
        }
        catch (JsonValueRefusedException refused)
        {
            throw new DomainException(new InboundFieldInvalid(refused.Field ?? "body", refused.Problem ?? "cannot be read"));
        }
        catch (JsonException)
        {
            throw new DomainException(new InboundFieldInvalid("body", "must be a JSON object"));
        }
    }
}
