using Microsoft.Extensions.Configuration;

namespace Parley.Modules.Outreach.Channels;

/// <summary>How an e-mail connection is secured: none (loopback relays only), STARTTLS on a plain port, or TLS from the first byte (465).</summary>
public enum SmtpSecurity
{
    None,
    StartTls,
    SslOnConnect,
}

/// <summary>
/// Configuration section <c>Outreach</c>: the ways out. With no SMTP host and no SMS provider, e-mails and texts go to
/// the development outbox (ADR 18), so the demo shows them without anything else installed.
/// </summary>
public sealed class OutreachChannelOptions
{
    public const string Section = "Outreach";

    /// <summary>The committed development secrets (appsettings.Development.json): anyone can read them, so they are for Development only.</summary>
    public const string DevelopmentUnsubscribeSecret = "unsub_development_only_not_a_real_secret";

    public const string DevelopmentWebhookSecret = "whsec_outreach_development_only_not_a_real_secret";

    /// <summary>The address customers reach Parley at (one-click unsubscribe links), e.g. <c>https://collect.example.com</c>.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>How far a webhook's signed timestamp may be from now before it is refused as a replay.</summary>
    public int WebhookToleranceSeconds { get; set; } = 300;

    public EmailChannelOptions Email { get; set; } = new();

    public SmsChannelOptions Sms { get; set; } = new();

    public LetterChannelOptions Letters { get; set; } = new();

    public static IReadOnlyList<string> SettingsWithDevelopmentSecret(IConfiguration configuration)
    {
        var o = configuration.GetSection(Section).Get<OutreachChannelOptions>() ?? new OutreachChannelOptions();
        return
        [
            .. o.Email.UnsubscribeSecret == DevelopmentUnsubscribeSecret ? [$"{Section}:Email:UnsubscribeSecret"] : Array.Empty<string>(),
            .. o.Email.InboundWebhookSecret == DevelopmentWebhookSecret ? [$"{Section}:Email:InboundWebhookSecret"] : Array.Empty<string>(),
            .. o.Sms.WebhookSecret == DevelopmentWebhookSecret ? [$"{Section}:Sms:WebhookSecret"] : Array.Empty<string>(),
        ];
    }
}

public sealed class EmailChannelOptions
{
    /// <summary>The SMTP relay; without a host, e-mails go to the development outbox.</summary>
    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>The key of the one-click unsubscribe tokens (HMAC over account, channel and address); without it no unsubscribe link is offered.</summary>
    public string? UnsubscribeSecret { get; set; }

    /// <summary>The secret inbound e-mail webhooks are signed with (<c>POST /api/outreach/email/inbound</c>); without it the webhook is closed.</summary>
    public string? InboundWebhookSecret { get; set; }

    /// <summary>The mailbox customers reply to, polled over IMAP; without a host nothing is polled.</summary>
    public ImapOptions Imap { get; set; } = new();
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender, e.g. <c>Parley Collections &lt;accounts@collect.example.com&gt;</c>; its domain names the Message-IDs.</summary>
    public string From { get; set; } = "Parley <outreach@parley.invalid>";

    public string? ReplyTo { get; set; }

    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Accept any server certificate (tests with a certificate they made); never in production.</summary>
    public bool AcceptAnyCertificate { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}

public sealed class SmsChannelOptions
{
    /// <summary>The provider's name (<c>sandbox</c> is built in); it names the webhook routes.</summary>
    public string Provider { get; set; } = "sandbox";

    /// <summary>The provider's API; without it, texts go to the development outbox.</summary>
    public string? BaseUrl { get; set; }

    public string? ApiKey { get; set; }

    /// <summary>The secret the provider signs its delivery and inbound webhooks with.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>The number texts are sent from (E.164).</summary>
    public string? From { get; set; }

    /// <summary>The reply to HELP / AYUDA.</summary>
    public string HelpText { get; set; } = "Parley Collections: for help call us or reply to this message. Reply STOP to stop texts. Msg & data rates may apply.";

    public string StopText { get; set; } = "You will get no more texts from us. Reply START to get them again.";

    public string StartText { get; set; } = "You will get texts from us again. Reply STOP to stop them.";

    public int TimeoutSeconds { get; set; } = 10;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(BaseUrl);
}

public sealed class LetterChannelOptions
{
    /// <summary>Where the dated letter batches are written (<c>{Directory}/{yyyy-MM-dd}/</c>).</summary>
    public string Directory { get; set; } = "letters";

    public string SenderName { get; set; } = "Parley Collections";

    public List<string> SenderAddress { get; set; } = ["PO Box 1000", "Philadelphia, PA 19103"];
}

/// <summary>
/// Section <c>Outreach:Email:Imap</c>: the mailbox replies and bounces arrive in. Each poll reads the folder's unseen
/// messages, then marks each one <c>\Seen</c> — or moves it to <see cref="ProcessedFolder"/> — once it is stored.
/// </summary>
public sealed class ImapOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 993;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.SslOnConnect;

    public string? User { get; set; }

    public string? Password { get; set; }

    public string Folder { get; set; } = "INBOX";

    /// <summary>Where handled messages are moved; without one they stay in <see cref="Folder"/>, flagged <c>\Seen</c>.</summary>
    public string? ProcessedFolder { get; set; }

    /// <summary>How many messages one poll takes at most (the rest wait for the next).</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>How many polls a message that fails to be taken in gets before it is left, flagged, for a person.</summary>
    public int MaxTries { get; set; } = 5;

    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Accept any server certificate (tests with a certificate they made); never in production.</summary>
    public bool AcceptAnyCertificate { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}
