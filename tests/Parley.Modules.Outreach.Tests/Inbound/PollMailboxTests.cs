using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Outreach.Channels;
using Parley.Modules.Outreach.Contracts;
using Parley.Modules.Outreach.Inbound;
using Parley.Persistence;
using Parley.Persistence.Outbox;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;
using Parley.Testing;
using Shouldly;
using static Parley.Modules.Outreach.Tests.Channels.ChannelTestHost;

namespace Parley.Modules.Outreach.Tests.Inbound;

/// <summary>The inbound mailbox polled over IMAP (MailKit against a loopback IMAP server): replies, bounces, unsubscribes, strangers.</summary>
public sealed class PollMailboxTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Actor Job = Actor.System("inbound-mailbox");

    [Theory]
    [DatabaseProviders]
    public async Task A_reply_is_stored_once_and_marked_seen_and_a_repoll_after_a_crash_stores_nothing_twice(DatabaseProvider provider)
    {
        await using var imap = LoopbackImapServer.Start();
        await using var database = await CreateAsync(provider, Mailbox(imap.Port));
        var account = await SeedAsync(database);
        var sent = await SendAsync(database, Email(account));
        var uid = imap.Deliver(Reply("<reply-1@mail.example.com>", "Jane Doe <Jane.Doe@Example.com>", $"<{sent.ProviderMessageId}>",
            "I dispute this debt.\nPlease send proof.\n\n-- \nJane\n\nOn Mon, 7 Dec 2026 at 09:00, ACME wrote:\n> Your balance is $120."));

        var first = await PollAsync(database);

        (first.Read, first.Stored).ShouldBe((1, 1));
        var message = (await RunAsync<GetAccountMessagesRequest, AccountMessagesView>(database, Staff.Agent, new GetAccountMessagesRequest(account))).Messages.ShouldHaveSingleItem();
        (message.Channel, message.Direction, message.Text).ShouldBe((ContactChannel.Email, ContactDirection.Inbound, "I dispute this debt.\nPlease send proof."));
        imap.Find(uid)!.Value.Flags.ShouldContain("\\Seen");
        (await OutboxAsync(database)).ShouldBe(1);

        // Nothing unseen: the next poll reads nothing.
        (await PollAsync(database)).Read.ShouldBe(0);

        // The process died after storing and before flagging: the message is unseen again, and its Message-ID stores nothing twice.
        imap.Unsee(uid);
        var again = await PollAsync(database);
        (again.Read, again.Stored, again.Duplicates).ShouldBe((1, 0, 1));
        (await AllAsync<OutreachMessage>(database)).Count.ShouldBe(1);
        (await OutboxAsync(database)).ShouldBe(1);
        imap.Find(uid)!.Value.Flags.ShouldContain("\\Seen");
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_bounce_report_marks_the_address_undeliverable_and_the_contact_bounced(DatabaseProvider provider)
    {
        await using var imap = LoopbackImapServer.Start();
        await using var database = await CreateAsync(provider, Mailbox(imap.Port));
        var account = await SeedAsync(database);
        await RunAsync<RecordContactAttemptRequest, ContactAttemptView>(database, Actor.System("test-sender"),
            new RecordContactAttemptRequest(account, ContactChannel.Email, OutreachTestData.Email, "send-1"));
        var sent = await SendAsync(database, Email(account, key: "send-1"));
        var delayed = imap.Deliver(Bounce("<dsn-0@mx.example.com>", sent.ProviderMessageId!, "delayed", "4.2.2"));
        var failed = imap.Deliver(Bounce("<dsn-1@mx.example.com>", sent.ProviderMessageId!, "failed", "5.1.1"));

        var run = await PollAsync(database);

        (run.Read, run.Bounces, run.Stored).ShouldBe((2, 2, 0));
        var invalid = (await AllAsync<InvalidAddress>(database)).ShouldHaveSingleItem();
        invalid.Reason.ShouldStartWith("5.1.1");
        invalid.Reason.ShouldNotContain(OutreachTestData.Email);
        var attempt = (await RunAsync<GetContactHistoryRequest, ContactHistoryView>(database, Staff.Agent, new GetContactHistoryRequest(account))).Attempts.ShouldHaveSingleItem();
        attempt.LatestOutcome.ShouldBe(ContactOutcome.Bounced);
        (await AllAsync<OutreachMessage>(database)).ShouldBeEmpty();
        imap.Find(delayed)!.Value.Flags.ShouldContain("\\Seen");
        imap.Find(failed)!.Value.Flags.ShouldContain("\\Seen");
    }

    [Theory]
    [DatabaseProviders]
    public async Task An_unknown_sender_is_left_flagged_for_a_person_and_the_rest_of_the_poll_goes_on(DatabaseProvider provider)
    {
        await using var imap = LoopbackImapServer.Start(folders: "Processed");
        await using var database = await CreateAsync(provider, Mailbox(imap.Port, processed: "Processed"));
        var account = await SeedAsync(database);
        await SendAsync(database, Email(account));
        var stranger = imap.Deliver(Reply("<who@elsewhere.example>", "someone@elsewhere.example", null, "Who are you?"));
        var nameless = imap.Deliver(Reply("<bad@elsewhere.example>", "undisclosed-recipients:;", null, "No sender at all"));
        var reply = imap.Deliver(Reply("<reply-2@mail.example.com>", OutreachTestData.Email, null, "I will pay on Friday."));

        var run = await PollAsync(database);

        (run.Read, run.Stored, run.UnknownSenders, run.Unreadable).ShouldBe((3, 1, 1, 1));
        imap.Find(stranger)!.Value.Folder.ShouldBe("INBOX");
        imap.Find(stranger)!.Value.Flags.ShouldBe(["\\Seen", "\\Flagged"], ignoreOrder: true);
        imap.Find(nameless)!.Value.Folder.ShouldBe("INBOX");
        imap.Find(nameless)!.Value.Flags.ShouldContain("\\Flagged");
        imap.Find(reply).ShouldBeNull("moved: the processed folder holds it under a new UID");
        imap.CommandsStartingWith("UID MOVE").ShouldBe(1);
        (await AllAsync<OutreachMessage>(database)).ShouldHaveSingleItem().Text.ShouldBe("I will pay on Friday.");
    }

    [Theory]
    [DatabaseProviders]
    public async Task An_unsubscribe_request_by_mail_records_the_email_opt_out(DatabaseProvider provider)
    {
        await using var imap = LoopbackImapServer.Start();
        await using var database = await CreateAsync(provider, Mailbox(imap.Port));
        var account = await SeedAsync(database);
        await SendAsync(database, Email(account));
        imap.Deliver(Reply("<unsub-1@mail.example.com>", OutreachTestData.Email, null, "", subject: "Unsubscribe"));

        var run = await PollAsync(database);

        run.Unsubscribes.ShouldBe(1);
        var preferences = await RunAsync<GetContactPreferencesRequest, ContactPreferencesView>(database, Staff.Agent, new GetContactPreferencesRequest(account));
        var email = preferences.Preferences.Channels.ShouldHaveSingleItem();
        (email.Channel, email.Consent).ShouldBe((ContactChannel.Email, ChannelConsent.OptedOut));
        preferences.History.ShouldHaveSingleItem().ChangedBy.ShouldBe("system:unsubscribe");
        (await AllAsync<OutreachMessage>(database)).ShouldHaveSingleItem().Text.ShouldBe("Unsubscribe");
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_mailbox_that_is_down_fails_the_poll_and_the_next_poll_takes_the_mail(DatabaseProvider provider)
    {
        var port = LoopbackImapServer.FreePort();
        await using var database = await CreateAsync(provider, Mailbox(port));
        var account = await SeedAsync(database);
        await SendAsync(database, Email(account));

        var down = await Should.ThrowAsync<Exception>(() => PollAsync(database));
        (down is SocketException or IOException).ShouldBeTrue(down.GetType().Name);

        await using var imap = LoopbackImapServer.Start(port);
        imap.Deliver(Reply("<reply-3@mail.example.com>", OutreachTestData.Email, null, "Back again."));
        (await PollAsync(database)).Stored.ShouldBe(1);
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_message_that_keeps_failing_is_retried_then_left_flagged_after_its_tries(DatabaseProvider provider)
    {
        await using var imap = LoopbackImapServer.Start();
        await using var database = await CreateAsync(provider, Mailbox(imap.Port, maxTries: 2), services: services =>
            services.Decorate<IUseCase<ReceiveInboundMessageRequest, InboundResult>>(inner => new FailingFor("poison", inner)));
        var account = await SeedAsync(database);
        await SendAsync(database, Email(account));
        var poison = imap.Deliver(Reply("<poison@mail.example.com>", OutreachTestData.Email, null, "poison"));
        var good = imap.Deliver(Reply("<good@mail.example.com>", OutreachTestData.Email, null, "fine"));

        var first = await PollAsync(database);
        (first.Stored, first.Failed, first.GivenUp).ShouldBe((1, 1, 0));
        imap.Find(poison)!.Value.Flags.ShouldBeEmpty();
        imap.Find(good)!.Value.Flags.ShouldContain("\\Seen");

        var second = await PollAsync(database);
        (second.Read, second.Failed, second.GivenUp).ShouldBe((1, 0, 1));
        imap.Find(poison)!.Value.Flags.ShouldBe(["\\Seen", "\\Flagged"], ignoreOrder: true);
        (await PollAsync(database)).Read.ShouldBe(0);
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_message_whose_tries_ran_out_in_earlier_runs_is_not_tried_again_but_left_flagged_for_a_person(DatabaseProvider provider)
    {
        await using var imap = LoopbackImapServer.Start();
        await using var database = await CreateAsync(provider, Mailbox(imap.Port, maxTries: 2));
        var account = await SeedAsync(database);
        await SendAsync(database, Email(account));
        var poison = imap.Deliver(Reply("<crash@mail.example.com>", OutreachTestData.Email, null, "brought the host down twice"));

        // Two earlier runs began taking it in and never finished (the host died each time): the count survived them.
        await using (var scope = database.Scope())
        {
            var tries = scope.ServiceProvider.GetRequiredService<MailboxTries>();
            (await tries.BeginAsync($"7:{poison}", Ct)).ShouldBe(1);
            (await tries.BeginAsync($"7:{poison}", Ct)).ShouldBe(2);
        }

        var poll = await PollAsync(database);
        (poll.Read, poll.Stored, poll.GivenUp).ShouldBe((0, 0, 1));
        imap.Find(poison)!.Value.Flags.ShouldBe(["\\Seen", "\\Flagged"], ignoreOrder: true);
        (await RunAsync<GetAccountMessagesRequest, AccountMessagesView>(database, Staff.Agent, new GetAccountMessagesRequest(account))).Messages.ShouldBeEmpty();
        await using (var scope = database.Scope())
        {
            (await scope.ServiceProvider.GetRequiredService<ParleyDbContext>().Set<MailboxTry>().CountAsync(Ct)).ShouldBe(0);
        }
    }

    [Theory]
    [DatabaseProviders]
    public async Task Without_a_host_nothing_is_polled_and_only_Parley_itself_may_poll(DatabaseProvider provider)
    {
        await using var database = await CreateAsync(provider);

        (await PollAsync(database)).ShouldBe(MailboxPollSummary.NotConfigured);
        var refused = await Should.ThrowAsync<DomainException>(() => RunAsync<PollMailboxRequest, MailboxPollSummary>(database, Staff.Acting("admin@parley", StaffRoles.Admin), new PollMailboxRequest()));
        refused.Error.ShouldBeOfType<ActorNotAllowed>();
    }

    private static Action<OutreachChannelOptions> Mailbox(int port, string? processed = null, int maxTries = 5) => o =>
    {
        o.Email.Imap.Host = "127.0.0.1";
        o.Email.Imap.Port = port;
        o.Email.Imap.Security = SmtpSecurity.None;
        o.Email.Imap.User = LoopbackImapServer.User;
        o.Email.Imap.Password = LoopbackImapServer.Password;
        o.Email.Imap.ProcessedFolder = processed;
        o.Email.Imap.MaxTries = maxTries;
        o.Email.Imap.TimeoutSeconds = 10;
    };

    private static Task<MailboxPollSummary> PollAsync(TestDatabase database) =>
        RunAsync<PollMailboxRequest, MailboxPollSummary>(database, Job, new PollMailboxRequest());

    private static async Task<int> OutboxAsync(TestDatabase database) =>
        (await AllAsync<OutboxMessage>(database)).Count(m => m.Type == InboundMessageReceived.EventType);

    private static string Reply(string messageId, string from, string? inReplyTo, string text, string subject = "Re: Your ACME balance") =>
        $"""
        From: {from}
        To: replies@collect.example.com
        Subject: {subject}
        Message-ID: {messageId}
        Date: Sun, 06 Dec 2026 09:30:00 +0000
        {(inReplyTo is null ? "" : $"In-Reply-To: {inReplyTo}\n")}MIME-Version: 1.0
        Content-Type: text/plain; charset=utf-8

        {text}

        """;

    private static string Bounce(string messageId, string original, string action, string status) =>
        $"""
        From: Mail Delivery System <mailer-daemon@mx.example.com>
        To: replies@collect.example.com
        Subject: Undelivered Mail Returned to Sender
        Message-ID: {messageId}
        Date: Sun, 06 Dec 2026 09:31:00 +0000
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

        --b1
        Content-Type: text/plain; charset=us-ascii

        Your message could not be delivered.

        --b1
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.example.com

        Final-Recipient: rfc822; {OutreachTestData.Email}
        Action: {action}
        Status: {status}
        Diagnostic-Code: smtp; 550 5.1.1 <{OutreachTestData.Email}>: user unknown

        --b1
        Content-Type: text/rfc822-headers

        Message-ID: <{original}>
        From: Parley <outreach@parley.invalid>
        Subject: Your ACME balance

        --b1--

        """;

    /// <summary>The real use case, failing like a database outage for one message's text.</summary>
    private sealed class FailingFor(string text, IUseCase<ReceiveInboundMessageRequest, InboundResult> inner) : IUseCase<ReceiveInboundMessageRequest, InboundResult>
    {
        public Task<InboundResult> HandleAsync(Actor actor, ReceiveInboundMessageRequest request, CancellationToken cancellationToken) =>
            request.Text == text ? throw new InvalidOperationException("the database went away") : inner.HandleAsync(actor, request, cancellationToken);
    }
}

internal static class DecorateExtensions
{
    /// <summary>Wraps the registered <typeparamref name="T"/> (scoped) in <paramref name="wrap"/>.</summary>
    public static void Decorate<T>(this IServiceCollection services, Func<T, T> wrap)
        where T : class
    {
        var registered = services.Last(d => d.ServiceType == typeof(T));
        services.Remove(registered);
        services.Add(ServiceDescriptor.Describe(typeof(T), sp => wrap((T)(registered.ImplementationFactory?.Invoke(sp)
            ?? (registered.ImplementationType is { } type ? ActivatorUtilities.CreateInstance(sp, type) : registered.ImplementationInstance!))), registered.Lifetime));
    }
}
