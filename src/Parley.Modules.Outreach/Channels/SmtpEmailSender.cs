using System.Collections.Concurrent;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using Parley.Modules.Compliance.Contracts;

namespace Parley.Modules.Outreach.Channels;

/// <summary>
/// E-mail over SMTP (MailKit). Connections are pooled and reused across sends, so a batch pays the TLS handshake and
/// login once per connection. A 4xx reply, a refused connection or a timeout is a TryLater; a 5xx reply is a refusal.
/// </summary>
public sealed class SmtpEmailSender(EmailComposer composer, AddressLinks links, SmtpConnectionPool pool, ProviderSends sends) : IBatchChannelSender
{
    public ContactChannel Channel => ContactChannel.Email;

    public async Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Channel != ContactChannel.Email)
        {
            return SendOutcome.Refused($"this sender sends e-mails, not {message.Channel.Name()}");
        }

        MimeMessage mime;
        try
        {
            mime = composer.Compose(message);
        }
        catch (ParseException)
        {
            return SendOutcome.Refused("the address is not an e-mail address");
        }

        if (await links.RememberAsync(message, cancellationToken) is null)
        {
            return SendOutcome.Refused("the account does not exist");
        }

        var outcome = await pool.SendAsync(mime, cancellationToken);
        if (outcome.Accepted)
        {
            // A bounce names the Message-ID it is about (In-Reply-To / the DSN's original message): remember whose it is.
            await sends.RememberAsync(ProviderSends.Smtp, outcome.ProviderMessageId!, message, cancellationToken);
        }

        return outcome;
    }

    /// <summary>
    /// A batch: links remembered and provider ids kept once for the batch, and the messages composed and sent over
    /// <see cref="SmtpConnectionPool.Connections"/> pooled connections at once (each message still on one connection once).
    /// </summary>
    public async Task<IReadOnlyList<SendOutcome?>> SendManyAsync(IReadOnlyList<OutgoingMessage> messages, Func<bool> mayStart, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(mayStart);
        var outcomes = new SendOutcome?[messages.Count];
        var mimes = new MimeMessage?[messages.Count];
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            if (message.Channel != ContactChannel.Email)
            {
                outcomes[i] = SendOutcome.Refused($"this sender sends e-mails, not {message.Channel.Name()}");
                continue;
            }

            try
            {
                mimes[i] = composer.Compose(message);
            }
            catch (ParseException)
            {
                outcomes[i] = SendOutcome.Refused("the address is not an e-mail address");
            }
        }

        var owners = await links.RememberManyAsync([.. messages.Where((_, i) => mimes[i] is not null)], cancellationToken);
        var ready = new List<int>(messages.Count);
        for (var i = 0; i < messages.Count; i++)
        {
            if (mimes[i] is null)
            {
                continue;
            }

            if (!owners.ContainsKey(messages[i].Account))
            {
                outcomes[i] = SendOutcome.Refused("the account does not exist");
                continue;
            }

            ready.Add(i);
        }

        // Several connections at once: the relay's round trips overlap, each message leaves on one of them.
        var stop = 0;
        await Parallel.ForEachAsync(ready, new ParallelOptions { MaxDegreeOfParallelism = SmtpConnectionPool.Connections, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            if (Volatile.Read(ref stop) != 0 || !mayStart())
            {
                Volatile.Write(ref stop, 1);
                return;
            }

            outcomes[i] = await pool.SendAsync(mimes[i]!, ct);
        });

        await sends.RememberManyAsync(ProviderSends.Smtp, [.. ready.Where(i => outcomes[i] is { Accepted: true }).Select(i => (outcomes[i]!.ProviderMessageId!, messages[i]))], cancellationToken);
        return outcomes;
    }
}

/// <summary>Idle SMTP connections kept for the next send (a singleton: the pool outlives a request's scope).</summary>
public sealed class SmtpConnectionPool(IOptions<OutreachChannelOptions> options) : IDisposable
{
    /// <summary>How many connections a batch sends over at once (one carries ~1,000 e-mails/s to a prompt relay).</summary>
    public const int Connections = 4;

    private const int MaxIdle = 8;
    private readonly ConcurrentBag<SmtpClient> _idle = [];

    public async Task<SendOutcome> SendAsync(MimeMessage mime, CancellationToken cancellationToken)
    {
        var smtp = options.Value.Email.Smtp;
        SmtpClient? client = null;
        try
        {
            client = await RentAsync(smtp, cancellationToken);
            await client.SendAsync(mime, cancellationToken);
            Return(client);
            client = null;
            return SendOutcome.Sent(mime.MessageId);
        }
        catch (SmtpCommandException e)
        {
            // The server answered: 4xx is "try again later" (greylisting, a full mailbox), 5xx is final.
            var code = (int)e.StatusCode;
            return code is >= 400 and < 500
                ? SendOutcome.TryLater($"the mail server answered {code} ({e.ErrorCode})")
                : SendOutcome.Refused($"the mail server refused the message: {code} ({e.ErrorCode})");
        }
        catch (NotSupportedException)
        {
            // STARTTLS required but not offered: never fall back to sending in the clear.
            return SendOutcome.TryLater("the mail server does not offer STARTTLS, which the settings require");
        }
        catch (Exception e) when (e is SocketException or IOException or SmtpProtocolException or ServiceNotConnectedException or SslHandshakeException or TimeoutException or AuthenticationException
                                      || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return SendOutcome.TryLater($"the mail server could not be reached ({e.GetType().Name})");
        }
        finally
        {
            client?.Dispose();
        }
    }

    public void Dispose()
    {
        while (_idle.TryTake(out var client))
        {
            client.Dispose();
        }
    }

    private async Task<SmtpClient> RentAsync(SmtpOptions smtp, CancellationToken cancellationToken)
    {
        while (_idle.TryTake(out var idle))
        {
            if (idle.IsConnected)
            {
                return idle;
            }

            idle.Dispose();
        }

        var client = new SmtpClient { Timeout = smtp.TimeoutSeconds * 1000 };
        try
        {
            if (smtp.AcceptAnyCertificate)
            {
                client.ServerCertificateValidationCallback = (_, _, _, _) => true;
            }

            var security = smtp.Security switch
            {
                SmtpSecurity.None => SecureSocketOptions.None,
                SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
                SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            };
            // Small SMTP commands and replies must not wait on Nagle's algorithm and delayed ACKs (~40 ms a message otherwise).
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(smtp.Host!, smtp.Port, cancellationToken);
            }
            catch
            {
                socket.Dispose();
                throw;
            }

            await client.ConnectAsync(socket, smtp.Host!, smtp.Port, security, cancellationToken);
            if (!string.IsNullOrEmpty(smtp.User))
            {
                await client.AuthenticateAsync(smtp.User, smtp.Password ?? "", cancellationToken);
            }

            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private void Return(SmtpClient client)
    {
        if (client.IsConnected && _idle.Count < MaxIdle)
        {
            _idle.Add(client);
        }
        else
        {
            client.Dispose();
        }
    }
}
