using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Outreach.Channels;
using Parley.Modules.Outreach.Contracts;
using Parley.Modules.Outreach.Inbound;
using Parley.Modules.Outreach.Planning;
using Parley.Persistence;
using Parley.Persistence.Outbox;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.Testing;
using Shouldly;
using static Parley.Modules.Outreach.Tests.Channels.ChannelTestHost;

namespace Parley.Modules.Outreach.Tests.Channels;

public sealed class DevOutboxTests
{
    [Theory]
    [DatabaseProviders]
    public async Task With_nothing_configured_an_email_lands_in_the_dev_outbox_once_per_key_with_the_headers_it_would_carry(DatabaseProvider provider)
    {
        await using var database = await CreateAsync(provider);
        var account = await SeedAsync(database);

        var first = await SendAsync(database, Email(account));
        var again = await SendAsync(database, Email(account));

        first.Accepted.ShouldBeTrue();
        again.ShouldBe(first);
        var stored = (await AllAsync<DevOutboxMessage>(database)).ShouldHaveSingleItem();
        stored.Channel.ShouldBe(ContactChannel.Email);
        stored.To.ShouldBe(OutreachTestData.Email);
        stored.Html.ShouldNotBeNull().ShouldContain("Your balance is $120.");
        stored.Headers.ShouldContain($"Message-Id: <{first.ProviderMessageId}>");
        stored.Headers.ShouldContain("List-Unsubscribe: <https://collect.example.com/outreach/unsubscribe/");
        stored.Headers.ShouldContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
        first.ProviderMessageId.ShouldBe(EmailComposer.MessageId("send-1", "parley.invalid"));

        var view = await RunAsync<GetDevOutboxMessageRequest, DevOutboxMessageView>(database, Staff.Agent, new GetDevOutboxMessageRequest(stored.Id));
        view.Text.ShouldBe("Hello Jane,\nYour balance is $120.");
        var list = await RunAsync<ListDevOutboxRequest, IReadOnlyList<DevOutboxSummary>>(database, Staff.Agent, new ListDevOutboxRequest());
        list.ShouldHaveSingleItem().To.ShouldNotContain("jane.doe");
    }

    [Theory]
    [DatabaseProviders]
    public async Task Another_creditors_staff_neither_list_nor_open_the_message(DatabaseProvider provider)
    {
        await using var database = await CreateAsync(provider);
        var account = await SeedAsync(database);
        await SendAsync(database, Sms(account));
        var id = (await AllAsync<DevOutboxMessage>(database)).ShouldHaveSingleItem().Id;
        var stranger = new StaffMember("other@parley", new HashSet<string> { StaffRoles.Agent }, CreditorScope.Only([CreditorId.From(Guid.Empty)]));

        (await RunAsync<ListDevOutboxRequest, IReadOnlyList<DevOutboxSummary>>(database, stranger, new ListDevOutboxRequest())).ShouldBeEmpty();
        (await Should.ThrowAsync<DomainException>(() => RunAsync<GetDevOutboxMessageRequest, DevOutboxMessageView>(database, stranger, new GetDevOutboxMessageRequest(id))))
            .Error.ShouldBeOfType<DevOutboxMessageNotFound>();
        (await Should.ThrowAsync<DomainException>(() => RunAsync<ReplyToDevOutboxMessageRequest, InboundResult>(database, stranger, new ReplyToDevOutboxMessageRequest(id, "STOP"))))
            .Error.ShouldBeOfType<DevOutboxMessageNotFound>();
    }

    [Theory]
    [DatabaseProviders]
    public async Task An_empty_outbox_learns_when_the_next_email_or_text_is_due_for_the_actors_creditors_only(DatabaseProvider provider)
    {
        await using var database = await CreateAsync(provider);
        var account = await SeedAsync(database);
        (await RunAsync<GetNextPlannedMessageRequest, NextPlannedMessage?>(database, Staff.Agent, new GetNextPlannedMessageRequest())).ShouldBeNull();

        var at = NodaTime.Instant.FromUtc(2026, 12, 7, 13, 0);
        await using (var scope = database.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
            var owner = await db.Set<Accounts.Domain.Account>().Where(a => a.Id == account).Select(a => new { a.CreditorId, a.CustomerId }).SingleAsync();
            PlannedContact Planned(string key, ContactChannel channel, OutreachStep step, NodaTime.Instant due) =>
                new(key, account, owner.CreditorId, owner.CustomerId, step, 0, channel, MessageTone.Supportive, "en", due, "America/New_York", ["test"], at);

            // A letter leaves earlier, but a letter never lands in the development outbox.
            db.AddRange(
                Planned("letter", ContactChannel.Letter, OutreachStep.ValidationNotice, at),
                Planned("email", ContactChannel.Email, OutreachStep.Reminder, at.Plus(NodaTime.Duration.FromHours(2))),
                Planned("sms", ContactChannel.Sms, OutreachStep.Reminder, at.Plus(NodaTime.Duration.FromHours(1))));
            await db.SaveChangesAsync();
        }

        var next = await RunAsync<GetNextPlannedMessageRequest, NextPlannedMessage?>(database, Staff.Agent, new GetNextPlannedMessageRequest());
        next.ShouldBe(new NextPlannedMessage(ContactChannel.Sms, at.Plus(NodaTime.Duration.FromHours(1)), "America/New_York"));
        var stranger = new StaffMember("other@parley", new HashSet<string> { StaffRoles.Agent }, CreditorScope.Only([CreditorId.From(Guid.Empty)]));
        (await RunAsync<GetNextPlannedMessageRequest, NextPlannedMessage?>(database, stranger, new GetNextPlannedMessageRequest())).ShouldBeNull();
    }

    [Theory]
    [DatabaseProviders]
    public async Task Replying_STOP_as_the_customer_stops_texts_at_once_and_confirms_once(DatabaseProvider provider)
    {
        await using var database = await CreateAsync(provider);
        var account = await SeedAsync(database);
        await SendAsync(database, Sms(account));
        var sent = (await AllAsync<DevOutboxMessage>(database)).ShouldHaveSingleItem();

        var result = await RunAsync<ReplyToDevOutboxMessageRequest, InboundResult>(database, Staff.Agent, new ReplyToDevOutboxMessageRequest(sent.Id, " stop "));

        result.ShouldBe(new InboundResult(InboundHandling.OptedOut, 1));
        var preferences = await RunAsync<GetContactPreferencesRequest, ContactPreferencesView>(database, Staff.Agent, new GetContactPreferencesRequest(account));
        var sms = preferences.Preferences.Channels.ShouldHaveSingleItem();
        (sms.Channel, sms.Consent, sms.Source).ShouldBe((ContactChannel.Sms, ChannelConsent.OptedOut, ConsentSource.ReplyStop));
        preferences.History.ShouldHaveSingleItem().ChangedBy.ShouldBe("system:sms-stop");

        // The gate now refuses texts to this customer.
        var check = await RunAsync<CheckContactEligibilityRequest, ContactCheck>(database, Staff.Agent, new CheckContactEligibilityRequest(account, Channel: ContactChannel.Sms));
        var decision = check.Channels.ShouldHaveSingleItem();
        decision.Allowed.ShouldBeFalse();
        decision.RuleIds.ShouldContain("US-REGF-MEDIUM-OPTOUT");

        var outbox = await AllAsync<DevOutboxMessage>(database);
        outbox.Count.ShouldBe(2);
        outbox.Single(m => m.Id != sent.Id).Text.ShouldContain("no more texts");
        (await AllAsync<DevOutboxMessage>(database)).Single(m => m.Id == sent.Id).Status.ShouldBe(DevOutboxStatus.Replied);

        // A keyword is not a message for the Care module.
        (await AllAsync<OutboxMessage>(database)).ShouldNotContain(m => m.Type == InboundMessageReceived.EventType);
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_reply_in_words_is_stored_on_the_account_and_raised_for_care_without_its_text_in_the_event(DatabaseProvider provider)
    {
        await using var database = await CreateAsync(provider);
        var account = await SeedAsync(database);
        await SendAsync(database, Sms(account));
        var sent = (await AllAsync<DevOutboxMessage>(database)).ShouldHaveSingleItem();

        var result = await RunAsync<ReplyToDevOutboxMessageRequest, InboundResult>(database, Staff.Agent, new ReplyToDevOutboxMessageRequest(sent.Id, "I lost my job, can we talk?"));

        result.Handling.ShouldBe(InboundHandling.Stored);
        var messages = await RunAsync<GetAccountMessagesRequest, AccountMessagesView>(database, Staff.Agent, new GetAccountMessagesRequest(account));
        var message = messages.Messages.ShouldHaveSingleItem();
        (message.Direction, message.Channel, message.Text, message.Keyword).ShouldBe((ContactDirection.Inbound, ContactChannel.Sms, "I lost my job, can we talk?", (string?)null));
        var raised = (await AllAsync<OutboxMessage>(database)).Where(m => m.Type == InboundMessageReceived.EventType).ShouldHaveSingleItem();
        raised.Payload.ShouldContain(message.Id.ToString());
        raised.Payload.ShouldNotContain("lost my job");
        (await AllAsync<DevOutboxMessage>(database)).Count.ShouldBe(1);
    }
}
