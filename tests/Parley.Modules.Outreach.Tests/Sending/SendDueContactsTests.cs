using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Outreach.Calls;
using Parley.Modules.Outreach.Channels;
using Parley.Modules.Outreach.Contracts;
using Parley.Modules.Outreach.Domain;
using Parley.Modules.Outreach.Planning;
using Parley.Modules.Outreach.Sending;
using Parley.Modules.Outreach.Templates;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.Testing;
using Shouldly;
using static Parley.Modules.Outreach.Tests.Planning.PlanningTestData;

namespace Parley.Modules.Outreach.Tests.Sending;

public sealed class SendDueContactsTests
{
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    internal sealed record Channels(RecordingChannel Email, RecordingChannel Sms, RecordingChannel Letter, RecordingChannel Call);

    internal static Channels Register(IServiceCollection services, Channels? shared = null)
    {
        var channels = shared ?? new Channels(new(ContactChannel.Email), new(ContactChannel.Sms), new(ContactChannel.Letter), new(ContactChannel.Call));
        services.AddSingleton<IMessageRenderer, FixedRenderer>();
        services.AddSingleton<IChannelSender>(channels.Email);
        services.AddSingleton<IChannelSender>(channels.Sms);
        services.AddSingleton<IChannelSender>(channels.Letter);
        return channels;
    }

    private static async Task<(TestDatabase Database, Channels Channels)> StartAsync(DatabaseProvider provider)
    {
        Channels? channels = null;
        var database = await TestDatabase.CreateAsync(provider, s => channels = Register(s));
        return (database, channels!);
    }

    private static Instant Now(TestDatabase database) => database.Services.GetRequiredService<IClock>().GetCurrentInstant();

    /// <summary>Moves the fake clock to the latest planned instant, so everything planned is due.</summary>
    private static async Task AdvanceToAllDueAsync(TestDatabase database)
    {
        var last = (await PlannedAsync(database)).Where(p => p.Status == PlannedContactStatus.Planned).Max(p => p.NextAttemptAt!.Value);
        var now = Now(database);
        if (last > now)
        {
            database.Time.Advance((last - now).ToTimeSpan() + TimeSpan.FromSeconds(1));
        }
    }

    [Theory]
    [DatabaseProviders]
    public async Task Due_contacts_are_recorded_then_sent_once_with_their_key_and_decision_and_a_second_run_sends_nothing(DatabaseProvider provider)
    {
        var (database, channels) = await StartAsync(provider);
        await using var _ = database;
        var (_, accounts) = await SeedAsync(database, 3);
        (await PlanAsync(database)).Planned.ShouldBe(3);
        await AdvanceToAllDueAsync(database);

        var run = await SendAsync(database.Services);

        run.Sent.ShouldBe(3);
        channels.Email.Delivered.Count.ShouldBe(3);
        channels.Email.HandedOver.Count.ShouldBe(3);
        channels.Email.HandedOver.ShouldAllBe(m => m.To == OutreachTestData.Email);
        var planned = await PlannedAsync(database);
        planned.ShouldAllBe(p => p.Status == PlannedContactStatus.Sent);
        await using (var scope = database.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
            foreach (var p in planned)
            {
                var attempt = db.Set<ContactAttempt>().Single(a => a.AccountId == p.AccountId);
                attempt.IdempotencyKey.ShouldBe(SendDueContacts.SendKey(p.Id));
                attempt.ComplianceDecision.ShouldBe(p.ComplianceDecision);
                attempt.ComplianceDecision.ShouldNotBeNull();
                attempt.LatestOutcome.ShouldBe(ContactOutcome.Sent);
                attempt.Template.ShouldBe("ValidationNotice-Email");
                channels.Email.Delivered.ShouldContainKey(attempt.IdempotencyKey);
            }
        }

        (await SendAsync(database.Services)).Claimed.ShouldBe(0);
        channels.Email.HandedOver.Count.ShouldBe(3);
        accounts.Count.ShouldBe(3);
    }

    [Theory]
    [DatabaseProviders]
    public async Task What_changed_since_planning_cancels_the_send_with_the_reason(DatabaseProvider provider)
    {
        var (database, channels) = await StartAsync(provider);
        await using var _ = database;
        var (_, accounts) = await SeedAsync(database, 4);
        var (optedOut, disputed, paused, fine) = (accounts[0], accounts[1], accounts[2], accounts[3]);
        (await PlanAsync(database)).Planned.ShouldBe(4);

        await ChangePreferencesAsync(database, optedOut, OptedOutOf(ContactChannel.Email));
        await RunAsync<PlaceHoldRequest, HoldView>(database.Services, Staff.Agent, new PlaceHoldRequest(disputed, HoldType.Dispute, "the customer disputes the debt in writing"));
        await ChangePreferencesAsync(database, paused, ContactPreferences.None with { PausedUntil = Now(database) + Duration.FromDays(30) });
        await AdvanceToAllDueAsync(database);

        var run = await SendAsync(database.Services);

        run.Sent.ShouldBe(1);
        run.Cancelled.ShouldBe(3);
        var planned = (await PlannedAsync(database)).ToDictionary(p => p.AccountId);
        planned[fine].Status.ShouldBe(PlannedContactStatus.Sent);
        planned[optedOut].Status.ShouldBe(PlannedContactStatus.Cancelled);
        planned[optedOut].CancelReason!.ShouldContain("asked not to be contacted by email");
        planned[disputed].Status.ShouldBe(PlannedContactStatus.Cancelled);
        planned[disputed].CancelReason!.ShouldStartWith("refused at send time");
        planned[disputed].ComplianceDecision.ShouldNotBe(planned[fine].ComplianceDecision);
        planned[paused].CancelReason!.ShouldContain("paused");
        channels.Email.Delivered.Keys.ShouldBe([SendDueContacts.SendKey(planned[fine].Id)]);
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_provider_that_says_try_later_is_retried_with_backoff_and_ends_as_a_dead_letter_with_the_reason(DatabaseProvider provider)
    {
        var (database, channels) = await StartAsync(provider);
        await using var _ = database;
        await SeedAsync(database, 1);
        await PlanAsync(database);
        await AdvanceToAllDueAsync(database);
        var backoff = SendingOptions.Default.Backoff;
        for (var i = 0; i < SendingOptions.Default.MaxAttempts; i++)
        {
            channels.Email.Scripted.Enqueue(SendOutcome.TryLater("SMTP 451 try again later"));
        }

        var waits = new List<Duration>();
        for (var pass = 0; pass < 50 && (await PlannedAsync(database)).Single() is { Status: PlannedContactStatus.Planned } contact; pass++)
        {
            // A retry that falls outside the customer's window is re-planned to the morning, not sent late: the loop follows it.
            if (contact.NextAttemptAt > Now(database))
            {
                database.Time.Advance((contact.NextAttemptAt!.Value - Now(database)).ToTimeSpan());
            }

            var before = Now(database);
            if ((await SendAsync(database.Services)).Retrying == 1)
            {
                var retrying = (await PlannedAsync(database)).Single();
                retrying.LastError.ShouldBe("SMTP 451 try again later");
                retrying.Attempts.ShouldBe(waits.Count + 1);
                waits.Add(retrying.NextAttemptAt!.Value - before);
                (await SendAsync(database.Services)).Claimed.ShouldBe(0);
            }
        }

        waits.ShouldBe(backoff);
        var dead = (await PlannedAsync(database)).Single();
        dead.Status.ShouldBe(PlannedContactStatus.DeadLetter);
        dead.LastError!.ShouldContain("gave up after 6 tries");
        channels.Email.Delivered.ShouldBeEmpty();
        channels.Email.HandedOver.Count.ShouldBe(6);
    }

    [Theory]
    [DatabaseProviders]
    public async Task After_a_stop_overdue_contacts_are_re_planned_into_the_next_lawful_window_never_sent_at_night(DatabaseProvider provider)
    {
        var (database, channels) = await StartAsync(provider);
        await using var _ = database;
        await SeedAsync(database, 5);
        (await PlanAsync(database)).Planned.ShouldBe(5);

        // The host was down until 23:30 in New York: everything is overdue.
        var night = new LocalDate(2026, 11, 2).At(new LocalTime(23, 30)).InZoneStrictly(NewYork).ToInstant();
        database.Time.Advance((night - Now(database)).ToTimeSpan());
        var restart = await SendAsync(database.Services);

        restart.Sent.ShouldBe(0);
        restart.Replanned.ShouldBe(5);
        channels.Email.HandedOver.ShouldBeEmpty();
        var replanned = await PlannedAsync(database);
        foreach (var p in replanned)
        {
            p.Status.ShouldBe(PlannedContactStatus.Planned);
            var local = p.ScheduledAt.InZone(NewYork).LocalDateTime;
            local.Date.ShouldBe(new LocalDate(2026, 11, 3));
            local.TimeOfDay.ShouldBeGreaterThanOrEqualTo(new LocalTime(8, 0));
            p.Reasons.ShouldContain(r => r.StartsWith("re-planned at send time", StringComparison.Ordinal));
        }

        await AdvanceToAllDueAsync(database);
        (await SendAsync(database.Services)).Sent.ShouldBe(5);
        foreach (var m in channels.Email.HandedOver)
        {
            m.IdempotencyKey.ShouldStartWith("send:");
        }

        channels.Email.Delivered.Count.ShouldBe(5);
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_call_step_becomes_a_call_task_inside_the_lawful_window(DatabaseProvider provider)
    {
        var (database, channels) = await StartAsync(provider);
        await using var _ = database;
        var (_, accounts) = await SeedAsync(database, 1);
        await using (var scope = database.Scope())
        {
            // The ladder has reached its call step: the check-in was sent ten days ago.
            var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
            var owner = await scope.ServiceProvider.GetRequiredService<IAccountOwners>().GetAsync(accounts[0], None);
            var checkIn = new PlannedContact($"plan:{accounts[0]}:2026-10-23:check-in", accounts[0], owner!.CreditorId, owner.CustomerId, OutreachStep.CheckIn, 3,
                ContactChannel.Email, MessageTone.Supportive, "en", Now(database) - Duration.FromDays(10), "America/New_York", ["test"], Now(database) - Duration.FromDays(10));
            checkIn.Sent(Now(database) - Duration.FromDays(10), null, null);
            db.Add(checkIn);
            await db.SaveChangesAsync();
        }

        (await PlanAsync(database)).Planned.ShouldBe(1);
        var call = (await PlannedAsync(database)).Single(p => p.Step == OutreachStep.Call);
        call.Channel.ShouldBe(ContactChannel.Call);
        await AdvanceToAllDueAsync(database);

        (await SendAsync(database.Services)).CallTasks.ShouldBe(1);

        await using (var scope = database.Scope())
        {
            var task = scope.ServiceProvider.GetRequiredService<ParleyDbContext>().Set<CallTask>().Single();
            task.AccountId.ShouldBe(accounts[0]);
            task.Status.ShouldBe(CallTaskStatus.Open);
            task.TimeZone.ShouldBe("America/New_York");
            task.WindowFrom.InZone(NewYork).TimeOfDay.ShouldBeGreaterThanOrEqualTo(new LocalTime(8, 0));
            task.WindowTo.InZone(NewYork).TimeOfDay.ShouldBeLessThanOrEqualTo(new LocalTime(21, 0));
            task.WindowTo.ShouldBeGreaterThan(task.WindowFrom);
        }

        var open = await RunAsync<ListCallTasksRequest, IReadOnlyList<CallTaskView>>(database.Services, Staff.Agent, new ListCallTasksRequest());
        var listed = open.ShouldHaveSingleItem();
        listed.WindowFromLocal.TimeOfDay.ShouldBeGreaterThanOrEqualTo(new LocalTime(8, 0));
        var done = await RunAsync<CompleteCallTaskRequest, CallTaskView>(database.Services, Staff.Agent,
            new CompleteCallTaskRequest(listed.Id, OutreachTestData.Phone, ContactOutcome.Voicemail, "dialler-77"));
        done.Status.ShouldBe(CallTaskStatus.Done);
        done.Outcome.ShouldBe(ContactOutcome.Voicemail);
        var again = await RunAsync<CompleteCallTaskRequest, CallTaskView>(database.Services, Staff.Agent,
            new CompleteCallTaskRequest(listed.Id, OutreachTestData.Phone, ContactOutcome.Voicemail, "dialler-77"));
        again.Attempt.ShouldBe(done.Attempt);
        (await RunAsync<ListCallTasksRequest, IReadOnlyList<CallTaskView>>(database.Services, Staff.Agent, new ListCallTasksRequest())).ShouldBeEmpty();
        var history = await RunAsync<GetContactHistoryRequest, ContactHistoryView>(database.Services, Staff.Agent, new GetContactHistoryRequest(accounts[0]));
        var made = history.Attempts.ShouldHaveSingleItem();
        made.Channel.ShouldBe(ContactChannel.Call);
        made.LatestOutcome.ShouldBe(ContactOutcome.Voicemail);
        made.ComplianceDecision.ShouldNotBeNull();

        var refused = await Should.ThrowAsync<DomainException>(() => RunAsync<CompleteCallTaskRequest, CallTaskView>(database.Services, Staff.Agent,
            new CompleteCallTaskRequest(listed.Id, OutreachTestData.Phone, ContactOutcome.Delivered, "dialler-78")));
        refused.Error.ShouldBeOfType<CallOutcomeRequired>();
        channels.Email.HandedOver.ShouldBeEmpty();
    }

    [Theory]
    [DatabaseProviders]
    public async Task Two_messages_to_one_customer_in_one_batch_count_against_each_other_under_the_frequency_caps(DatabaseProvider provider)
    {
        var (database, channels) = await StartAsync(provider);
        await using var _ = database;
        var (_, accounts) = await SeedAsync(database, 2);
        (await PlanAsync(database)).Planned.ShouldBe(2);
        await AdvanceToAllDueAsync(database);
        await using (var scope = database.Scope())
        {
            // A reminder to the first customer, due with the planned notice: the same batch holds two e-mails to them.
            var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
            var owner = await scope.ServiceProvider.GetRequiredService<IAccountOwners>().GetAsync(accounts[0], None);
            db.Add(new PlannedContact($"now:{accounts[0]}:reminder", accounts[0], owner!.CreditorId, owner.CustomerId, OutreachStep.Reminder, SendContactNow.OutsideTheLadder,
                ContactChannel.Email, MessageTone.Supportive, "en", Now(database), "America/New_York", ["test"], Now(database)));
            await db.SaveChangesAsync();
        }

        var run = await SendAsync(database.Services);

        run.Claimed.ShouldBe(3);
        run.Sent.ShouldBe(2);
        var planned = await PlannedAsync(database);
        var first = planned.Where(p => p.AccountId == accounts[0]).ToList();
        first.Count(p => p.Status == PlannedContactStatus.Sent).ShouldBe(1);
        var held = first.Single(p => p.Status != PlannedContactStatus.Sent);
        var why = string.Join(" | ", held.Reasons.Append(held.CancelReason ?? ""));
        // Neither was recorded before the batch: only the first, counted within the batch, holds the second back.
        held.Status.ShouldBe(PlannedContactStatus.Planned);
        held.NextAttemptAt!.Value.ShouldBeGreaterThan(Now(database));
        why.ShouldContain("1 e-mail(s) already sent today");
        planned.Single(p => p.AccountId == accounts[1]).Status.ShouldBe(PlannedContactStatus.Sent);
        channels.Email.HandedOver.Count(m => m.Account == accounts[0]).ShouldBe(1);
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_payment_in_full_since_planning_cancels_the_send_and_the_rest_of_the_batch_leaves(DatabaseProvider provider)
    {
        var (database, channels) = await StartAsync(provider);
        await using var _ = database;
        var (_, accounts) = await SeedAsync(database, 3);
        (await PlanAsync(database)).Planned.ShouldBe(3);
        await using (var scope = database.Scope())
        {
            // What the ledger does to the account when the last of the balance is paid.
            var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
            await db.Set<Parley.Modules.Accounts.Domain.Account>().Where(a => a.Id == accounts[0])
                .ExecuteUpdateAsync(u => u.SetProperty(a => a.Status, AccountStatus.PaidInFull));
        }

        await AdvanceToAllDueAsync(database);
        var run = await SendAsync(database.Services);

        run.Sent.ShouldBe(2);
        run.Cancelled.ShouldBe(1);
        var paid = (await PlannedAsync(database)).Single(p => p.AccountId == accounts[0]);
        paid.Status.ShouldBe(PlannedContactStatus.Cancelled);
        paid.CancelReason.ShouldBe("the account is paid in full now");
        channels.Email.HandedOver.ShouldNotContain(m => m.Account == accounts[0]);
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_provider_failure_of_one_message_leaves_the_rest_of_the_batch_sent(DatabaseProvider provider)
    {
        var (database, channels) = await StartAsync(provider);
        await using var _ = database;
        await SeedAsync(database, 4);
        (await PlanAsync(database)).Planned.ShouldBe(4);
        await AdvanceToAllDueAsync(database);
        channels.Email.Scripted.Enqueue(SendOutcome.TryLater("SMTP 451 try again later"));
        channels.Email.Scripted.Enqueue(SendOutcome.Refused("SMTP 550 no such user"));

        var run = await SendAsync(database.Services);

        run.Sent.ShouldBe(2);
        run.Retrying.ShouldBe(1);
        run.DeadLettered.ShouldBe(1);
        var planned = await PlannedAsync(database);
        planned.Count(p => p.Status == PlannedContactStatus.Sent).ShouldBe(2);
        planned.Single(p => p.Status == PlannedContactStatus.Planned).LastError.ShouldBe("SMTP 451 try again later");
        planned.Single(p => p.Status == PlannedContactStatus.DeadLetter).LastError.ShouldBe("SMTP 550 no such user");
        await using var scope = database.Scope();
        var attempts = scope.ServiceProvider.GetRequiredService<ParleyDbContext>().Set<ContactAttempt>().ToList();
        attempts.Count.ShouldBe(4);
        attempts.Count(a => a.LatestOutcome == ContactOutcome.Sent).ShouldBe(2);
        attempts.Count(a => a.LatestOutcome == ContactOutcome.Failed).ShouldBe(1);
        attempts.Count(a => a.LatestOutcome == ContactOutcome.Queued).ShouldBe(1);
    }
}
