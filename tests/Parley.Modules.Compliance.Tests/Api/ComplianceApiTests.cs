using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Compliance.DecisionLog;
using Parley.Modules.Compliance.Engine;
using Parley.Modules.Compliance.Scenarios;
using Parley.Modules.Payments.Contracts;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.Testing;
using Shouldly;

namespace Parley.Modules.Compliance.Tests.Api;

/// <summary>The module's endpoints on the real host: the evaluate API's shapes and errors, contact eligibility, and the decision log they append to.</summary>
public sealed class ComplianceApiTests
{
    private static readonly string PublicScenarios = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Scenarios", "public-scenarios.json"));

    private static async Task<AccountId> SeedAccountAsync(TestDatabase database, Action<Customer>? contactPoints = null, Func<Account, Customer, Hold>? hold = null)
    {
        await using var scope = database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        var creditor = new Creditor("ACME", "ACME Bank", Currency.USD, new CreditorPolicy(AllocationWaterfall.Default, Money.Of(25m, Currency.USD), 0m, 30m));
        var customer = new Customer(creditor.Id, "C-1", new PersonName("Pat", "Lee"), new LocalDate(1980, 5, 17), "en-US");
        customer.AddAddress(new PostalAddress("1 Main St", null, "Boston", "02110", Jurisdiction.Parse("US-MA"), "America/New_York"));
        customer.AddPhone(new PhoneNumber("+16175550123", PhoneType.Mobile, consentToCall: true, consentToSms: true));
        customer.AddEmail(new EmailAddress("pat@example.com", EmailType.Personal, consentToEmail: true));
        contactPoints?.Invoke(customer);
        var account = new Account(creditor.Id, customer.Id, "D-1",
            new AccountTerms(Currency.USD, ProductType.CreditCard, "First Card Co", null, new LocalDate(2026, 6, 1), 45, new LocalDate(2031, 6, 1), AccountStatus.Open),
            Instant.FromUtc(2026, 10, 1, 12, 0));
        db.AddRange(creditor, customer, account);
        if (hold is not null)
        {
            db.Add(hold(account, customer));
        }

        await db.SaveChangesAsync();
        return account.Id;
    }

    private static async Task<LogVerification> VerifyLogAsync(ParleyWebFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DecisionLogStore>().VerifyAsync(CancellationToken.None);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    [Theory]
    [DatabaseProviders]
    public async Task Evaluate_answers_like_the_cli_and_logs_every_decision(DatabaseProvider provider)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(provider);
        var ct = TestContext.Current.CancellationToken;

        var response = await factory.ClientAs(StaffRoles.Compliance).PostAsync("/api/compliance/evaluate", Json(PublicScenarios), ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.Content.ReadAsStringAsync(ct);
        var expected = ScenarioEvaluation.ToJson(ScenarioEvaluation.Evaluate(ScenarioReader.Read(PublicScenarios, ComplianceOptions.Default), new ComplianceGate()));
        body.ShouldBe(expected);
        using var results = JsonDocument.Parse(body);
        var count = results.RootElement.GetArrayLength();
        count.ShouldBe(13);
        var log = await VerifyLogAsync(factory);
        log.Valid.ShouldBeTrue(log.Problem);
        log.Records.ShouldBe(count);
    }

    [Fact]
    public async Task Evaluate_takes_one_scenario_object_and_admits_supervisors()
    {
        await using var factory = await ParleyWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        var ct = TestContext.Current.CancellationToken;
        using var all = JsonDocument.Parse(PublicScenarios);
        var first = (all.RootElement.ValueKind == JsonValueKind.Array ? all.RootElement : all.RootElement.GetProperty("scenarios"))[0];

        var response = await factory.ClientAs(StaffRoles.Supervisor).PostAsync("/api/compliance/evaluate", Json(first.GetRawText()), ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var results = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        var only = results.RootElement.EnumerateArray().ShouldHaveSingleItem();
        only.GetProperty("id").GetString().ShouldBe(first.GetProperty("id").GetString());
        only.GetProperty("decision").GetString().ShouldNotBeNullOrEmpty();
    }

    [Theory]
    [InlineData("""[{"id":"BAD-1","jurisdiction":"US-PA","consumer":{"time_zones":["Mars/Olympus"]},"proposed_action":{"channel":"call","at":"2026-06-10T16:00:00Z"}}]""", "BAD-1", "time_zones")]
    [InlineData("""{"id":"BAD-2","jurisdiction":"US-PA","consumer":{},"proposed_action":{"channel":"fax","at":"2026-06-10T16:00:00Z"}}""", "BAD-2", "channel")]
    [InlineData("""not json""", "(file)", "(json)")]
    public async Task Malformed_input_is_a_400_problem_naming_scenario_and_field_and_logs_nothing(string body, string scenario, string field)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        var ct = TestContext.Current.CancellationToken;

        var response = await factory.ClientAs(StaffRoles.Compliance).PostAsync("/api/compliance/evaluate", Json(body), ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        problem.RootElement.GetProperty("code").GetString().ShouldBe("compliance.malformed_scenario");
        var detail = problem.RootElement.GetProperty("detail").GetString().ShouldNotBeNull();
        detail.ShouldContain(scenario);
        detail.ShouldContain(field);
        (await VerifyLogAsync(factory)).Records.ShouldBe(0);
    }

    [Theory]
    [DatabaseProviders]
    public async Task Contact_eligibility_answers_per_channel_in_words_and_logs_each_channel(DatabaseProvider provider)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(provider);
        var ct = TestContext.Current.CancellationToken;
        var accountId = await SeedAccountAsync(factory.Database);

        // 03:00 UTC on Tuesday 10 Nov 2026 is 22:00 on Monday in Boston.
        var response = await factory.ClientAs(StaffRoles.Agent).GetAsync($"/api/accounts/{accountId}/contact-eligibility?at=2026-11-10T03:00:00Z", ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        body.RootElement.GetProperty("customerTimeZone").GetString().ShouldBe("America/New_York");
        var channels = body.RootElement.GetProperty("channels").EnumerateArray().ToDictionary(c => c.GetProperty("channel").GetString()!);
        channels.Keys.ShouldBe(["call", "sms", "email", "letter"]);
        var call = channels["call"];
        call.GetProperty("allowed").GetBoolean().ShouldBeFalse();
        call.GetProperty("summary").GetString().ShouldNotBeNull().ShouldStartWith("Call: not now — ");
        call.GetProperty("nextLawfulAtUtc").GetString().ShouldNotBeNull().ShouldStartWith("2026-11-10T13:");
        call.GetProperty("nextLawfulAtLocal").GetString().ShouldNotBeNull().ShouldStartWith("2026-11-10T08:");
        channels["letter"].GetProperty("allowed").GetBoolean().ShouldBeTrue();

        // Every failing rule with its own reason, not only the first: at 22:00 in Boston both the federal and the Massachusetts hours deny.
        var reasons = call.GetProperty("reasons").EnumerateArray().ToList();
        reasons.Select(r => r.GetProperty("ruleId").GetString()).ShouldBe(call.GetProperty("ruleIds").EnumerateArray().Select(r => r.GetString()));
        reasons.Select(r => r.GetProperty("ruleId").GetString()).ShouldContain("US-REGF-TIME-8TO9");
        reasons.Select(r => r.GetProperty("ruleId").GetString()).ShouldContain("US-MA-TIME");
        reasons.ShouldAllBe(r => r.GetProperty("decision").GetString() == "deny" && r.GetProperty("reason").GetString()!.Length > 0);
        channels["letter"].GetProperty("reasons").GetArrayLength().ShouldBe(0);
        body.RootElement.GetProperty("facts").EnumerateArray().Select(f => f.GetString()).ShouldContain(n => n!.StartsWith("contact history: 0 contact(s) recorded", StringComparison.Ordinal));
        var log = await VerifyLogAsync(factory);
        log.Valid.ShouldBeTrue(log.Problem);
        log.Records.ShouldBe(4);
    }

    [Fact]
    public async Task The_gate_contract_answers_as_the_endpoint_does_and_logs_each_check()
    {
        await using var factory = await ParleyWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        var ct = TestContext.Current.CancellationToken;
        var accountId = await SeedAccountAsync(factory.Database);
        var at = Instant.FromUtc(2026, 11, 10, 3, 0);
        await using var scope = factory.Services.CreateAsyncScope();
        var gate = scope.ServiceProvider.GetRequiredService<IComplianceGate>();

        var check = await gate.CheckAsync(accountId, at, ct);
        var one = await gate.EvaluateAsync(new ContactProposal(accountId, ContactChannel.Call, at), ct);

        check.At.ShouldBe(at);
        check.CustomerTimeZone.ShouldBe("America/New_York");
        check.Channels.Select(c => c.Channel).ShouldBe(["call", "sms", "email", "letter"]);
        var call = check.Channels[0];
        call.Allowed.ShouldBeFalse();
        call.Reasons.ShouldNotBeEmpty();
        call.Reasons.Select(r => r.RuleId).ShouldBeSubsetOf(call.RuleIds);
        call.NextLawfulAt.ShouldNotBeNull().InZone(DateTimeZoneProviders.Tzdb["America/New_York"]).Hour.ShouldBe(8);
        check.Channels[3].Allowed.ShouldBeTrue();
        check.Facts.ShouldContain(n => n.StartsWith("contact history: 0 contact(s) recorded", StringComparison.Ordinal));
        one.Channels.ShouldHaveSingleItem().ShouldBeEquivalentTo(call);
        one.Facts.ShouldBe(check.Facts);
        await Should.ThrowAsync<DomainException>(() => gate.CheckAsync(AccountId.New(), at, ct));
        var log = await VerifyLogAsync(factory);
        log.Valid.ShouldBeTrue(log.Problem);
        log.Records.ShouldBe(5);
    }

    [Fact]
    public async Task An_active_hold_with_no_catalogue_rule_sends_every_channel_to_a_person_or_stops_it()
    {
        await using var factory = await ParleyWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        var ct = TestContext.Current.CancellationToken;
        var accountId = await SeedAccountAsync(factory.Database, hold: (a, c) =>
            new Hold(c.Id, a.Id, HoldType.Bankruptcy, Instant.FromUtc(2026, 11, 1, 12, 0), null, false, "Chapter 7 notice", "agent@parley"));

        var response = await factory.ClientAs(StaffRoles.Agent).GetAsync($"/api/accounts/{accountId}/contact-eligibility?at=2026-11-10T17:00:00Z", ct);

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        body.RootElement.GetProperty("channels").EnumerateArray().ShouldAllBe(c => !c.GetProperty("allowed").GetBoolean());
        body.RootElement.GetProperty("channels").EnumerateArray().Single(c => c.GetProperty("channel").GetString() == "letter")
            .GetProperty("summary").GetString().ShouldNotBeNull().ShouldContain("Bankruptcy");
    }

    [Fact]
    public async Task Unknown_accounts_and_bad_instants_are_problems()
    {
        await using var factory = await ParleyWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        var ct = TestContext.Current.CancellationToken;
        var client = factory.ClientAs(StaffRoles.Agent);

        var missing = await client.GetAsync($"/api/accounts/{AccountId.New()}/contact-eligibility", ct);
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await missing.Content.ReadAsStringAsync(ct)).ShouldContain("compliance.account_not_found");

        var accountId = await SeedAccountAsync(factory.Database);
        var bad = await client.GetAsync($"/api/accounts/{accountId}/contact-eligibility?at=yesterday", ct);
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync(ct)).ShouldContain("compliance.invalid_instant");
    }

    [Fact]
    public async Task The_account_page_shows_contact_eligibility_in_words()
    {
        await using var factory = await ParleyWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        var ct = TestContext.Current.CancellationToken;
        var accountId = await SeedAccountAsync(factory.Database);

        // The test clock reads 15:00 UTC on Monday 2 Nov 2026: 10:00 in Boston.
        var html = await factory.ClientAs(StaffRoles.Agent).GetStringAsync($"/accounts/{accountId.Value}", ct);

        var text = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(
            System.Text.RegularExpressions.Regex.Replace(html, "<[^>]+>", " "), @"\s+", " "));
        text.ShouldContain("Contact eligibility");
        text.ShouldMatch(@"Letter by post [^:]*: allowed now");
        // No contact is recorded, and the recorded history is what the frequency rules count: the call is decided, not sent to a person.
        text.ShouldMatch(@"Phone call [^:]*: allowed now");
        text.ShouldContain("the customer's time zone is America/New_York");

        // The rules behind the answer by what they are about, each with its id as the detail.
        text.ShouldContain("No more than 7 calls in 7 days (US-REGF-CALLFREQ-7IN7)");
        // Three frequency rules give one reason: it is said once, not listed three times.
        text.ShouldNotContain("for 3 reasons");
    }

    [Fact]
    public async Task The_account_page_lists_every_distinct_reason_a_channel_is_stopped()
    {
        await using var factory = await ParleyWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        var ct = TestContext.Current.CancellationToken;
        var accountId = await SeedAccountAsync(factory.Database);
        // 02:00 on Tuesday in Boston: outside the calling hours.
        factory.Time.SetUtcNow(new DateTimeOffset(2026, 11, 3, 7, 0, 0, TimeSpan.Zero));

        var html = await factory.ClientAs(StaffRoles.Agent).GetStringAsync($"/accounts/{accountId.Value}", ct);

        var text = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(
            System.Text.RegularExpressions.Regex.Replace(html, "<[^>]+>", " "), @"\s+", " "));
        // Federal Reg F and Massachusetts both stop the call: the agent reads both, each with its rule.
        text.ShouldMatch(@"Phone call [^:]*: not allowed, for 2 reasons");
        text.ShouldContain("Tue 02:00 in America/New_York is not after 08:00 and before 21:00 local; presumed inconvenient. (US-REGF-TIME-8TO9)");
        text.ShouldContain("Tue 02:00 in America/New_York is outside 08:00–21:00. (US-MA-TIME)");
    }
}
