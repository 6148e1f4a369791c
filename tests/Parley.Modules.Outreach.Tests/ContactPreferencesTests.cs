using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Outreach.Contracts;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;
using Parley.Testing;
using Shouldly;

namespace Parley.Modules.Outreach.Tests;

public sealed class ContactPreferencesTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static async Task<AccountId> SeedAsync(TestDatabase database, string state = "US-PA", string timeZone = "America/New_York")
    {
        await using var scope = database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        var creditor = OutreachTestData.Creditor();
        db.Add(creditor);
        var account = OutreachTestData.Debt(db, creditor, "P-1", state, timeZone).Account.Id;
        await db.SaveChangesAsync();
        return account;
    }

    private static async Task<TResult> RunAsync<TRequest, TResult>(TestDatabase database, Actor actor, TRequest request)
        where TRequest : notnull
    {
        await using var scope = database.Scope();
        return await scope.ServiceProvider.GetRequiredService<IUseCase<TRequest, TResult>>().HandleAsync(actor, request, None);
    }

    private static Task<ContactPreferencesView> ChangeAsync(TestDatabase database, AccountId account, ContactPreferences preferences, string reason = "customer asked on the phone") =>
        RunAsync<ChangeContactPreferencesRequest, ContactPreferencesView>(database, Staff.Agent, new ChangeContactPreferencesRequest(account, preferences, reason));

    private static async Task<ChannelDecision> DecisionAsync(TestDatabase database, AccountId account, ContactChannel channel) =>
        (await RunAsync<CheckContactEligibilityRequest, ContactCheck>(database, Staff.Agent, new CheckContactEligibilityRequest(account, Channel: channel))).Channels.ShouldHaveSingleItem();

    [Theory]
    [DatabaseProviders]
    public async Task Preferences_are_kept_with_who_changed_what_when_and_why(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var account = await SeedAsync(database);

        var first = await ChangeAsync(database, account, ContactPreferences.None with
        {
            Channels = [new ChannelPreference(ContactChannel.Email, ChannelConsent.OptedIn, ConsentSource.Electronic, "ticked the box on the payment page")],
            PreferredChannel = ContactChannel.Email,
            PreferredLanguage = "es",
        });
        database.Time.Advance(TimeSpan.FromHours(1));
        var second = await ChangeAsync(database, account, first.Preferences with { AllowedFrom = new LocalTime(9, 0), AllowedTo = new LocalTime(17, 0) }, "works nights");

        second.Preferences.PreferredLanguage.ShouldBe("es");
        second.Preferences.Channels.ShouldHaveSingleItem().At.ShouldNotBeNull();
        second.History.Count.ShouldBe(2);
        second.History[0].Reason.ShouldBe("works nights");
        second.History[0].ChangedBy.ShouldBe("agent@parley");
        second.History[0].Changes.ShouldBe(["allowed hours: 09:00–17:00 (was none)"]);
        second.History[1].Changes.ShouldContain("e-mails: opted in (electronically: ticked the box on the payment page) (was nothing stated)");

        var read = await RunAsync<GetContactPreferencesRequest, ContactPreferencesView>(database, Staff.Agent, new GetContactPreferencesRequest(account));
        read.ShouldBeEquivalentTo(second);
    }

    [Theory]
    [DatabaseProviders]
    public async Task Bad_preferences_are_refused_by_field(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var account = await SeedAsync(database);

        async Task<string> FieldAsync(ContactPreferences p, string reason = "asked")
        {
            var refused = await Should.ThrowAsync<DomainException>(() => ChangeAsync(database, account, p, reason));
            return refused.Error.FieldErrors.ShouldNotBeNull().Keys.Single();
        }

        (await FieldAsync(ContactPreferences.None, " ")).ShouldBe("reason");
        (await FieldAsync(ContactPreferences.None with { AllowedFrom = new LocalTime(9, 0) })).ShouldBe("preferences.allowedTo");
        (await FieldAsync(ContactPreferences.None with { AllowedFrom = new LocalTime(18, 0), AllowedTo = new LocalTime(9, 0) })).ShouldBe("preferences.allowedTo");
        (await FieldAsync(ContactPreferences.None with { Channels = [new(ContactChannel.Call, ChannelConsent.OptedOut, ConsentSource.Spoken, " ")] })).ShouldBe("preferences.channels[0].evidence");
        (await FieldAsync(ContactPreferences.None with { PausedUntil = Instant.FromUtc(2026, 1, 1, 0, 0) })).ShouldBe("preferences.pausedUntil");
        (await FieldAsync(ContactPreferences.None with { InconvenientTimes = [new(new LocalTime(12, 0), new LocalTime(12, 0), [])] })).ShouldBe("preferences.inconvenientTimes[0].to");
    }

    [Theory]
    [DatabaseProviders]
    public async Task The_gate_refuses_a_time_the_customer_named_citing_reg_f_designated_times(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var account = await SeedAsync(database);

        // The clock reads 15:00 UTC on Monday 2 Nov 2026: 10:00 in Philadelphia.
        (await DecisionAsync(database, account, ContactChannel.Call)).Allowed.ShouldBeTrue();
        await ChangeAsync(database, account, ContactPreferences.None with { InconvenientTimes = [new(new LocalTime(9, 0), new LocalTime(12, 0), [IsoDayOfWeek.Monday], "school run")] });

        var call = await DecisionAsync(database, account, ContactChannel.Call);
        call.Allowed.ShouldBeFalse();
        call.RuleIds.ShouldContain("US-REGF-TIME-DESIGNATED");
        call.Reasons.Single(r => r.RuleId == "US-REGF-TIME-DESIGNATED").Reason.ShouldBe("The consumer designated this time as inconvenient.");
        call.NextLawfulAt.ShouldBe(Instant.FromUtc(2026, 11, 2, 17, 0));
    }

    [Theory]
    [DatabaseProviders]
    public async Task Hours_outside_those_the_customer_allowed_are_refused(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var account = await SeedAsync(database);

        await ChangeAsync(database, account, ContactPreferences.None with { AllowedFrom = new LocalTime(13, 0), AllowedTo = new LocalTime(18, 0) });

        var call = await DecisionAsync(database, account, ContactChannel.Call);
        call.Allowed.ShouldBeFalse();
        call.RuleIds.ShouldContain("US-REGF-TIME-DESIGNATED");
        call.NextLawfulAt.ShouldBe(Instant.FromUtc(2026, 11, 2, 18, 0));
    }

    [Theory]
    [DatabaseProviders]
    public async Task An_opt_out_refuses_that_channel_only(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var account = await SeedAsync(database);

        await ChangeAsync(database, account, ContactPreferences.None with
        {
            Channels = [new ChannelPreference(ContactChannel.Email, ChannelConsent.OptedOut, ConsentSource.InWriting, "letter of 30 Oct asking for no e-mails")],
        });

        var email = await DecisionAsync(database, account, ContactChannel.Email);
        email.Allowed.ShouldBeFalse();
        email.RuleIds.ShouldContain("US-REGF-MEDIUM-OPTOUT");
        email.Reasons.Single(r => r.RuleId == "US-REGF-MEDIUM-OPTOUT").Reason.ShouldBe("The person asked not to be contacted by email.");
        (await DecisionAsync(database, account, ContactChannel.Letter)).Allowed.ShouldBeTrue();
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_uk_customers_opt_out_refuses_that_channel_citing_pecr(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var account = await SeedAsync(database, "GB-ENG", "Europe/London");

        (await DecisionAsync(database, account, ContactChannel.Email)).Allowed.ShouldBeTrue();
        await ChangeAsync(database, account, ContactPreferences.None with
        {
            Channels = [new ChannelPreference(ContactChannel.Email, ChannelConsent.OptedOut, ConsentSource.Electronic, "unsubscribed from the reminder")],
        });

        var email = await DecisionAsync(database, account, ContactChannel.Email);
        email.Allowed.ShouldBeFalse();
        email.Reason.ShouldBe("the customer opted out of e-mails (unsubscribed from the reminder)");
        email.Explanation.ShouldContain("PECR reg. 22");
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_pause_the_customer_asked_for_stops_every_channel_until_it_ends(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var account = await SeedAsync(database);
        var until = Instant.FromUtc(2026, 12, 2, 15, 0);

        await ChangeAsync(database, account, ContactPreferences.None with { PausedUntil = until }, "no contact for 30 days while in hospital");

        var check = await RunAsync<CheckContactEligibilityRequest, ContactCheck>(database, Staff.Agent, new CheckContactEligibilityRequest(account));
        check.Channels.ShouldAllBe(c => !c.Allowed && c.Reason == "the customer asked for no contact until 2 Dec 2026" && c.NextLawfulAt == until);
        check.Facts.ShouldContain("customer's preferences: no contact until 2026-12-02 (a pause they asked for)");

        var after = await RunAsync<CheckContactEligibilityRequest, ContactCheck>(database, Staff.Agent, new CheckContactEligibilityRequest(account, until + Duration.FromHours(1), ContactChannel.Letter));
        after.Channels.ShouldHaveSingleItem().Allowed.ShouldBeTrue();
    }
}
