using System.Security.Cryptography;
using System.Text;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using NodaTime;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Outreach.Channels;
using Parley.Modules.Outreach.Contracts;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Outreach.Inbound;

/// <summary>How many polls each failing message has had, per process (a restart gives it its tries again).</summary>
public sealed class MailboxTries(ParleyDbContext db, IClock clock)
{
    /// <summary>Counts a try before the message is taken in, so one that brings the host down is counted too; returns the tries so far.</summary>
    public async Task<int> BeginAsync(string key, CancellationToken cancellationToken)
    {
        var row = await db.Set<MailboxTry>().SingleOrDefaultAsync(t => t.Key == key, cancellationToken);
        if (row is null)
        {
            row = new MailboxTry(key);
            db.Add(row);
        }

        row.Begin(clock.GetCurrentInstant());
        await db.SaveChangesAsync(cancellationToken);
        return row.Tries;
    }

    /// <summary>The message is settled (taken in, or left flagged for a person): its count goes.</summary>
    public Task ForgetAsync(string key, CancellationToken cancellationToken) =>
        db.Set<MailboxTry>().Where(t => t.Key == key).ExecuteDeleteAsync(cancellationToken);
}

/// <summary>How often Parley has tried to take in one mailbox message (<c>uidvalidity:uid</c>), kept across restarts.</summary>
public sealed class MailboxTry
{
    public MailboxTry(string key) => Key = key;

    public string Key { get; private set; }

    public int Tries { get; private set; }

    public Instant LastTriedAt { get; private set; }

    public void Begin(Instant at)
    {
        Tries++;
        LastTriedAt = at;
    }
}

/// <summary>
/// One pass over the inbound mailbox (<c>Outreach:Email:Imap</c>), by the job only. The folder's unseen messages are
/// read by UID and each is taken in as the inbound e-mail webhook takes it: a reply is cut to its new part and handed
/// to <see cref="ReceiveInboundMessage"/> (stored on the sender's accounts, raised for Care); a delivery report
/// (<c>multipart/report</c>) marks a permanently failed address undeliverable; "unsubscribe" records the e-mail
/// opt-out. Only after that is the message marked <c>\Seen</c> (or moved to the processed folder): a crash in between
/// reads it again, and its Message-ID stores nothing twice. A message from an unknown sender, or one Parley cannot
/// read, is flagged <c>\Flagged</c> and left in the folder for a person; one that keeps failing is left the same way
/// after <see cref="ImapOptions.MaxTries"/> polls. Logs carry UIDs and counts, never an address or a text.
/// </summary>
public sealed class PollMailbox(
    IOptions<OutreachChannelOptions> options,
    IUseCase<ReceiveInboundMessageRequest, InboundResult> receive,
    IUseCase<RecordContactOutcomeRequest, ContactAttemptView> recordOutcome,
    IUseCase<GetContactPreferencesRequest, ContactPreferencesView> readPreferences,
    IUseCase<ChangeContactPreferencesRequest, ContactPreferencesView> changePreferences,
    ParleyDbContext db,
    ProviderSends sends,
    AddressLinks links,
    MailboxTries tries,
    IClock clock,
    ILogger<PollMailbox> logger) : IUseCase<PollMailboxRequest, MailboxPollSummary>
{
    public const string Provider = "imap";

    private static readonly Actor Parley = Actor.System("imap");

    private enum Taken
    {
        Stored,
        Bounce,
        Unsubscribe,
        Duplicate,
        UnknownSender,
        Unreadable,
    }

    public async Task<MailboxPollSummary> HandleAsync(Actor actor, PollMailboxRequest request, CancellationToken cancellationToken)
    {
        if (actor is not SystemProcess)
        {
            throw new DomainException(new ActorNotAllowed("poll the inbound mailbox", []));
        }

        var imap = options.Value.Email.Imap;
        if (!imap.IsConfigured)
        {
            return MailboxPollSummary.NotConfigured;
        }

        using var client = new ImapClient { Timeout = imap.TimeoutSeconds * 1000 };
        if (imap.AcceptAnyCertificate)
        {
            client.ServerCertificateValidationCallback = (_, _, _, _) => true;
        }

        await client.ConnectAsync(imap.Host!, imap.Port, imap.Security switch
        {
            SmtpSecurity.None => SecureSocketOptions.None,
            SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
            SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        }, cancellationToken);
        if (!string.IsNullOrEmpty(imap.User))
        {
            await client.AuthenticateAsync(imap.User, imap.Password ?? "", cancellationToken);
        }

        var folder = string.Equals(imap.Folder, "INBOX", StringComparison.OrdinalIgnoreCase) ? client.Inbox : await client.GetFolderAsync(imap.Folder, cancellationToken);
        await folder.OpenAsync(FolderAccess.ReadWrite, cancellationToken);
        var processed = string.IsNullOrWhiteSpace(imap.ProcessedFolder) ? null : await client.GetFolderAsync(imap.ProcessedFolder, cancellationToken);
        var unseen = await folder.SearchAsync(SearchQuery.NotSeen, cancellationToken);
        var counts = new int[Enum.GetValues<Taken>().Length];
        int read = 0, failed = 0, givenUp = 0;
        foreach (var uid in unseen.OrderBy(u => u.Id).Take(Math.Max(1, imap.BatchSize)))
        {
            var key = $"{folder.UidValidity}:{uid.Id}";
            var tried = await tries.BeginAsync(key, cancellationToken);
            Taken taken;
            if (tried > imap.MaxTries)
            {
                // Its tries ran out in an earlier run (one that may have ended in a crash while taking it in): not tried again.
                logger.LogError("Inbound mailbox: message UID {Uid} was tried {Tries} times without being taken in; it is left flagged in the mailbox for a person", uid.Id, imap.MaxTries);
                failed++;
                givenUp++;
                taken = Taken.Unreadable;
            }
            else
            {
                try
                {
                    var message = await folder.GetMessageAsync(uid, cancellationToken);
                    read++;
                    taken = await TakeAsync(message, uid, folder.UidValidity, cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException && e is not ImapProtocolException && e is not IOException)
                {
                    db.ChangeTracker.Clear();
                    failed++;
                    if (tried < imap.MaxTries)
                    {
                        logger.LogWarning("Inbound mailbox: message UID {Uid} could not be taken in ({Error}); it is tried again at the next poll", uid.Id, e.GetType().Name);
                        continue;
                    }

                    logger.LogError("Inbound mailbox: message UID {Uid} failed {Tries} polls ({Error}); it is left flagged in the mailbox for a person", uid.Id, imap.MaxTries, e.GetType().Name);
                    givenUp++;
                    taken = Taken.Unreadable;
                }
            }

            await tries.ForgetAsync(key, cancellationToken);
            counts[(int)taken]++;
            if (taken is Taken.UnknownSender or Taken.Unreadable)
            {
                // Kept where a person reads the mailbox: flagged, and seen so the next poll passes over it.
                await folder.StoreAsync(uid, new StoreFlagsRequest(StoreAction.Add, MessageFlags.Seen | MessageFlags.Flagged) { Silent = true }, cancellationToken);
            }
            else if (processed is not null)
            {
                await folder.MoveToAsync(uid, processed, cancellationToken);
            }
            else
            {
                await folder.StoreAsync(uid, new StoreFlagsRequest(StoreAction.Add, MessageFlags.Seen) { Silent = true }, cancellationToken);
            }
        }

        await client.DisconnectAsync(quit: true, cancellationToken);
        return new MailboxPollSummary(
            true, read, counts[(int)Taken.Stored], counts[(int)Taken.Bounce], counts[(int)Taken.Unsubscribe], counts[(int)Taken.Duplicate],
            counts[(int)Taken.UnknownSender], counts[(int)Taken.Unreadable] - givenUp, failed - givenUp, givenUp);
    }

    private async Task<Taken> TakeAsync(MimeMessage message, UniqueId uid, uint uidValidity, CancellationToken cancellationToken)
    {
        if (message.Body is MultipartReport { ReportType: var type } report && string.Equals(type, "delivery-status", StringComparison.OrdinalIgnoreCase))
        {
            return await BounceAsync(message, report, cancellationToken);
        }

        if (message.From.Mailboxes.FirstOrDefault()?.Address is not { Length: > 0 } from)
        {
            return Taken.Unreadable;
        }

        var text = QuotedText.NewPart(message.TextBody is { Length: > 0 } plain ? plain : EmailInbound.PlainText(message.HtmlBody));
        if (text.Length > ReceiveInboundMessage.MaxTextLength)
        {
            text = text[..ReceiveInboundMessage.MaxTextLength];
        }

        var unsubscribe = IsUnsubscribe(message.Subject) || IsUnsubscribe(text);
        if (text.Length == 0)
        {
            text = message.Subject?.Trim() ?? "";
        }

        var now = clock.GetCurrentInstant();
        var at = message.Date == DateTimeOffset.MinValue ? now : Instant.FromDateTimeOffset(message.Date);
        InboundResult result;
        try
        {
            result = await receive.HandleAsync(Parley, new ReceiveInboundMessageRequest(ContactChannel.Email, from, text, Provider, MessageKey(message, uid, uidValidity), at > now ? now : at), cancellationToken);
        }
        catch (DomainException refused)
        {
            // A sender address or a text Parley cannot take: a person reads it in the mailbox.
            logger.LogWarning("Inbound mailbox: message UID {Uid} refused ({Code})", uid.Id, refused.Error.Code);
            return Taken.Unreadable;
        }

        switch (result.Handling)
        {
            case InboundHandling.UnknownSender:
                return Taken.UnknownSender;
            case InboundHandling.Duplicate when !unsubscribe:
                return Taken.Duplicate;
        }

        if (!unsubscribe)
        {
            return Taken.Stored;
        }

        // Every account Parley wrote to at this address: the customer asked to stop e-mails, whichever account it was about.
        foreach (var link in (await links.FindAsync(ContactChannel.Email, from, cancellationToken)).DistinctBy(l => l.CustomerId))
        {
            await UnsubscribeEndpoints.OptOutOfEmailAsync(link.AccountId, "asked to unsubscribe by e-mail", Actor.System("unsubscribe"), readPreferences, changePreferences, cancellationToken);
        }

        return Taken.Unsubscribe;
    }

    private async Task<Taken> BounceAsync(MimeMessage message, MultipartReport report, CancellationToken cancellationToken)
    {
        // The message that bounced: its headers come back in the report (RFC 3464), else the report answers it.
        var original = report.OfType<MessagePart>().Select(p => p.Message?.MessageId).FirstOrDefault(id => !string.IsNullOrEmpty(id))
            ?? message.InReplyTo;
        foreach (var status in report.OfType<MessageDeliveryStatus>())
        {
            foreach (var group in status.StatusGroups.Skip(1))
            {
                var dsn = new DeliveryStatus(group["Final-Recipient"] ?? group["Original-Recipient"], group["Action"], group["Status"], group["Diagnostic-Code"]);
                var evt = new InboundEmailEvent(message.MessageId, null, null, null, null, null, original is null ? null : $"<{original}>", dsn);
                await EmailInbound.BounceAsync(evt, dsn, db, sends, links, recordOutcome, Parley, clock, cancellationToken);
            }
        }

        // A delay, or a report on an address Parley never wrote to, is read and marked all the same.
        return Taken.Bounce;
    }

    /// <summary>The Message-ID (the same message polled again stores nothing twice); a message without one is known by its folder's UID.</summary>
    internal static string MessageKey(MimeMessage message, UniqueId uid, uint uidValidity)
    {
        var id = message.MessageId?.Trim().Trim('<', '>');
        if (string.IsNullOrEmpty(id))
        {
            return $"uid:{uidValidity}:{uid.Id}";
        }

        return id.Length <= 180 ? id : $"sha256:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)))}";
    }

    private static bool IsUnsubscribe(string? text) =>
        text?.Trim().TrimEnd('.', '!').Trim() is { } word
        && (word.Equals("unsubscribe", StringComparison.OrdinalIgnoreCase) || word.Equals("unsubscribe me", StringComparison.OrdinalIgnoreCase));
}
