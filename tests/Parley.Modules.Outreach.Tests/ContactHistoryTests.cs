using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Compliance.Eligibility;
using Parley.Modules.Outreach.Contracts;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.Testing;
using Shouldly;

namespace Parley.Modules.Outreach.Tests;

public sealed class ContactHistoryTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static async Task<(AccountId Account, CreditorId Creditor)> SeedAsync(TestDatabase database, string reference = "D-1")
    {
        await using var scope = database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        var creditor = OutreachTestData.Creditor();
        db.Add(creditor);
        var account = OutreachTestData.Debt(db, creditor, reference).Account.Id;
        await db.SaveChangesAsync();
        return (account, creditor.Id);
    }

    private static async Task<TResult> RunAsync<TRequest, TResult>(TestDatabase database, Actor actor, TRequest request)
        where TRequest : notnull
    {
        await using var scope = database.Scope();
        return await scope.ServiceProvider.GetRequiredService<Parley.SharedKernel.UseCases.IUseCase<TRequest, TResult>>().HandleAsync(actor, request, None);
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_long_email_or_postal_address_is_kept_whole_and_encrypted(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (account, _) = await SeedAsync(database);
        var email = "firstname.middlename.lastname.household@accounts.example-university.ac.uk";
        var letter = "Flat 12, The Old Granary, 145 Long Harbour Road, Upper Thornbury-on-Severn, Gloucestershire BS35 1AA, United Kingdom";

        await RunAsync<RecordContactAttemptRequest, ContactAttemptView>(database, Staff.Agent, new RecordContactAttemptRequest(account, ContactChannel.Email, email, "long-email", Outcome: ContactOutcome.Sent));
        await RunAsync<RecordContactAttemptRequest, ContactAttemptView>(database, Staff.Agent, new RecordContactAttemptRequest(account, ContactChannel.Letter, letter, "long-letter", Outcome: ContactOutcome.Sent));

        await using var scope = database.Scope();
        var stored = await scope.ServiceProvider.GetRequiredService<ParleyDbContext>().Set<Domain.ContactAttempt>().AsNoTracking()
            .Where(a => a.AccountId == account).Select(a => a.Address).ToListAsync(TestContext.Current.CancellationToken);
        stored.ShouldBe([email, letter], ignoreOrder: true);
    }

    [Theory]
    [DatabaseProviders]
    public async Task Contacts_are_recorded_once_per_key_with_their_outcomes_and_read_newest_first_with_addresses_masked(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (account, _) = await SeedAsync(database);
        var now = database.Services.GetRequiredService<IClock>().GetCurrentInstant();

        var call = await RunAsync<RecordContactAttemptRequest, ContactAttemptView>(database, Staff.Agent, new RecordContactAttemptRequest(
            account, ContactChannel.Call, OutreachTestData.Phone, "dialler-call-1", At: now - Duration.FromHours(2), Outcome: ContactOutcome.NoAnswer, Note: "rang out"));
        var email = await RunAsync<RecordContactAttemptRequest, ContactAttemptView>(database, Actor.System("sender"), new RecordContactAttemptRequest(
            account, ContactChannel.Email, OutreachTestData.Email, "send-7", At: now - Duration.FromHours(1), Outcome: ContactOutcome.Queued,
            Template: "first-reminder", TemplateVersion: 3, Tone: "friendly", ComplianceDecision: 42));
        var retried = await RunAsync<RecordContactAttemptRequest, ContactAttemptView>(database, Actor.System("sender"), new RecordContactAttemptRequest(
            account, ContactChannel.Email, OutreachTestData.Email, "send-7", At: now, Outcome: ContactOutcome.Queued));
        retried.Id.ShouldBe(email.Id);
        retried.At.ShouldBe(email.At);

        database.Time.Advance(TimeSpan.FromMinutes(5));
        var delivered = await RunAsync<RecordContactOutcomeRequest, ContactAttemptView>(database, Actor.System("sender"), new RecordContactOutcomeRequest(account, email.Id, ContactOutcome.Delivered));
        delivered.LatestOutcome.ShouldBe(ContactOutcome.Delivered);

        var history = await RunAsync<GetContactHistoryRequest, ContactHistoryView>(database, Staff.Agent, new GetContactHistoryRequest(account));
        history.Attempts.Select(a => a.Id).ShouldBe([email.Id, call.Id]);
        var readEmail = history.Attempts[0];
        readEmail.Address.ShouldBe("j***@example.com");
        readEmail.Template.ShouldBe("first-reminder");
        readEmail.TemplateVersion.ShouldBe(3);
        readEmail.Tone.ShouldBe("friendly");
        readEmail.ComplianceDecision.ShouldBe(42);
        readEmail.RecordedBy.ShouldBe("system:sender");
        readEmail.Outcomes.Select(o => o.Outcome).ShouldBe([ContactOutcome.Queued, ContactOutcome.Delivered]);
        var readCall = history.Attempts[1];
        readCall.Address.ShouldBe("+1 *** *** 0142");
        readCall.RecordedBy.ShouldBe("agent@parley");
        readCall.Note.ShouldBe("rang out");
        readCall.Outcomes.ShouldHaveSingleItem().Outcome.ShouldBe(ContactOutcome.NoAnswer);
    }

    [Theory]
    [DatabaseProviders]
    public async Task Bad_contacts_are_refused_by_name_and_nothing_is_recorded(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (account, _) = await SeedAsync(database);
        var now = database.Services.GetRequiredService<IClock>().GetCurrentInstant();

        async Task<string> RefusedAsync(RecordContactAttemptRequest request) =>
            (await Should.ThrowAsync<DomainException>(() => RunAsync<RecordContactAttemptRequest, ContactAttemptView>(database, Staff.Agent, request))).Error.Code;

        (await RefusedAsync(new(account, ContactChannel.Call, "215-555-0142", "k1"))).ShouldBe("outreach.address_invalid");
        (await RefusedAsync(new(account, ContactChannel.Email, "jane.example.com", "k2"))).ShouldBe("outreach.address_invalid");
        (await RefusedAsync(new(account, ContactChannel.Call, OutreachTestData.Phone, " "))).ShouldBe("outreach.idempotency_key_required");
        (await RefusedAsync(new(account, ContactChannel.Call, OutreachTestData.Phone, "k3", At: now + Duration.FromMinutes(1)))).ShouldBe("outreach.contact_in_the_future");
        (await RefusedAsync(new(account, ContactChannel.Sms, OutreachTestData.Phone, "k4", Outcome: ContactOutcome.Voicemail))).ShouldBe("outreach.outcome_not_for_channel");
        (await RefusedAsync(new(AccountId.New(), ContactChannel.Call, OutreachTestData.Phone, "k5"))).ShouldBe("outreach.account_not_found");

        var call = await RunAsync<RecordContactAttemptRequest, ContactAttemptView>(database, Staff.Agent, new(account, ContactChannel.Call, OutreachTestData.Phone, "k6", At: now - Duration.FromMinutes(10)));
        (await Should.ThrowAsync<DomainException>(() => RunAsync<RecordContactOutcomeRequest, ContactAttemptView>(database, Staff.Agent, new(account, call.Id, ContactOutcome.Delivered))))
            .Error.Code.ShouldBe("outreach.outcome_not_for_channel");
        (await Should.ThrowAsync<DomainException>(() => RunAsync<RecordContactOutcomeRequest, ContactAttemptView>(database, Staff.Agent, new(account, call.Id, ContactOutcome.NoAnswer, At: now - Duration.FromHours(1)))))
            .Error.Code.ShouldBe("outreach.outcome_before_attempt");

        var history = await RunAsync<GetContactHistoryRequest, ContactHistoryView>(database, Staff.Agent, new GetContactHistoryRequest(account));
        history.Attempts.ShouldHaveSingleItem().Outcomes.ShouldBeEmpty();
    }

    [Theory]
    [DatabaseProviders]
    public async Task Another_creditors_staff_cannot_record_or_read_and_only_staff_or_parley_record(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (account, _) = await SeedAsync(database);
        var otherCreditors = Actor.From(new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "elsewhere@parley"), new Claim(CreditorScope.ClaimType, CreditorId.New().ToString()), new Claim(ClaimTypes.Role, StaffRoles.Agent)], "test")));

        (await Should.ThrowAsync<DomainException>(() => RunAsync<RecordContactAttemptRequest, ContactAttemptView>(database, otherCreditors, new(account, ContactChannel.Call, OutreachTestData.Phone, "k1"))))
            .Error.Code.ShouldBe("outreach.account_not_found");
        (await Should.ThrowAsync<DomainException>(() => RunAsync<GetContactHistoryRequest, ContactHistoryView>(database, otherCreditors, new(account))))
            .Error.Code.ShouldBe("outreach.account_not_found");
        (await Should.ThrowAsync<DomainException>(() => RunAsync<RecordContactAttemptRequest, ContactAttemptView>(database, Staff.Acting("nobody@parley"), new(account, ContactChannel.Call, OutreachTestData.Phone, "k2"))))
            .Error.Code.ShouldBe("actor.not_allowed");

        var recorded = await RunAsync<RecordContactAttemptRequest, ContactAttemptView>(database, Staff.Agent, new(account, ContactChannel.Call, OutreachTestData.Phone, "k3"));
        (await Should.ThrowAsync<DomainException>(() => RunAsync<RecordContactOutcomeRequest, ContactAttemptView>(database, otherCreditors, new(account, recorded.Id, ContactOutcome.NoAnswer))))
            .Error.Code.ShouldBe("outreach.attempt_not_found");
    }

    [Theory]
    [DatabaseProviders]
    public async Task The_gate_counts_the_recorded_calls_of_the_customers_last_7_days(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (account, _) = await SeedAsync(database);
        var now = database.Services.GetRequiredService<IClock>().GetCurrentInstant();

        async Task<ChannelDecision> CallAsync()
        {
            var check = await RunAsync<CheckContactEligibilityRequest, ContactCheck>(database, Staff.Agent, new CheckContactEligibilityRequest(account));
            return check.Channels.Single(c => c.Channel == "call");
        }

        var first = await CallAsync();
        first.Allowed.ShouldBeTrue(first.Explanation);
        first.Decision.ShouldBe("allow");

        // Six calls, one a day, none answered; the seventh today rings out too.
        for (var day = 6; day >= 0; day--)
        {
            var at = now - Duration.FromDays(day) - Duration.FromMinutes(30);
            await RunAsync<RecordContactAttemptRequest, ContactAttemptView>(database, Staff.Agent, new(account, ContactChannel.Call, OutreachTestData.Phone, $"call-{day}", At: at, Outcome: ContactOutcome.NoAnswer));
        }

        var eighth = await CallAsync();
        eighth.Allowed.ShouldBeFalse();
        eighth.RuleIds.ShouldContain("US-REGF-CALLFREQ-7IN7");
        eighth.Reason.ShouldBe($"7 calls about {account} already fall within 7 consecutive days; this would be call 8");

        var check = await RunAsync<CheckContactEligibilityRequest, ContactCheck>(database, Staff.Agent, new CheckContactEligibilityRequest(account));
        check.Facts.ShouldContain(n => n.StartsWith("contact history: 7 contact(s) recorded", StringComparison.Ordinal) && n.Contains("calls 7, of which 0 conversation(s)", StringComparison.Ordinal));
        check.Facts.ShouldNotContain(StoredAccountFacts.HistoryNote);
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_conversation_recorded_as_an_outcome_stops_calls_for_7_days(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (account, _) = await SeedAsync(database);
        var now = database.Services.GetRequiredService<IClock>().GetCurrentInstant();

        var call = await RunAsync<RecordContactAttemptRequest, ContactAttemptView>(database, Staff.Agent, new(account, ContactChannel.Call, OutreachTestData.Phone, "call-1", At: now - Duration.FromDays(2)));
        await RunAsync<RecordContactOutcomeRequest, ContactAttemptView>(database, Staff.Agent, new(account, call.Id, ContactOutcome.RightPartyContact, At: now - Duration.FromDays(2) + Duration.FromMinutes(1)));
        await RunAsync<RecordContactOutcomeRequest, ContactAttemptView>(database, Staff.Agent, new(account, call.Id, ContactOutcome.Promise, At: now - Duration.FromDays(2) + Duration.FromMinutes(6)));

        var check = await RunAsync<CheckContactEligibilityRequest, ContactCheck>(database, Staff.Agent, new CheckContactEligibilityRequest(account, Channel: ContactChannel.Call));
        var decision = check.Channels.ShouldHaveSingleItem();
        decision.Allowed.ShouldBeFalse();
        decision.RuleIds.ShouldContain("US-REGF-CALLFREQ-POSTCONV");
        decision.NextLawfulAt.ShouldNotBeNull().ShouldBeGreaterThan(now + Duration.FromDays(4));
    }
}
