using NodaTime;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Outreach.Contracts;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.Testing;
using Shouldly;
using static Parley.Modules.Outreach.Tests.Planning.PlanningTestData;

namespace Parley.Modules.Outreach.Tests.Sending;

/// <summary>A message staff send now: the gate decides now and again as it leaves; a double click queues one; the ladder sees it.</summary>
public sealed class SendContactNowTests
{
    private static Task<PlannedContactView> SendNowAsync(TestDatabase database, AccountId account, ContactChannel channel, MessagePurpose purpose, string key = "form-1") =>
        RunAsync<SendContactNowRequest, PlannedContactView>(database.Services, Staff.Agent, new SendContactNowRequest(account, channel, purpose, "the customer asked on the phone", key));

    [Theory]
    [DatabaseProviders]
    public async Task A_text_sent_now_leaves_with_the_next_run_once_and_the_ladder_starts_after_a_validation_notice_sent_now(DatabaseProvider provider)
    {
        SendDueContactsTests.Channels? channels = null;
        await using var database = await TestDatabase.CreateAsync(provider, s => channels = SendDueContactsTests.Register(s));
        var (_, accounts) = await SeedAsync(database, 2);

        var text = await SendNowAsync(database, accounts[0], ContactChannel.Sms, MessagePurpose.Reminder);
        var again = await SendNowAsync(database, accounts[0], ContactChannel.Sms, MessagePurpose.Reminder);
        var notice = await SendNowAsync(database, accounts[1], ContactChannel.Email, MessagePurpose.ValidationNotice);

        again.Id.ShouldBe(text.Id, "the same form sent twice queues one message");
        text.Status.ShouldBe(PlannedContactStatus.Planned);
        text.ComplianceDecision.ShouldNotBeNull();
        text.Reasons.ShouldHaveSingleItem().ShouldContain("the customer asked on the phone");
        var run = await SendAsync(database.Services);
        run.Sent.ShouldBe(2);
        channels!.Sms.HandedOver.ShouldHaveSingleItem().To.ShouldBe(OutreachTestData.Phone);
        channels.Email.HandedOver.ShouldHaveSingleItem();

        // The validation notice sent now is the ladder's first rung: the day's plan holds the reminder, not a second notice.
        var plan = await PlanAsync(database, SystemClockNow(database) + Duration.FromDays(2));
        var planned = (await PlannedAsync(database)).Where(p => p.AccountId == accounts[1] && p.Status == PlannedContactStatus.Planned).ToList();
        planned.ShouldHaveSingleItem().Step.ShouldBe(OutreachStep.Reminder);
        plan.Planned.ShouldBe(2);
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_letter_goes_to_the_print_channel_with_the_customers_name_and_address_on_their_own_lines(DatabaseProvider provider)
    {
        SendDueContactsTests.Channels? channels = null;
        await using var database = await TestDatabase.CreateAsync(provider, s => channels = SendDueContactsTests.Register(s));
        var (_, accounts) = await SeedAsync(database, 1);

        await SendNowAsync(database, accounts[0], ContactChannel.Letter, MessagePurpose.Reminder);
        (await SendAsync(database.Services)).Sent.ShouldBe(1);

        // The letter sender prints the name, then each address line: the gate's one-line "1 Main St, Philadelphia 19103" would be refused.
        channels!.Letter.HandedOver.ShouldHaveSingleItem().To.Split('\n').ShouldBe(["Jane Doe", "1 Main St", "Philadelphia 19103"]);
        var history = await RunAsync<GetContactHistoryRequest, ContactHistoryView>(database.Services, Staff.Agent, new GetContactHistoryRequest(accounts[0]));
        history.Attempts.ShouldHaveSingleItem().Channel.ShouldBe(ContactChannel.Letter);
    }

    [Theory]
    [DatabaseProviders]
    public async Task At_night_the_gate_refuses_with_the_rule_and_the_next_lawful_hour_and_nothing_is_queued(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, s => SendDueContactsTests.Register(s));
        var (_, accounts) = await SeedAsync(database, 1);
        // 02:30 UTC is 21:30 the evening before in New York: past the law's 9 p.m.
        database.Time.SetUtcNow(new DateTimeOffset(2026, 11, 3, 2, 30, 0, TimeSpan.Zero));

        var refused = await Should.ThrowAsync<DomainException>(() => SendNowAsync(database, accounts[0], ContactChannel.Sms, MessagePurpose.Reminder));

        var error = refused.Error.ShouldBeOfType<ContactNotAllowedNow>();
        error.Kind.ShouldBe(ErrorKind.Conflict);
        error.RuleIds.ShouldNotBeEmpty();
        var next = error.NextLawfulAt.ShouldNotBeNull().InZone(DateTimeZoneProviders.Tzdb["America/New_York"]);
        next.Date.ShouldBe(new LocalDate(2026, 11, 3));
        next.TimeOfDay.ShouldBeInRange(new LocalTime(8, 0), new LocalTime(8, 1), "the refusal was right: the next lawful instant is the customer's 8 a.m.");
        (await PlannedAsync(database)).ShouldBeEmpty();
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_validation_notice_by_text_a_call_and_a_missing_reason_are_refused_by_field(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, s => SendDueContactsTests.Register(s));
        var (_, accounts) = await SeedAsync(database, 1);

        (await Should.ThrowAsync<DomainException>(() => SendNowAsync(database, accounts[0], ContactChannel.Sms, MessagePurpose.ValidationNotice)))
            .Error.FieldErrors!.Keys.ShouldBe(["purpose"]);
        (await Should.ThrowAsync<DomainException>(() => SendNowAsync(database, accounts[0], ContactChannel.Call, MessagePurpose.Reminder)))
            .Error.FieldErrors!.Keys.ShouldBe(["channel"]);
        (await Should.ThrowAsync<DomainException>(() => RunAsync<SendContactNowRequest, PlannedContactView>(database.Services, Staff.Agent,
            new SendContactNowRequest(accounts[0], ContactChannel.Email, MessagePurpose.Reminder, " ", "form-2")))).Error.FieldErrors!.Keys.ShouldBe(["reason"]);
        (await PlannedAsync(database)).ShouldBeEmpty();
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_customer_who_paused_contact_is_not_sent_to_now(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, s => SendDueContactsTests.Register(s));
        var (_, accounts) = await SeedAsync(database, 1);
        var until = SystemClockNow(database) + Duration.FromDays(30);
        await ChangePreferencesAsync(database, accounts[0], ContactPreferences.None with { PausedUntil = until });

        var refused = await Should.ThrowAsync<DomainException>(() => SendNowAsync(database, accounts[0], ContactChannel.Email, MessagePurpose.Reminder));

        refused.Error.ShouldBeOfType<ContactNotAllowedNow>().NextLawfulAt.ShouldBe(until);
        (await PlannedAsync(database)).ShouldBeEmpty();
    }

    private static Instant SystemClockNow(TestDatabase database) => Instant.FromDateTimeOffset(database.Time.GetUtcNow());
}
