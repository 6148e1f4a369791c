using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Parley.Modules.Compliance.Contracts;
using Parley.Persistence;

namespace Parley.Modules.Outreach.Channels;

/// <summary>
/// Texts through a provider's HTTP API, in the built-in <c>sandbox</c> provider's shape: <c>POST {BaseUrl}/messages</c>
/// with <c>to</c>, <c>from</c>, <c>text</c> and the idempotency key as <c>client_reference</c> (a retry is the same
/// message to the provider), bearer API key; the answer's <c>id</c> is kept to match delivery reports. A 5xx, a 429, a
/// timeout or no connection is a TryLater; any other 4xx a refusal.
/// </summary>
public sealed class SandboxSmsSender(IHttpClientFactory clients, IOptions<OutreachChannelOptions> options, AddressLinks links, ParleyDbContext db, IClock clock) : IChannelSender
{
    public const string HttpClientName = "outreach-sms";

    public ContactChannel Channel => ContactChannel.Sms;

    public async Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var sms = options.Value.Sms;
        if (message.Channel != ContactChannel.Sms)
        {
            return SendOutcome.Refused($"this sender sends texts, not {message.Channel.Name()}");
        }

        var provider = sms.Provider.ToLowerInvariant();
        var known = await db.Set<ProviderSend>().AsNoTracking()
            .Where(s => s.Provider == provider && s.IdempotencyKey == message.IdempotencyKey && s.AccountId == message.Account)
            .Select(s => s.ProviderMessageId).FirstOrDefaultAsync(cancellationToken);
        if (known is not null)
        {
            return SendOutcome.Sent(known);
        }

        if (await links.RememberAsync(message, cancellationToken) is null)
        {
            return SendOutcome.Refused("the account does not exist");
        }

        using var client = clients.CreateClient(HttpClientName);
        client.Timeout = TimeSpan.FromSeconds(sms.TimeoutSeconds);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{sms.BaseUrl!.TrimEnd('/')}/messages")
        {
            Content = JsonContent.Create(new ProviderRequest(message.To, sms.From, message.Text, message.IdempotencyKey)),
        };
        if (!string.IsNullOrEmpty(sms.ApiKey))
        {
            request.Headers.Authorization = new("Bearer", sms.ApiKey);
        }

        ProviderAnswer? answer;
        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            if ((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                return SendOutcome.TryLater($"the text message provider answered {(int)response.StatusCode}");
            }

            if (!response.IsSuccessStatusCode)
            {
                return SendOutcome.Refused($"the text message provider refused the message ({(int)response.StatusCode})");
            }

            answer = await response.Content.ReadFromJsonAsync<ProviderAnswer>(cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return SendOutcome.TryLater($"the text message provider could not be reached ({(e is OperationCanceledException ? "timed out" : e.GetType().Name)})");
        }
        catch (System.Text.Json.JsonException)
        {
            // Accepted, but its answer unreadable: trying again is safe, the client reference makes it the same message.
            return SendOutcome.TryLater("the text message provider's answer could not be read");
        }

        if (answer?.Id is not { Length: > 0 and <= 200 } id)
        {
            return SendOutcome.TryLater("the text message provider's answer had no message id");
        }

        db.Add(new ProviderSend(provider, id, message.IdempotencyKey, message.Account, ContactChannel.Sms, clock.GetCurrentInstant()));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The provider gave back the id of a message already recorded (a retry it recognised): it is the same send.
            db.ChangeTracker.Clear();
        }

        return SendOutcome.Sent(id);
    }

    private sealed record ProviderRequest(
        [property: JsonPropertyName("to")] string To,
        [property: JsonPropertyName("from")] string? From,
        [property: JsonPropertyName("text")] string Text,
        [property: JsonPropertyName("client_reference")] string ClientReference);

    private sealed record ProviderAnswer([property: JsonPropertyName("id")] string? Id);
}
