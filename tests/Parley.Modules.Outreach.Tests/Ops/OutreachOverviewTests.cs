using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Outreach.Channels;
using Parley.Modules.Outreach.Contracts;
using Parley.Modules.Outreach.Domain;
using Parley.Modules.Outreach.Planning;
using Parley.Modules.Outreach.Sending;
using Parley.Modules.Outreach.Tests.Sending;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.Testing;
using Shouldly;
using static Parley.Modules.Outreach.Tests.Planning.PlanningTestData;

namespace Parley.Modules.Outreach.Tests.Ops;

/// <summary>
/// The Ops page's figures and its dead-letter retry, on a small world made through the use cases with a fake clock: five
/// accounts planned and sent (one delivered, one bounced, one cancelled at send by a dispute, one a dead letter, one
/// still waiting) and one blocked at planning by a rule.
/// </summary>
public sealed class OutreachOverviewTests
{
    private const string BlockingRule = "US-REGF-TIME-8TO9";

    private static readonly Actor Compliance = Staff.Acting("compliance@parley", StaffRoles.Compliance);

    private sealed record World(TestDatabase Database, SendDueContactsTests.Channels Channels, CreditorId Creditor, LocalDate Day, Instant Blocked,
        AccountId Delivered, AccountId Bounced, AccountId Disputed, AccountId Dead, AccountId Waiting, AccountId BlockedAccount) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Database.DisposeAsync();

        public Instant Now => Database.Services.GetRequiredService<IClock>().GetCurrentInstant();

        public async Task<PlannedContact> PlannedOfAsync(AccountId account) => (await PlannedAsync(Database)).Single(p => p.AccountId == account);
    }

    private static async Task<World> MakeWorldAsync(DatabaseProvider provider)
    {
        SendDueContactsTests.Channels? channels = null;
        var database = await TestDatabase.CreateAsync(provider, s => channels = SendDueContactsTests.Register(s));
        var (creditor, accounts) = await SeedAsync(database, 6);
        var blocked = accounts[5];
        var asOf = database.Services.GetRequiredService<IClock>().GetCurrentInstant();
        var day = asOf.InUtc().Date;
        await RunAsync<PlaceHoldRequest, HoldView>(database.Services, Staff.Agent, new PlaceHoldRequest(blocked, HoldType.Hardship, "lost their job", ResumesAutomatically: false));
        (await PlanAsync(database, asOf)).Planned.ShouldBe(5);

        // In the order they fall due: the first e-mail the mail server refuses for good, two are sent, one is stopped by a
        // dispute since planning, and the last is not due yet.
        var due = (await PlannedAsync(database)).OrderBy(p => p.NextAttemptAt).ToList();
        var (dead, delivered, bounced, disputed, waiting) = (due[0].AccountId, due[1].AccountId, due[2].AccountId, due[3].AccountId, due[4].AccountId);
        due[4].NextAttemptAt.ShouldNotBe(due[3].NextAttemptAt);
        await RunAsync<PlaceHoldRequest, HoldView>(database.Services, Staff.Agent, new PlaceHoldRequest(disputed, HoldType.Dispute, "the customer disputes the debt in writing"));

        // The planner's block on every channel, as it keeps one: cancelled with the rule and the gate's next lawful instant.
        var nextLawful = asOf + Duration.FromHours(20);
        await using (var scope = database.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
            var owner = await scope.ServiceProvider.GetRequiredService<IAccountOwners>().GetAsync(blocked, None);
            var row = new PlannedContact($"plan:{blocked}:{day:uuuu-MM-dd}:validation-notice", blocked, owner!.CreditorId, owner.CustomerId, OutreachStep.ValidationNotice, 0,
                ContactChannel.Email, MessageTone.Supportive, "en", asOf, "America/New_York", ["step validation notice"], asOf);
            row.BlockedAtPlanning($"email refused: outside the customer's calling hours ({BlockingRule})", [BlockingRule], null, nextLawful);
            db.Add(row);
            await db.SaveChangesAsync();
        }

        channels!.Email.Scripted.Enqueue(SendOutcome.Refused("the mail server refused the address"));
        var now = database.Services.GetRequiredService<IClock>().GetCurrentInstant();
        database.Time.Advance((due[3].NextAttemptAt!.Value - now).ToTimeSpan() + TimeSpan.FromSeconds(1));
        var run = await SendAsync(database.Services);
        run.Sent.ShouldBe(2);
        run.Cancelled.ShouldBe(1);
        run.DeadLettered.ShouldBe(1);

        await ReportAsync(database, delivered, ContactOutcome.Delivered);
        await ReportAsync(database, bounced, ContactOutcome.Bounced);
        return new World(database, channels, creditor, day, nextLawful, delivered, bounced, disputed, dead, waiting, blocked);
    }

    [Theory]
    [DatabaseProviders]
    public async Task The_overview_counts_each_channels_day_the_rules_that_blocked_and_every_dead_letter(DatabaseProvider provider)
    {
        await using var world = await MakeWorldAsync(provider);

        var overview = await OverviewAsync(world, Compliance, world.Day);

        overview.Day.ShouldBe(world.Day);
        var email = overview.Channels.Single(c => c.Channel == ContactChannel.Email);
        email.ShouldBe(new OutreachChannelCounts(ContactChannel.Email, Planned: 1, Sending: 0, Sent: 2, Delivered: 1, BouncedOrFailed: 1, CancelledAtSend: 1, BlockedAtPlanning: 1, DeadLetters: 1));
        overview.Channels.Select(c => c.Channel).ShouldBe(Enum.GetValues<ContactChannel>(), ignoreOrder: true);
        overview.Channels.Where(c => c.Channel != ContactChannel.Email).ShouldAllBe(c => c.Planned + c.Sending + c.Sent + c.CancelledAtSend + c.DeadLetters + c.BlockedAtPlanning == 0);

        var disputed = await world.PlannedOfAsync(world.Disputed);
        disputed.RuleIds.ShouldNotBeEmpty();
        overview.BlockedByRule.ShouldContain(new RuleBlockCount(BlockingRule, AtPlanning: 1, AtSend: disputed.RuleIds.Contains(BlockingRule) ? 1 : 0));
        foreach (var rule in disputed.RuleIds.Where(r => r != BlockingRule))
        {
            overview.BlockedByRule.ShouldContain(new RuleBlockCount(rule, 0, 1));
        }

        overview.DeadLetterTotal.ShouldBe(1);
        var dead = overview.DeadLetters.ShouldHaveSingleItem();
        dead.AccountId.ShouldBe(world.Dead);
        dead.Channel.ShouldBe(ContactChannel.Email);
        dead.Step.ShouldBe(OutreachStep.ValidationNotice);
        dead.Attempts.ShouldBe(1);
        dead.LastError.ShouldBe("the mail server refused the address");

        // Another day has none of today's counts, but the dead letters of every day.
        var tomorrow = await OverviewAsync(world, Compliance, world.Day.PlusDays(1));
        tomorrow.Channels.ShouldAllBe(c => c.Planned + c.Sending + c.Sent + c.CancelledAtSend + c.BlockedAtPlanning + c.DeadLetters == 0);
        tomorrow.BlockedByRule.ShouldBeEmpty();
        tomorrow.DeadLetterTotal.ShouldBe(1);

        // Staff of another creditor count nothing of this one's.
        var other = new StaffMember("other@parley", new HashSet<string> { StaffRoles.Supervisor }, CreditorScope.Only([CreditorId.New()]));
        var theirs = await OverviewAsync(world, other, world.Day);
        theirs.Channels.ShouldAllBe(c => c.Planned + c.Sent + c.Delivered + c.CancelledAtSend + c.BlockedAtPlanning + c.DeadLetters == 0);
        theirs.BlockedByRule.ShouldBeEmpty();
        theirs.DeadLetterTotal.ShouldBe(0);
        theirs.DeadLetters.ShouldBeEmpty();
    }

    [Theory]
    [DatabaseProviders]
    public async Task The_overview_is_for_supervisors_compliance_and_admins_on_a_day_within_a_year(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var today = database.Services.GetRequiredService<IClock>().GetCurrentInstant().InUtc().Date;

        (await Should.ThrowAsync<DomainException>(() => RunAsync<GetOutreachOverviewRequest, OutreachOverview>(database.Services, Staff.Agent, new GetOutreachOverviewRequest(today))))
            .Error.ShouldBeOfType<ActorNotAllowed>();
        var far = await Should.ThrowAsync<DomainException>(() => RunAsync<GetOutreachOverviewRequest, OutreachOverview>(database.Services, Staff.Supervisor, new GetOutreachOverviewRequest(today.PlusYears(2))));
        far.Error.FieldErrors!.Keys.ShouldBe(["day"]);
        var empty = await RunAsync<GetOutreachOverviewRequest, OutreachOverview>(database.Services, Actor.System("test"), new GetOutreachOverviewRequest(today));
        empty.Channels.Count.ShouldBe(4);
        empty.DeadLetterTotal.ShouldBe(0);
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_retried_dead_letter_is_due_now_with_who_and_why_and_the_sender_checks_and_sends_it(DatabaseProvider provider)
    {
        await using var world = await MakeWorldAsync(provider);
        var dead = await world.PlannedOfAsync(world.Dead);

        var retried = await RunAsync<RetryPlannedContactRequest, PlannedContactView>(world.Database.Services, Staff.Supervisor,
            new RetryPlannedContactRequest(dead.Id, "  the customer's address was corrected  "));

        retried.Status.ShouldBe(PlannedContactStatus.Planned);
        retried.Attempts.ShouldBe(0);
        retried.NextAttemptAt.ShouldBe(world.Now);
        retried.LastError.ShouldBe("the mail server refused the address");
        retried.Reasons[^1].ShouldStartWith("retried by supervisor@parley at ");
        retried.Reasons[^1].ShouldEndWith("UTC: the customer's address was corrected");
        (await OverviewAsync(world, Compliance, world.Day)).DeadLetterTotal.ShouldBe(0);

        // The sender takes it and asks the gate again at the send instant: the refused e-mail counts towards today's cap,
        // so it is re-planned to the customer's next lawful morning, not sent now.
        var run = await SendAsync(world.Database.Services);
        var replanned = await world.PlannedOfAsync(world.Dead);
        run.ShouldBe(new SendRunSummary(Claimed: 1, Sent: 0, CallTasks: 0, Replanned: 1, Cancelled: 0, Retrying: 0, DeadLettered: 0), string.Join(" | ", replanned.Reasons));
        replanned.Status.ShouldBe(PlannedContactStatus.Planned);
        replanned.ScheduledAt.ShouldBeGreaterThan(world.Now);
        replanned.ScheduledAt.InZone(DateTimeZoneProviders.Tzdb["America/New_York"]).TimeOfDay.ShouldBeGreaterThanOrEqualTo(new LocalTime(8, 0));
        replanned.Reasons[^1].ShouldStartWith("re-planned at send time");

        // Then, at that hour, the mail server accepts it this time.
        world.Database.Time.Advance((replanned.ScheduledAt - world.Now).ToTimeSpan() + TimeSpan.FromSeconds(1));
        (await SendAsync(world.Database.Services)).Sent.ShouldBeGreaterThanOrEqualTo(1);
        var sent = await world.PlannedOfAsync(world.Dead);
        sent.Status.ShouldBe(PlannedContactStatus.Sent);
        sent.ComplianceDecision.ShouldNotBe(dead.ComplianceDecision);
        sent.LastError.ShouldBeNull();
        world.Channels.Email.HandedOver.Count(m => m.IdempotencyKey == SendDueContacts.SendKey(dead.Id)).ShouldBe(2);
        world.Channels.Email.Delivered.ShouldContainKey(SendDueContacts.SendKey(dead.Id));
    }

    [Theory]
    [DatabaseProviders]
    public async Task Only_a_dead_letter_is_retried_by_a_supervisor_or_admin_of_its_creditor_with_a_reason(DatabaseProvider provider)
    {
        await using var world = await MakeWorldAsync(provider);
        var dead = (await world.PlannedOfAsync(world.Dead)).Id;
        var sent = (await world.PlannedOfAsync(world.Delivered)).Id;
        Task<PlannedContactView> Retry(Actor actor, PlannedContactId id, string reason = "provider back") =>
            RunAsync<RetryPlannedContactRequest, PlannedContactView>(world.Database.Services, actor, new RetryPlannedContactRequest(id, reason));

        (await Should.ThrowAsync<DomainException>(() => Retry(Staff.Agent, dead))).Error.ShouldBeOfType<ActorNotAllowed>();
        (await Should.ThrowAsync<DomainException>(() => Retry(Compliance, dead))).Error.ShouldBeOfType<ActorNotAllowed>();
        var other = new StaffMember("other@parley", new HashSet<string> { StaffRoles.Supervisor }, CreditorScope.Only([CreditorId.New()]));
        (await Should.ThrowAsync<DomainException>(() => Retry(other, dead))).Error.ShouldBe(new PlannedContactNotFound(dead));
        (await Should.ThrowAsync<DomainException>(() => Retry(Staff.Supervisor, PlannedContactId.New()))).Error.ShouldBeOfType<PlannedContactNotFound>();
        var conflict = await Should.ThrowAsync<DomainException>(() => Retry(Staff.Supervisor, sent));
        conflict.Error.ShouldBe(new PlannedContactNotADeadLetter(sent, PlannedContactStatus.Sent));
        conflict.Error.Kind.ShouldBe(ErrorKind.Conflict);
        (await Should.ThrowAsync<DomainException>(() => Retry(Staff.Supervisor, dead, "  "))).Error.ShouldBeOfType<RetryReasonRequired>();
        (await Should.ThrowAsync<DomainException>(() => Retry(Staff.Supervisor, dead, new string('x', 501)))).Error.ShouldBeOfType<RetryReasonRequired>();
        (await world.PlannedOfAsync(world.Dead)).Status.ShouldBe(PlannedContactStatus.DeadLetter);

        (await Retry(Staff.Acting("admin@parley", StaffRoles.Admin), dead)).Status.ShouldBe(PlannedContactStatus.Planned);
        (await Should.ThrowAsync<DomainException>(() => Retry(Staff.Supervisor, dead))).Error.ShouldBeOfType<PlannedContactNotADeadLetter>();
    }

    [Theory]
    [DatabaseProviders]
    public async Task An_accounts_planned_contacts_show_the_blocking_rule_and_the_next_lawful_time_to_its_creditors_staff_only(DatabaseProvider provider)
    {
        await using var world = await MakeWorldAsync(provider);

        var blocked = await RunAsync<ListAccountPlannedContactsRequest, IReadOnlyList<PlannedContactView>>(world.Database.Services, Staff.Agent, new ListAccountPlannedContactsRequest(world.BlockedAccount));
        var row = blocked.ShouldHaveSingleItem();
        row.Status.ShouldBe(PlannedContactStatus.Cancelled);
        row.RuleIds.ShouldBe([BlockingRule]);
        row.NextLawfulAt.ShouldBe(world.Blocked);

        var dead = await RunAsync<ListAccountPlannedContactsRequest, IReadOnlyList<PlannedContactView>>(world.Database.Services, Staff.Agent, new ListAccountPlannedContactsRequest(world.Dead));
        dead.ShouldHaveSingleItem().LastError.ShouldBe("the mail server refused the address");

        var other = new StaffMember("other@parley", new HashSet<string> { StaffRoles.Agent }, CreditorScope.Only([CreditorId.New()]));
        (await Should.ThrowAsync<DomainException>(() => RunAsync<ListAccountPlannedContactsRequest, IReadOnlyList<PlannedContactView>>(world.Database.Services, other,
            new ListAccountPlannedContactsRequest(world.BlockedAccount)))).Error.ShouldBeOfType<Parley.Modules.Outreach.UseCases.OutreachAccountNotFound>();
    }

    private static Task<OutreachOverview> OverviewAsync(World world, Actor actor, LocalDate day) =>
        RunAsync<GetOutreachOverviewRequest, OutreachOverview>(world.Database.Services, actor, new GetOutreachOverviewRequest(day));

    /// <summary>A provider's report on the send's contact, as its webhook records it.</summary>
    private static async Task ReportAsync(TestDatabase database, AccountId account, ContactOutcome outcome)
    {
        ContactAttemptId attempt;
        await using (var scope = database.Scope())
        {
            attempt = await scope.ServiceProvider.GetRequiredService<ParleyDbContext>().Set<ContactAttempt>().Where(a => a.AccountId == account).Select(a => a.Id).SingleAsync();
        }

        await RunAsync<RecordContactOutcomeRequest, ContactAttemptView>(database.Services, Actor.System("test-webhook"), new RecordContactOutcomeRequest(account, attempt, outcome));
    }
}
