using System.Security.Cryptography;
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
using Parley.Modules.Payments.Contracts;
using Parley.Modules.Payments.Domain;
using Parley.Modules.Payments.Ledger;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.Webhooks;

namespace Parley.Modules.Payments.Webhooks;

/// <summary>The event schema every configured provider (and the built-in <c>sandbox</c>) sends.</summary>
public sealed record ProviderEvent(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("account_id")] Guid? AccountId,
    [property: JsonPropertyName("amount")] decimal? Amount,
    [property: JsonPropertyName("currency")] string? Currency,
    [property: JsonPropertyName("occurred_at")] DateTimeOffset? OccurredAt,
    [property: JsonPropertyName("reference")] string? Reference,
    [property: JsonPropertyName("method")] string? Method);

/// <summary><c>posted</c>, <c>duplicate</c> (a redelivery: nothing posted twice) or <c>ignored</c> (an event type the ledger does not use).</summary>
public sealed record WebhookResponse(string EventId, string Outcome, Guid? EntryId);

public static class ReceiveWebhook
{
    public const string PaymentSucceeded = "payment.succeeded";
    public const string PaymentReversed = "payment.reversed";
    public const int MaxBodyBytes = WebhookSignature.MaxBodyBytes;

    // The event's own names (JsonPropertyName); its strings refused with a control character, as every request body's are.
    private static readonly JsonSerializerOptions EventJson = JsonInputChecks.Apply(new JsonSerializerOptions());

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/payments/webhooks/{provider}", HandleAsync)
            .AllowAnonymous()
            // Kestrel stops reading past the limit too, so no route to this anonymous endpoint buffers a larger body.
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .WithName("ReceivePaymentWebhook")
            .WithDescription("For payment providers, not staff. The JSON event carries `id`, `type` (`payment.succeeded` or `payment.reversed`; others are ignored), "
                + "`account_id`, `amount`, `currency`, `occurred_at`, `reference` and `method`. The `Parley-Signature` header is "
                + "`t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<raw body>\">` with the provider's secret. Bodies are limited to 64 KiB (413), "
                + "with or without Content-Length. An event id is bound to the account and body it was first posted with: the same id again with "
                + "the same body answers `duplicate`, with another account or body 409 `payments.webhook_event_conflict`.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithSummary("Payment provider events, authenticated by the Parley-Signature HMAC; redeliveries post nothing twice.");

    public static async Task<Ok<WebhookResponse>> HandleAsync(
        string provider,
        HttpRequest request,
        IOptionsSnapshot<PaymentsOptions> options,
        LedgerWriter writer,
        RecordPayment payments,
        ParleyDbContext db,
        IClock clock,
        CancellationToken cancellationToken)
    {
        if (options.Value.SecretFor(provider) is not { } secret)
        {
            throw Refused(new WebhookProviderUnknown(provider));
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            throw Refused(new WebhookTooLarge());
        }

        // Kestrel's own limit for the route (the same size) may stop the read first.
        var body = await WebhookSignature.ReadAtMostAsync(request.Body, MaxBodyBytes, e => e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }, cancellationToken)
            ?? throw Refused(new WebhookTooLarge());
        var now = clock.GetCurrentInstant();
        var check = WebhookSignature.Verify(request.Headers[WebhookSignature.Header], secret, body, now, Duration.FromSeconds(options.Value.WebhookToleranceSeconds));
        switch (check)
        {
            case SignatureCheck.Missing or SignatureCheck.Invalid:
                throw Refused(new WebhookSignatureInvalid());
            case SignatureCheck.Stale:
                throw Refused(new WebhookReplayed());
            case SignatureCheck.Valid:
                break;
        }

        ProviderEvent? evt;
        try
        {
            evt = JsonSerializer.Deserialize<ProviderEvent>(body, EventJson);
        }
        catch (JsonValueRefusedException refused)
        {
            throw Refused(new WebhookMalformed($"The event's field {refused.Field} {refused.Problem}", refused.Field, refused.Problem));
        }
        catch (JsonException)
        {
            evt = null;
        }

        if (evt is not { Id.Length: > 0 and <= LedgerEntry.IdempotencyKeyMaxLength, Type.Length: > 0 })
        {
            throw Refused(new WebhookMalformed("The event needs an id (up to 200 characters) and a type."));
        }

        var name = provider.ToLowerInvariant();
        // Anonymous by design, authenticated by the signature: from here on Parley itself acts for the provider.
        var actor = Actor.System($"webhook:{name}");
        var requestHash = Convert.ToHexStringLower(SHA256.HashData(body));
        if (evt.Type is PaymentSucceeded or PaymentReversed && evt.AccountId is { } eventAccount)
        {
            // Before posting: the same signed id must not post again on another account or with another body.
            var claim = new WebhookEvent(name, evt.Id, AccountId.From(eventAccount), requestHash, now);
            var claimed = await WebhookEvent.ClaimAsync(db, claim, cancellationToken);
            try
            {
                return await PostAsync(evt, evt.Id, name, actor, requestHash, now, writer, payments, db, cancellationToken);
            }
            catch (DomainException) when (claimed)
            {
                await WebhookEvent.ReleaseAsync(db, claim, CancellationToken.None);
                throw;
            }
        }

        return await PostAsync(evt, evt.Id, name, actor, requestHash, now, writer, payments, db, cancellationToken);
    }

    private static async Task<Ok<WebhookResponse>> PostAsync(
        ProviderEvent evt, string eventId, string name, Actor actor, string requestHash, Instant now, LedgerWriter writer, RecordPayment payments, ParleyDbContext db, CancellationToken cancellationToken)
    {
        PostedEntry posted;
        switch (evt.Type)
        {
            case PaymentSucceeded when evt is { AccountId: { } accountId, Amount: { } amount }:
                var command = new PaymentCommand(amount, evt.Currency, evt.OccurredAt is { } at ? Instant.FromDateTimeOffset(at) : null, evt.Method ?? "card", evt.Reference, eventId, name);
                posted = await payments.PostGuardedAsync(actor, AccountId.From(accountId), command, requestHash, standalone: false, cancellationToken);
                break;
            case PaymentReversed when evt is { AccountId: { } accountId, Reference.Length: > 0 }:
                var account = AccountId.From(accountId);
                var original = await db.Set<LedgerEntry>().AsNoTracking()
                    .Where(e => e.AccountId == account && e.Provider == name && e.ProviderReference == evt.Reference && e.Kind == LedgerEntryKind.Payment)
                    .OrderBy(e => e.Sequence)
                    .FirstOrDefaultAsync(cancellationToken)
                    ?? throw new DomainException(new ProviderReferenceNotFound(name, evt.Reference));
                var posting = new Posting(eventId, evt.OccurredAt is { } reversedAt ? Instant.FromDateTimeOffset(reversedAt) : now, now,
                    $"Chargeback reported by {name}", requestHash, name, evt.Reference);
                posted = await ReverseEntry.PostAsync(db, writer, account, original.Id, posting, cancellationToken);
                break;
            case PaymentSucceeded or PaymentReversed:
                throw Refused(new WebhookMalformed($"A {evt.Type} event needs account_id and {(evt.Type == PaymentSucceeded ? "amount" : "reference")}."));
            default:
                return TypedResults.Ok(new WebhookResponse(eventId, "ignored", null));
        }

        return TypedResults.Ok(new WebhookResponse(eventId, posted.Replayed ? "duplicate" : "posted", posted.Entry.Id.Value));
    }

    private static DomainException Refused(DomainError error) => new(error);
}

public sealed record WebhookProviderUnknown(string Provider)
    : DomainError("payments.unknown_provider", $"No payment provider '{Provider}' is configured.", ErrorKind.NotFound);

public sealed record WebhookTooLarge()
    : DomainError("payments.webhook_too_large", $"Webhook bodies are limited to {ReceiveWebhook.MaxBodyBytes / 1024} KiB.", ErrorKind.TooLarge);

public sealed record WebhookSignatureInvalid()
    : DomainError("payments.webhook_signature_invalid", $"The {WebhookSignature.Header} header is missing or does not match the body.", ErrorKind.Unauthenticated);

public sealed record WebhookReplayed()
    : DomainError("payments.webhook_replay", "The signature's timestamp is outside the allowed tolerance.", ErrorKind.Unauthenticated);

/// <summary>An event Parley cannot read; <paramref name="Field"/> and <paramref name="FieldProblem"/> when one field is at fault.</summary>
public sealed record WebhookMalformed(string Problem, string? Field = null, string? FieldProblem = null)
    : DomainError("payments.webhook_malformed", Problem, ErrorKind.Validation)
{
    public override IReadOnlyDictionary<string, string[]>? FieldErrors =>
        Field is null ? null : new Dictionary<string, string[]> { [Field] = [FieldProblem ?? Problem] };
}
