using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Outreach.Contracts;
using Parley.Modules.Outreach.Planning;
using Parley.Persistence;
using Parley.SharedKernel.Security;
using Parley.Testing;
using Shouldly;
using static Parley.Modules.Outreach.Tests.Planning.PlanningTestData;

namespace Parley.Modules.Outreach.Tests.Planning;

public sealed class PlanOutreachTests
{
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    [Theory]
    [DatabaseProviders]
    public async Task A_day_plans_the_validation_notice_first_on_a_consented_channel_at_a_lawful_hour_with_its_reasons_and_decision_and_planning_it_again_plans_nothing_new(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (_, accounts) = await SeedAsync(database, 4);
        var (normal, onHold, noEmail, paused) = (accounts[0], accounts[1], accounts[2], accounts[3]);
        await RunAsync<PlaceHoldRequest, HoldView>(database.Services, Staff.Agent, new PlaceHoldRequest(onHold, HoldType.Dispute, "the customer disputes the balance"));
        await ChangePreferencesAsync(database, noEmail, OptedOutOf(ContactChannel.Email));
        var clock = database.Services.GetRequiredService<IClock>();
        await ChangePreferencesAsync(database, paused, ContactPreferences.None with { PausedUntil = clock.GetCurrentInstant() + Duration.FromDays(30) });
        var asOf = clock.GetCurrentInstant();

        var first = await PlanAsync(database, asOf);

        first.AccountsRead.ShouldBe(4);
        first.Planned.ShouldBe(2);
        first.LeftAlone.ShouldBe(2);
        var planned = await PlannedAsync(database);
        planned.Count.ShouldBe(2);
        var email = planned.Single(p => p.AccountId == normal);
        email.Step.ShouldBe(OutreachStep.ValidationNotice);
        email.Channel.ShouldBe(ContactChannel.Email);
        email.Purpose.ShouldBe(MessagePurpose.ValidationNotice);
        email.Tone.ShouldBe(MessageTone.Supportive);
        email.Status.ShouldBe(PlannedContactStatus.Planned);
        email.IdempotencyKey.ShouldBe($"plan:{normal}:2026-11-02:validation-notice");
        email.TimeZone.ShouldBe("America/New_York");
        email.ComplianceDecision.ShouldNotBeNull();
        email.Reasons.ShouldContain(r => r.StartsWith("step validation notice", StringComparison.Ordinal));
        email.Reasons.ShouldContain(r => r.StartsWith("channel email", StringComparison.Ordinal));
        email.Reasons.ShouldContain(r => r.StartsWith("hour ", StringComparison.Ordinal));
        var letter = planned.Single(p => p.AccountId == noEmail);
        letter.Channel.ShouldBe(ContactChannel.Letter);
        foreach (var p in planned)
        {
            p.ScheduledAt.ShouldBeGreaterThanOrEqualTo(asOf);
            var local = p.ScheduledAt.InZone(NewYork).TimeOfDay;
            local.ShouldBeGreaterThanOrEqualTo(new LocalTime(8, 0));
            local.ShouldBeLessThan(new LocalTime(21, 0));
        }

        // The decisions the plan rests on are in the hash-chained log, and the chain still holds.
        var verified = await RunAsync<VerifyDecisionLogRequest, LogVerification>(database.Services, Actor.System("test"), new VerifyDecisionLogRequest());
        verified.Valid.ShouldBeTrue();
        verified.Records.ShouldBeGreaterThanOrEqualTo(email.ComplianceDecision!.Value);

        var again = await PlanAsync(database, asOf);
        again.Planned.ShouldBe(0);
        again.AlreadyPlanned.ShouldBe(2);
        var later = await PlanAsync(database, asOf + Duration.FromHours(3));
        later.Planned.ShouldBe(0);
        (await PlannedAsync(database)).Count.ShouldBe(2);
    }

    [Fact]
    public void The_ladder_runs_notice_reminder_offer_check_in_call_and_repeats_with_gaps()
    {
        var steps = Enumerable.Range(0, 10).Select(ContactLadder.Default).ToList();
        steps.Select(s => s.Step).ShouldBe([
            OutreachStep.ValidationNotice, OutreachStep.Reminder, OutreachStep.Offer, OutreachStep.CheckIn, OutreachStep.Call,
            OutreachStep.Reminder, OutreachStep.Offer, OutreachStep.CheckIn, OutreachStep.Call, OutreachStep.Reminder]);
        steps.Select(s => s.After.Days).ShouldBe([0, 2, 3, 7, 10, 14, 3, 7, 10, 14]);
        ContactLadder.Tone(0, false).Tone.ShouldBe(MessageTone.Supportive);
        ContactLadder.Tone(2, false).Tone.ShouldBe(MessageTone.Neutral);
        Enumerable.Range(0, 10).SelectMany(n => new[] { ContactLadder.Tone(n, true).Tone, ContactLadder.Tone(n, false).Tone }).ShouldNotContain(MessageTone.Direct);
    }

    [Theory]
    [DatabaseProviders]
    public async Task The_next_step_waits_for_its_gap_after_the_last_one_sent(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (_, accounts) = await SeedAsync(database, 1);
        var asOf = database.Services.GetRequiredService<IClock>().GetCurrentInstant();
        (await PlanAsync(database, asOf)).Planned.ShouldBe(1);
        await using (var scope = database.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
            var notice = db.Set<PlannedContact>().Single();
            notice.Sent(notice.ScheduledAt, "test", null);
            await db.SaveChangesAsync();
        }

        // The reminder is due two days after the notice: not tomorrow, but the day after.
        (await PlanAsync(database, asOf + Duration.FromDays(1))).NotDue.ShouldBe(1);
        var dayAfter = await PlanAsync(database, asOf + Duration.FromDays(2));
        dayAfter.Planned.ShouldBe(1);
        var reminder = (await PlannedAsync(database)).Single(p => p.Step == OutreachStep.Reminder);
        reminder.Rung.ShouldBe(1);
        reminder.AccountId.ShouldBe(accounts[0]);
        reminder.Purpose.ShouldBe(MessagePurpose.Reminder);
    }

    [Theory]
    [DatabaseProviders]
    public async Task Planning_respects_the_creditors_contact_budget_and_a_bounced_address_as_the_send_time_check_does(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (creditor, accounts) = await SeedAsync(database, 3);
        var (budgeted, free, bounced) = (accounts[0], accounts[1], accounts[2]);
        var asOf = database.Services.GetRequiredService<IClock>().GetCurrentInstant();
        await RunAsync<ChangeContactBudgetRequest, ContactBudgetView>(database.Services, Staff.Acting("compliance@parley", StaffRoles.Compliance),
            new ChangeContactBudgetRequest(creditor, new ContactBudget(null, null, 1, null), "one e-mail a week"));
        await RunAsync<RecordContactAttemptRequest, ContactAttemptView>(database.Services, Staff.Agent, new RecordContactAttemptRequest(
            budgeted, ContactChannel.Email, OutreachTestData.Email, "email-two-days-ago", ContactDirection.Outbound, asOf - Duration.FromDays(2), ContactOutcome.Sent));
        await using (var scope = database.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
            var customer = db.Set<Parley.Modules.Accounts.Domain.Account>().Where(a => a.Id == bounced).Select(a => a.CustomerId).Single();
            db.Add(new Parley.Modules.Outreach.Channels.InvalidAddress(ContactChannel.Email, OutreachTestData.Email, customer, "550 5.1.1 no such user", asOf - Duration.FromDays(1)));
            await db.SaveChangesAsync();
        }

        (await PlanAsync(database, asOf)).Planned.ShouldBe(3);

        var planned = await PlannedAsync(database);
        planned.Single(p => p.AccountId == free).Channel.ShouldBe(ContactChannel.Email);
        var letter = planned.Single(p => p.AccountId == budgeted);
        letter.Channel.ShouldBe(ContactChannel.Letter);
        letter.Reasons.ShouldContain(r => r.Contains("the creditor's contact policy allows 1", StringComparison.Ordinal));
        planned.Single(p => p.AccountId == bounced).Channel.ShouldBe(ContactChannel.Letter);
    }
}
