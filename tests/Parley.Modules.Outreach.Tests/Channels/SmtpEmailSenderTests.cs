using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Outreach.Channels;
using Parley.Persistence;
using Parley.Testing;
using Shouldly;
using SmtpServer.Protocol;
using static Parley.Modules.Outreach.Tests.Channels.ChannelTestHost;

namespace Parley.Modules.Outreach.Tests.Channels;

/// <summary>The e-mail channel against a real SMTP server on loopback: what arrives, STARTTLS, and how failures map.</summary>
public sealed class SmtpEmailSenderTests
{
    private static Task<TestDatabase> WithSmtpAsync(int port, SmtpSecurity security = SmtpSecurity.None, DatabaseProvider provider = DatabaseProvider.Sqlite) =>
        CreateAsync(provider, o =>
        {
            o.Email.Smtp.Host = "127.0.0.1";
            o.Email.Smtp.Port = port;
            o.Email.Smtp.Security = security;
            o.Email.Smtp.From = "ACME Collections <accounts@collect.example.com>";
            o.Email.Smtp.ReplyTo = "replies@collect.example.com";
            o.Email.Smtp.TimeoutSeconds = 5;
            o.Email.Smtp.AcceptAnyCertificate = true;
        });

    [Fact]
    public async Task The_message_arrives_with_its_headers_and_a_resend_carries_the_same_Message_ID()
    {
        await using var smtp = await LoopbackSmtpServer.StartAsync();
        await using var database = await WithSmtpAsync(smtp.Port);
        var account = await SeedAsync(database);

        var first = await SendAsync(database, Email(account, key: "send-42"));
        var resent = await SendAsync(database, Email(account, key: "send-42"));

        first.Accepted.ShouldBeTrue();
        resent.ProviderMessageId.ShouldBe(first.ProviderMessageId);
        first.ProviderMessageId.ShouldBe(EmailComposer.MessageId("send-42", "collect.example.com"));
        smtp.Received.Count.ShouldBe(2);
        var (message, secure) = smtp.Received.First();
        secure.ShouldBeFalse();
        smtp.Received.Select(r => r.Message.MessageId).Distinct().ShouldBe([first.ProviderMessageId]);
        message.To.Mailboxes.ShouldHaveSingleItem().Address.ShouldBe(OutreachTestData.Email);
        message.From.Mailboxes.ShouldHaveSingleItem().Address.ShouldBe("accounts@collect.example.com");
        message.ReplyTo.Mailboxes.ShouldHaveSingleItem().Address.ShouldBe("replies@collect.example.com");
        message.Subject.ShouldBe("Your ACME balance");
        message.Headers["List-Unsubscribe"].ShouldStartWith("<https://collect.example.com/outreach/unsubscribe/");
        message.Headers["List-Unsubscribe-Post"].ShouldBe("List-Unsubscribe=One-Click");
        message.Body.ShouldBeOfType<MultipartAlternative>();
        message.TextBody.ShouldNotBeNull().ShouldContain("Your balance is $120.");
        message.HtmlBody.ShouldNotBeNull().ShouldContain("<p>Your balance is $120.</p>");
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_batch_arrives_once_per_message_over_pooled_connections_and_stops_starting_when_told(DatabaseProvider provider)
    {
        await using var smtp = await LoopbackSmtpServer.StartAsync();
        await using var database = await WithSmtpAsync(smtp.Port, provider: provider);
        var account = await SeedAsync(database);
        var batch = Enumerable.Range(0, 12).Select(i => Email(account, key: $"send-batch-{i}")).ToList();
        batch.Add(Email(account, key: "send-batch-bad", to: "not an address"));

        IReadOnlyList<SendOutcome?> outcomes;
        await using (var scope = database.Scope())
        {
            var sender = scope.ServiceProvider.GetRequiredService<ChannelSenders>().For(ContactChannel.Email).ShouldBeAssignableTo<IBatchChannelSender>()!;
            outcomes = await sender.SendManyAsync(batch, () => true, CancellationToken.None);
        }

        outcomes.Take(12).ShouldAllBe(o => o != null && o.Accepted);
        outcomes[12]!.Accepted.ShouldBeFalse();
        outcomes[12]!.Retryable.ShouldBeFalse();
        smtp.Received.Count.ShouldBe(12);
        smtp.Received.Select(r => r.Message.MessageId).Distinct().Count().ShouldBe(12);
        (await AllAsync<ProviderSend>(database)).Select(s => s.IdempotencyKey).Order().ShouldBe(batch.Take(12).Select(m => m.IdempotencyKey).Order());
        var link = (await AllAsync<AddressLink>(database)).ShouldHaveSingleItem();
        link.AccountId.ShouldBe(account);

        // A retry of a batch under the same keys: the same Message-IDs, so the ids and the address are remembered once still.
        await using (var scope = database.Scope())
        {
            var sender = (IBatchChannelSender)scope.ServiceProvider.GetRequiredService<ChannelSenders>().For(ContactChannel.Email);
            (await sender.SendManyAsync(batch.Take(3).ToList(), () => true, CancellationToken.None)).ShouldAllBe(o => o != null && o.Accepted);
        }

        (await AllAsync<ProviderSend>(database)).Count.ShouldBe(12);
        (await AllAsync<AddressLink>(database)).ShouldHaveSingleItem().Id.ShouldBe(link.Id);
        smtp.Received.Count.ShouldBe(15);

        // The sender's lease ran out: nothing more starts, and what did not start has no outcome.
        await using (var scope = database.Scope())
        {
            var sender = (IBatchChannelSender)scope.ServiceProvider.GetRequiredService<ChannelSenders>().For(ContactChannel.Email);
            var stopped = await sender.SendManyAsync([Email(account, key: "send-late")], () => false, CancellationToken.None);
            stopped.ShouldHaveSingleItem().ShouldBeNull();
        }

        smtp.Received.Count.ShouldBe(15);
    }

    [Fact]
    public async Task Starttls_with_a_self_signed_certificate_encrypts_the_session()
    {
        using var certificate = LoopbackSmtpServer.SelfSignedCertificate();
        await using var smtp = await LoopbackSmtpServer.StartAsync(certificate);
        await using var database = await WithSmtpAsync(smtp.Port, SmtpSecurity.StartTls);
        var account = await SeedAsync(database);

        var outcome = await SendAsync(database, Email(account));

        outcome.Accepted.ShouldBeTrue(outcome.Error);
        smtp.Received.ShouldHaveSingleItem().Secure.ShouldBeTrue();
    }

    [Fact]
    public async Task A_server_without_starttls_is_not_sent_to_in_the_clear_when_starttls_is_required()
    {
        await using var smtp = await LoopbackSmtpServer.StartAsync();
        await using var database = await WithSmtpAsync(smtp.Port, SmtpSecurity.StartTls);
        var account = await SeedAsync(database);

        var outcome = await SendAsync(database, Email(account));

        (outcome.Accepted, outcome.Retryable).ShouldBe((false, true));
        outcome.Error.ShouldNotBeNull().ShouldContain("STARTTLS");
        smtp.Received.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_server_that_is_down_means_try_later()
    {
        await using var database = await WithSmtpAsync(LoopbackSmtpServer.FreePort());
        var account = await SeedAsync(database);

        var outcome = await SendAsync(database, Email(account));

        (outcome.Accepted, outcome.Retryable).ShouldBe((false, true));
        outcome.Error.ShouldNotBeNull().ShouldContain("could not be reached");
    }

    [Theory]
    [InlineData(SmtpReplyCode.InsufficientStorage, true)]
    [InlineData(SmtpReplyCode.MailboxUnavailable, false)]
    public async Task A_4xx_answer_means_try_later_and_a_5xx_answer_is_a_refusal(SmtpReplyCode code, bool retryable)
    {
        await using var smtp = await LoopbackSmtpServer.StartAsync(answer: () => new SmtpResponse(code, "not now"));
        await using var database = await WithSmtpAsync(smtp.Port);
        var account = await SeedAsync(database);

        var outcome = await SendAsync(database, Email(account));

        (outcome.Accepted, outcome.Retryable).ShouldBe((false, retryable));
        outcome.Error.ShouldNotBeNull().ShouldContain(((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task An_address_that_is_not_an_email_address_is_refused_without_a_connection()
    {
        await using var database = await WithSmtpAsync(LoopbackSmtpServer.FreePort());
        var account = await SeedAsync(database);

        var outcome = await SendAsync(database, Email(account) with { To = "not an address" });

        (outcome.Accepted, outcome.Retryable).ShouldBe((false, false));
    }
}
