using System.Net;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
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

/// <summary>The delivery-status part of a bounce (RFC 3464), as an inbound-mail provider parses it.</summary>
public sealed record DeliveryStatus(
    [property: JsonPropertyName("recipient")] string? Recipient,
    [property: JsonPropertyName("action")] string? Action,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("diagnostic")] string? Diagnostic);

/// <summary>An e-mail that reached our inbound address: a customer's reply, or a bounce (with <c>dsn</c>).</summary>
public sealed record InboundEmailEvent(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("from")] string? From,
    [property: JsonPropertyName("to")] string? To,
    [property: JsonPropertyName("subject")] string? Subject,
    [property: JsonPropertyName("text")] string? Text,
    [property: JsonPropertyName("html")] string? Html,
    [property: JsonPropertyName("in_reply_to")] string? InReplyTo,
    [property: JsonPropertyName("dsn")] DeliveryStatus? Dsn);

/// <summary>
/// <c>POST /api/outreach/email/inbound</c>, signed like every provider webhook. A reply is cut to its new part (quoted
/// thread and signature removed) and taken in by <see cref="ReceiveInboundMessage"/>. A hard bounce (a DSN whose action
/// is <c>failed</c> with a 5.x.x status) marks the address undeliverable — the gate passes over it — and records
/// <c>Bounced</c> on the contact it answers (found by its Message-ID in In-Reply-To).
/// </summary>
public static partial class EmailInbound
{
    public const string Provider = "email";

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/outreach/email/inbound", HandleAsync)
            .AllowAnonymous()
            .WithMetadata(new RequestSizeLimitAttribute(WebhookSignature.MaxBodyBytes))
            .WithName("ReceiveInboundEmail")
            .WithSummary("E-mails to our inbound address (replies and bounces) from the mail provider, authenticated by the Parley-Signature HMAC.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

    public static async Task<Ok<OutreachWebhookResponse>> HandleAsync(
        HttpRequest request, IOptions<OutreachChannelOptions> options, ParleyDbContext db, ProviderSends sends, AddressLinks links,
        IUseCase<ReceiveInboundMessageRequest, InboundResult> receive, IUseCase<RecordContactOutcomeRequest, ContactAttemptView> recordOutcome,
        IClock clock, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var body = await SignedWebhooks.ReadVerifiedAsync(request, o.Email.InboundWebhookSecret, Provider, clock.GetCurrentInstant(), Duration.FromSeconds(o.WebhookToleranceSeconds), cancellationToken);
        var evt = SmsWebhooks.Read<InboundEmailEvent>(body) ?? throw new DomainException(new InboundFieldInvalid("body", "must be a JSON object"));
        var actor = Actor.System("webhook:email");
        if (evt.Dsn is { } dsn)
        {
            return TypedResults.Ok(new OutreachWebhookResponse(await BounceAsync(evt, dsn, db, sends, links, recordOutcome, actor, clock, cancellationToken)));
        }

        var text = QuotedText.NewPart(string.IsNullOrWhiteSpace(evt.Text) ? PlainText(evt.Html) : evt.Text);
        var result = await receive.HandleAsync(actor, new ReceiveInboundMessageRequest(ContactChannel.Email, evt.From ?? "", text, Provider, evt.Id?.Trim().Trim('<', '>') ?? ""), cancellationToken);
        return TypedResults.Ok(new OutreachWebhookResponse(result.Handling == InboundHandling.UnknownSender ? "stored" : result.Handling.ToString().ToLowerInvariant()));
    }

    internal static async Task<string> BounceAsync(
        InboundEmailEvent evt, DeliveryStatus dsn, ParleyDbContext db, ProviderSends sends, AddressLinks links,
        IUseCase<RecordContactOutcomeRequest, ContactAttemptView> recordOutcome, Actor actor, IClock clock, CancellationToken cancellationToken)
    {
        // Only a permanent failure says the address is dead; a 4.x.x delay is the server still trying.
        if (!string.Equals(dsn.Action, "failed", StringComparison.OrdinalIgnoreCase) || dsn.Status?.Trim() is not { } status || !status.StartsWith('5'))
        {
            return "ignored";
        }

        var send = evt.InReplyTo is { Length: > 0 and <= 300 } original ? await sends.FindAsync(original, cancellationToken) : null;
        var recipient = dsn.Recipient?.Trim();
        if (recipient is { Length: > 300 } || (recipient is not null && recipient.StartsWith("rfc822;", StringComparison.OrdinalIgnoreCase)))
        {
            recipient = recipient.Length > 300 ? null : recipient["rfc822;".Length..].Trim();
        }

        var found = recipient is null ? [] : await links.FindAsync(ContactChannel.Email, recipient, cancellationToken);
        if (send is not null)
        {
            found = [.. found.Where(l => l.AccountId == send.AccountId)];
        }

        if (found.Count == 0)
        {
            return "ignored";
        }

        var now = clock.GetCurrentInstant();
        var reason = $"{status} {Diagnostic(dsn.Diagnostic)}".Trim();
        foreach (var customer in found.Select(l => l.CustomerId).Distinct())
        {
            var hash = AddressLink.Hash(ContactChannel.Email, recipient!);
            if (!await db.Set<InvalidAddress>().AnyAsync(a => a.CustomerId == customer && a.AddressHash == hash, cancellationToken))
            {
                db.Add(new InvalidAddress(ContactChannel.Email, recipient!, customer, reason.Length > 300 ? reason[..300] : reason, now));
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same bounce delivered twice at once: the other marked it.
            db.ChangeTracker.Clear();
        }

        if (send is not null)
        {
            var attempt = await db.Set<ContactAttempt>().AsNoTracking()
                .Where(a => a.AccountId == send.AccountId && a.IdempotencyKey == send.IdempotencyKey)
                .Select(a => new { a.Id, a.LatestOutcome }).FirstOrDefaultAsync(cancellationToken);
            if (attempt is not null && attempt.LatestOutcome != ContactOutcome.Bounced)
            {
                await recordOutcome.HandleAsync(actor, new RecordContactOutcomeRequest(send.AccountId, attempt.Id, ContactOutcome.Bounced, null, reason.Length > 200 ? reason[..200] : reason), cancellationToken);
            }
        }

        return "bounced";
    }

    /// <summary>The server's words without any address in them (they go to the contact's note).</summary>
    private static string Diagnostic(string? diagnostic) =>
        diagnostic is null ? "" : EmailLike().Replace(diagnostic.Length > 200 ? diagnostic[..200] : diagnostic, "(address)");

    internal static string PlainText(string? html) =>
        html is null ? "" : WebUtility.HtmlDecode(Tags().Replace(BlockEnds().Replace(html, "\n"), ""));

    [GeneratedRegex(@"[^\s<>;:]+@[^\s<>;:]+")]
    private static partial Regex EmailLike();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"<(br|/p|/div|/blockquote)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockEnds();
}
