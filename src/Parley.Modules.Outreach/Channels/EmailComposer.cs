using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using MimeKit;
using NodaTime;
using Parley.Modules.Compliance.Contracts;

namespace Parley.Modules.Outreach.Channels;

/// <summary>
/// Builds the e-mail as it leaves — for SMTP and for the development outbox alike: a Message-ID derived from the
/// send's idempotency key (a retry after a crash carries the same id, so receivers and Parley see one message), text
/// and HTML as alternatives, and RFC 8058 one-click List-Unsubscribe headers.
/// </summary>
public sealed class EmailComposer(IOptions<OutreachChannelOptions> options, UnsubscribeTokens tokens, IClock clock)
{
    public MimeMessage Compose(OutgoingMessage message)
    {
        var smtp = options.Value.Email.Smtp;
        var from = MailboxAddress.Parse(smtp.From);
        var mime = new MimeMessage();
        mime.From.Add(from);
        if (!string.IsNullOrWhiteSpace(smtp.ReplyTo))
        {
            mime.ReplyTo.Add(MailboxAddress.Parse(smtp.ReplyTo));
        }

        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Subject = message.Subject ?? "";
        mime.Date = clock.GetCurrentInstant().ToDateTimeOffset();
        mime.MessageId = MessageId(message.IdempotencyKey, from.Domain);
        mime.Headers.Add("Content-Language", message.Language);
        if (tokens.Link(message.Account, ContactChannel.Email, message.To) is { } link)
        {
            mime.Headers.Add("List-Unsubscribe", $"<{link}>");
            mime.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }

        var body = new BodyBuilder { TextBody = message.Text, HtmlBody = message.Html };
        mime.Body = body.ToMessageBody();
        return mime;
    }

    /// <summary>The id without angle brackets: a hash of the key (the key itself may name the account) at the sender's domain.</summary>
    public static string MessageId(string idempotencyKey, string? domain) =>
        $"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..40]}@{(string.IsNullOrWhiteSpace(domain) ? "parley.invalid" : domain)}";

    /// <summary>The headers as sent, one <c>Name: value</c> per line (for the development outbox).</summary>
    public static string HeaderText(MimeMessage mime) =>
        string.Join('\n', mime.Headers.Select(h => $"{h.Field}: {h.Value}"));
}
