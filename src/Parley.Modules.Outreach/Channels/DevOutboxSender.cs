using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Parley.Modules.Compliance.Contracts;
using Parley.Persistence;

namespace Parley.Modules.Outreach.Channels;

/// <summary>
/// The embedded default way out for e-mail and SMS (ADR 18): the message is stored, headers and all, as it would have
/// been sent, once per idempotency key, and the Ops page "Outbox (development)" shows it.
/// </summary>
public sealed class DevOutboxSender(ContactChannel channel, ParleyDbContext db, AddressLinks links, EmailComposer composer, ProviderSends sends, IOptions<OutreachChannelOptions> options, IClock clock) : IChannelSender
{
    public ContactChannel Channel => channel;

    public async Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Channel != channel)
        {
            return SendOutcome.Refused($"this sender sends {channel.Name()}, not {message.Channel.Name()}");
        }

        if (await FindAsync(message.IdempotencyKey, cancellationToken) is { } sent)
        {
            return SendOutcome.Sent(sent.Id);
        }

        if (await links.RememberAsync(message, cancellationToken) is not { } owner)
        {
            return SendOutcome.Refused("the account does not exist");
        }

        string headers;
        string? providerId = null;
        if (channel == ContactChannel.Email)
        {
            MimeKit.MimeMessage mime;
            try
            {
                mime = composer.Compose(message);
            }
            catch (MimeKit.ParseException)
            {
                return SendOutcome.Refused("the address is not an e-mail address");
            }

            headers = EmailComposer.HeaderText(mime);
            providerId = mime.MessageId;
        }
        else
        {
            headers = $"From: {options.Value.Sms.From ?? "(the configured number)"}\nTo: {message.To}\nClient-Reference: {message.IdempotencyKey}";
        }

        var row = new DevOutboxMessage(message.IdempotencyKey, message.Account, owner.CreditorId, channel, message.To, message.Subject, message.Text, message.Html, headers, message.Language, clock.GetCurrentInstant());
        db.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same key sent twice at once: the unique index kept the first; this one is the same message.
            db.Entry(row).State = EntityState.Detached;
            if (await FindAsync(message.IdempotencyKey, cancellationToken) is { } raced)
            {
                return SendOutcome.Sent(raced.Id);
            }

            throw;
        }

        await sends.RememberAsync(ProviderSends.DevOutbox, providerId ?? row.ProviderMessageId, message, cancellationToken);
        return SendOutcome.Sent(providerId ?? row.ProviderMessageId);
    }

    private async Task<FoundMessage?> FindAsync(string key, CancellationToken cancellationToken)
    {
        var found = await db.Set<DevOutboxMessage>().AsNoTracking().Where(m => m.IdempotencyKey == key)
            .Select(m => new { m.Id, m.Headers }).SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        var messageId = found.Headers.Split('\n').FirstOrDefault(h => h.StartsWith("Message-Id: ", StringComparison.OrdinalIgnoreCase));
        return new FoundMessage(messageId is null ? $"devoutbox-{found.Id:N}" : messageId["Message-Id: ".Length..].Trim().Trim('<', '>'));
    }

    private sealed record FoundMessage(string Id);
}
