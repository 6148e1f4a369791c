using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Text;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Outreach.Channels;
using Parley.Modules.Outreach.Contracts;
using Parley.Persistence;
using Parley.Persistence.Outbox;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Outreach.Inbound;

/// <summary>
/// A customer's text or e-mail, from a provider's webhook, the IMAP mailbox or the development outbox's "Reply as the
/// customer". A text's keyword comes first: STOP records the SMS opt-out at once (Reg F §1006.6(e), TCPA) and sends
/// one confirmation; HELP answers with the help text; START allows texts again. Anything else is stored on each
/// account Parley wrote to at that address and raised as <c>outreach.message_received</c> for the Care module.
/// </summary>
public sealed class ReceiveInboundMessage(
    ParleyDbContext db,
    AddressLinks links,
    IUseCase<GetContactPreferencesRequest, ContactPreferencesView> readPreferences,
    IUseCase<ChangeContactPreferencesRequest, ContactPreferencesView> changePreferences,
    ChannelSenders senders,
    IOptions<OutreachChannelOptions> options,
    IClock clock) : IUseCase<ReceiveInboundMessageRequest, InboundResult>
{
    public const int MaxTextLength = 10_000;

    public async Task<InboundResult> HandleAsync(Actor actor, ReceiveInboundMessageRequest request, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("take in a customer's message", [], allowSystem: true);
        if (request.Channel is not (ContactChannel.Sms or ContactChannel.Email))
        {
            throw new DomainException(new InboundFieldInvalid("channel", "must be a text or an e-mail"));
        }

        var from = Checked(request.Channel, request.From);
        var text = (request.Text ?? "").Trim();
        if (text.Length > MaxTextLength)
        {
            throw new DomainException(new InboundFieldInvalid("text", $"may hold at most {MaxTextLength} characters"));
        }

        var provider = request.Provider?.Trim().ToLowerInvariant() ?? "";
        var providerId = request.ProviderMessageId?.Trim() ?? "";
        if (provider.Length is 0 or > 40)
        {
            throw new DomainException(new InboundFieldInvalid("provider", "is required (up to 40 characters)"));
        }

        if (providerId.Length is 0 or > 180)
        {
            throw new DomainException(new InboundFieldInvalid("id", "is required (up to 180 characters)"));
        }

        var now = clock.GetCurrentInstant();
        var at = request.At is { } given && given <= now ? given : now;

        // Only the accounts this actor may see (all for a provider's webhook); an unknown sender is told nothing more.
        var accounts = (await links.FindAsync(request.Channel, from, cancellationToken))
            .Where(l => actor.Creditors.Includes(l.CreditorId))
            .DistinctBy(l => l.AccountId)
            .ToList();
        if (accounts.Count == 0)
        {
            return new InboundResult(InboundHandling.UnknownSender, 0);
        }

        if (await db.Set<OutreachMessage>().AnyAsync(m => m.Provider == provider && m.ProviderMessageId == providerId, cancellationToken))
        {
            return new InboundResult(InboundHandling.Duplicate, accounts.Count);
        }

        var keyword = request.Channel == ContactChannel.Sms ? SmsKeywords.Read(text) : null;
        if (keyword is SmsKeyword.Stop or SmsKeyword.Start)
        {
            // One change per customer (preferences are the customer's, for all their accounts with the creditor).
            foreach (var customer in accounts.GroupBy(a => a.CustomerId))
            {
                await ChangeSmsConsentAsync(customer.First().AccountId, keyword.Value, text, at, cancellationToken);
            }
        }

        var stored = new List<OutreachMessage>();
        for (var i = 0; i < accounts.Count; i++)
        {
            var link = accounts[i];

            // One provider message reaching several accounts is stored on each, under the id with a suffix after the first.
            var id = i == 0 ? providerId : string.Create(CultureInfo.InvariantCulture, $"{providerId}#{i}");
            var message = new OutreachMessage(link.AccountId, link.CustomerId, link.CreditorId, ContactDirection.Inbound, request.Channel, at, text, provider, id, keyword is { } k ? SmsKeywords.Name(k) : null);
            stored.Add(message);
            db.Add(message);
            if (keyword is null)
            {
                db.AddOutboxMessage(InboundMessageReceived.EventType, Payload(message), at, $"outreach:message:{message.Id:N}");
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The provider delivered the same message twice at once; the other delivery stored it.
            foreach (var message in stored)
            {
                db.Entry(message).State = EntityState.Detached;
            }

            db.ChangeTracker.Clear();
            return new InboundResult(InboundHandling.Duplicate, accounts.Count);
        }

        if (keyword is { } answered)
        {
            await ReplyAsync(accounts[0].AccountId, from, answered, provider, providerId, cancellationToken);
        }

        return new InboundResult(
            keyword switch
            {
                SmsKeyword.Stop => InboundHandling.OptedOut,
                SmsKeyword.Start => InboundHandling.OptedIn,
                SmsKeyword.Help => InboundHandling.Help,
                null => InboundHandling.Stored,
            },
            accounts.Count);
    }

    /// <summary>Ids, channel and time only: the message's text stays in the encrypted store (no customer data in the outbox).</summary>
    internal static string Payload(OutreachMessage m) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["messageId"] = m.Id,
        ["accountId"] = m.AccountId.Value,
        ["channel"] = m.Channel.ToString().ToLowerInvariant(),
        ["at"] = InstantPattern.ExtendedIso.Format(m.At),
    });

    private static string Checked(ContactChannel channel, string? from)
    {
        try
        {
            return AddressLink.Normalise(channel, UseCases.ContactAddresses.Normalise(channel, from));
        }
        catch (DomainException)
        {
            throw new DomainException(new InboundFieldInvalid("from", channel == ContactChannel.Sms ? "must be a phone number in international form, such as +14155550142" : "must be an e-mail address"));
        }
    }

    private async Task ChangeSmsConsentAsync(AccountId account, SmsKeyword keyword, string text, Instant at, CancellationToken cancellationToken)
    {
        var system = Actor.System(keyword == SmsKeyword.Stop ? "sms-stop" : "sms-start");
        var current = (await readPreferences.HandleAsync(system, new GetContactPreferencesRequest(account), cancellationToken)).Preferences;
        var consent = keyword == SmsKeyword.Stop ? ChannelConsent.OptedOut : ChannelConsent.OptedIn;
        if (current.Channels.Any(c => c.Channel == ContactChannel.Sms && c.Consent == consent))
        {
            return;
        }

        var word = text.Trim().ToUpperInvariant();
        var evidence = $"replied \"{(word.Length > 20 ? word[..20] : word)}\" by text message";
        var preferences = current with
        {
            Channels = [.. current.Channels.Where(c => c.Channel != ContactChannel.Sms), new ChannelPreference(ContactChannel.Sms, consent, keyword == SmsKeyword.Stop ? ConsentSource.ReplyStop : ConsentSource.Electronic, evidence, at)],

            // A pause that has run out is no longer a pause (and the preferences are stored whole).
            PausedUntil = current.PausedUntil is { } until && until > clock.GetCurrentInstant() ? until : null,
        };
        var reason = keyword == SmsKeyword.Stop ? "the customer replied STOP to a text" : "the customer replied START to a text";
        await changePreferences.HandleAsync(system, new ChangeContactPreferencesRequest(account, preferences, reason), cancellationToken);
    }

    /// <summary>One answer to a keyword (the confirmation of STOP is the last text the number gets), keyed by the message it answers.</summary>
    private async Task ReplyAsync(AccountId account, string to, SmsKeyword keyword, string provider, string providerId, CancellationToken cancellationToken)
    {
        var sms = options.Value.Sms;
        var text = keyword switch
        {
            SmsKeyword.Stop => sms.StopText,
            SmsKeyword.Help => sms.HelpText,
            SmsKeyword.Start => sms.StartText,
        };
        var key = $"keyword-reply:{provider}:{providerId}";
        await senders.For(ContactChannel.Sms).SendAsync(new OutgoingMessage(key.Length > 200 ? key[..200] : key, account, ContactChannel.Sms, to, null, text, null, "en"), cancellationToken);
    }
}
