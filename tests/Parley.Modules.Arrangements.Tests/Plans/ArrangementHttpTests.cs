using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Modules.Arrangements.Affordability;
using Parley.Modules.Arrangements.Plans;
using Parley.Persistence;
using Parley.Persistence.Outbox;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.Testing;
using Shouldly;

namespace Parley.Modules.Arrangements.Tests.Plans;

/// <summary>The I&amp;E and plan endpoints on the real host: roles, ProblemDetails, the approval flow, nothing half-created.</summary>
public sealed class ArrangementHttpTests
{

    private static CancellationToken Ct => ArrangementsTestHost.Ct;

    private static Task<AccountId> SeedAccountAsync(TestDatabase database) => ArrangementsTestHost.SeedAccountAsync(database);

    private static Task<JsonElement> JsonAsync(HttpResponseMessage response) => ArrangementsTestHost.JsonAsync(response);

    private static readonly object Statement = new
    {
        standard = "uk_sfs",
        currency = "GBP",
        household = new { adults = 1, dependants = 1 },
        lines = new object[]
        {
            new { category = "earnings", monthly = 1800.00m },
            new { category = "rent", monthly = 700m },
            new { category = "food_and_housekeeping", monthly = 2500m },
        },
        otherCreditors = new[] { 3000m },
    };

    [Theory]
    [DatabaseProviders]
    public async Task Income_and_expenditure_is_versioned_and_outliers_are_flagged_not_refused(DatabaseProvider provider)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(provider);
        var accountId = await SeedAccountAsync(factory.Database);
        var agent = factory.ClientAs(StaffRoles.Agent);

        (await agent.GetAsync($"/api/accounts/{accountId}/income-expenditure", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var first = await agent.PutAsJsonAsync($"/api/accounts/{accountId}/income-expenditure", Statement, Ct);
        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        var second = await JsonAsync(await agent.PutAsJsonAsync($"/api/accounts/{accountId}/income-expenditure", Statement, Ct));
        second.GetProperty("version").GetInt32().ShouldBe(2);

        var latest = await JsonAsync(await agent.GetAsync($"/api/accounts/{accountId}/income-expenditure", Ct));
        latest.GetProperty("version").GetInt32().ShouldBe(2);
        latest.GetProperty("capturedBy").GetString().ShouldBe("test-user");
        var assessment = latest.GetProperty("assessment");
        assessment.GetProperty("disposableIncome").GetDecimal().ShouldBe(-1400m);
        assessment.GetProperty("flags").EnumerateArray().Select(f => f.GetProperty("code").GetString()).ShouldContain("above_guideline");
        assessment.GetProperty("flags").EnumerateArray().Select(f => f.GetProperty("code").GetString()).ShouldContain("negative_disposable_income");

        await using var scope = factory.Database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        (await db.Set<IncomeExpenditureCapture>().CountAsync(Ct)).ShouldBe(2);
        var source = scope.ServiceProvider.GetRequiredService<IAffordabilitySource>();
        (await source.LatestAsync(accountId, Ct))!.DisposableIncome.ShouldBe(Money.Of(-1400m, Currency.GBP));
    }

    [Theory]
    [InlineData("""{"standard":"uk_sfs","household":{"adults":1,"dependants":0},"lines":[{"category":"earnings","monthly":-5}]}""", "lines.earnings")]
    [InlineData("""{"standard":"uk_sfs","household":{"adults":1,"dependants":0},"lines":[{"category":"yachts","monthly":5}]}""", "lines.yachts")]
    [InlineData("""{"standard":"uk_sfs","currency":"USD","household":{"adults":1,"dependants":0},"lines":[]}""", "currency")]
    [InlineData("""{"standard":"uk_sfs","household":{"adults":0,"dependants":0},"lines":[]}""", "household")]
    [InlineData("""{"standard":"uk_sfs","household":{"adults":1,"dependants":0},"lines":[{"category":"earnings","monthly":5000000}]}""", "lines.earnings")]
    public async Task Bad_income_and_expenditure_is_a_400_naming_the_field_and_nothing_is_stored(string body, string field)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        var accountId = await SeedAccountAsync(factory.Database);

        var response = await factory.ClientAs(StaffRoles.Agent).PutAsync($"/api/accounts/{accountId}/income-expenditure", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        (await JsonAsync(response)).GetProperty("errors").EnumerateObject().Select(p => p.Name).ShouldBe([field]);
        await using var scope = factory.Database.Scope();
        (await scope.ServiceProvider.GetRequiredService<ParleyDbContext>().Set<IncomeExpenditureCapture>().CountAsync(Ct)).ShouldBe(0);
    }

    [Fact]
    public async Task A_supervisor_who_proposed_a_plan_outside_policy_is_refused_its_approval_with_a_403_naming_the_rule()
    {
        await using var factory = await ParleyWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        var accountId = await SeedAccountAsync(factory.Database);
        var sam = factory.ClientAsUser("sam", StaffRoles.Supervisor);

        var plan = await JsonAsync(await sam.PostAsJsonAsync($"/api/accounts/{accountId}/arrangements", new { frequency = "monthly", amount = 20m, start = "2026-12-01" }, Ct));
        plan.GetProperty("createdBy").GetString().ShouldBe("sam");
        plan.GetProperty("breaches").EnumerateArray().Select(b => b.GetProperty("code").GetString()).ShouldBe([PolicyBreach.BelowMinimum]);
        var planId = plan.GetProperty("id").GetString();

        var own = await sam.PostAsync($"/api/accounts/{accountId}/arrangements/{planId}/approve", null, Ct);
        own.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        own.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        (await JsonAsync(own)).GetProperty("code").GetString().ShouldBe("plans.approver_is_proposer");
        (await JsonAsync(await factory.ClientAsUser("sam", StaffRoles.Admin).PostAsync($"/api/accounts/{accountId}/arrangements/{planId}/approve", null, Ct))).GetProperty("code").GetString().ShouldBe("plans.approver_is_proposer");

        var other = await JsonAsync(await factory.ClientAsUser("kim", StaffRoles.Supervisor).PostAsync($"/api/accounts/{accountId}/arrangements/{planId}/approve", null, Ct));
        other.GetProperty("approvedBy").GetString().ShouldBe("kim");
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_plan_outside_policy_awaits_a_supervisor_then_activates_and_every_change_is_in_the_outbox(DatabaseProvider provider)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(provider);
        var accountId = await SeedAccountAsync(factory.Database);
        var agent = factory.ClientAs(StaffRoles.Agent);
        var supervisor = factory.ClientAsUser("sam", StaffRoles.Supervisor);

        var created = await agent.PostAsJsonAsync($"/api/accounts/{accountId}/arrangements", new { frequency = "monthly", amount = 20m, start = "2026-12-01" }, Ct);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var plan = await JsonAsync(created);
        plan.GetProperty("status").GetString().ShouldBe("awaiting_approval");
        plan.GetProperty("approvalReason").GetString()!.ShouldContain("minimum");
        plan.GetProperty("instalments").GetArrayLength().ShouldBe(50);
        var planId = plan.GetProperty("id").GetString();

        (await agent.PostAsync($"/api/accounts/{accountId}/arrangements/{planId}/approve", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var activateEarly = await agent.PostAsync($"/api/accounts/{accountId}/arrangements/{planId}/activate", null, Ct);
        activateEarly.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await JsonAsync(activateEarly)).GetProperty("code").GetString().ShouldBe("plans.invalid_transition");

        var approved = await JsonAsync(await supervisor.PostAsync($"/api/accounts/{accountId}/arrangements/{planId}/approve", null, Ct));
        approved.GetProperty("status").GetString().ShouldBe("proposed");
        approved.GetProperty("approval").GetString().ShouldBe("approved");
        var active = await JsonAsync(await agent.PostAsync($"/api/accounts/{accountId}/arrangements/{planId}/activate", null, Ct));
        active.GetProperty("status").GetString().ShouldBe("active");

        var second = await JsonAsync(await agent.PostAsJsonAsync($"/api/accounts/{accountId}/arrangements", new { frequency = "monthly", amount = 100m, start = "2026-12-01" }, Ct));
        second.GetProperty("status").GetString().ShouldBe("proposed");
        var clash = await agent.PostAsync($"/api/accounts/{accountId}/arrangements/{second.GetProperty("id").GetString()}/activate", null, Ct);
        clash.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await JsonAsync(clash)).GetProperty("code").GetString().ShouldBe("plans.already_active");

        var noReason = await agent.PostAsJsonAsync($"/api/accounts/{accountId}/arrangements/{planId}/cancel", new { reason = "" }, Ct);
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var cancelled = await JsonAsync(await agent.PostAsJsonAsync($"/api/accounts/{accountId}/arrangements/{planId}/cancel", new { reason = "customer asked" }, Ct));
        cancelled.GetProperty("status").GetString().ShouldBe("cancelled");
        cancelled.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("to").GetString()).ShouldBe(["awaiting_approval", "proposed", "active", "cancelled"]);
        (await agent.PostAsJsonAsync($"/api/accounts/{accountId}/arrangements/{planId}/cancel", new { reason = "again" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var list = await JsonAsync(await agent.GetAsync($"/api/accounts/{accountId}/arrangements", Ct));
        list.GetArrayLength().ShouldBe(2);

        await using var scope = factory.Database.Scope();
        var types = await scope.ServiceProvider.GetRequiredService<ParleyDbContext>().Set<OutboxMessage>().Select(m => m.Type).ToListAsync(Ct);
        types.Order(StringComparer.Ordinal).ShouldBe(
            ["arrangements.activated", "arrangements.approved", "arrangements.cancelled", "arrangements.proposed", "arrangements.proposed"]);
    }

    [Theory]
    [InlineData("""{"frequency":"monthly","amount":1000.01,"start":"2026-12-01"}""", "plans.instalment_above_balance", "amount")]
    [InlineData("""{"frequency":"hourly","amount":100,"start":"2026-12-01"}""", "request.invalid_field", "frequency")]
    [InlineData("""{"amount":100,"start":"2026-12-01"}""", "plans.invalid_parameter", "frequency")]
    [InlineData("""{"frequency":"monthly","amount":100,"start":"2026-12-01","shape":"step:steps=3x50"}""", "request.invalid_field", "shape")]
    [InlineData("""{"frequency":"monthly","amount":100,"start":"2026-12-01","shape":{"kind":"holiday"}}""", "plans.invalid_parameter", "shape")]
    [InlineData("""{"frequency":"monthly","start":"2026-12-01","shape":{"kind":"income","percent":10,"floor":50,"cap":200,"incomes":[1000]},"amount":100}""", "plans.invalid_parameter", "amount")]
    [InlineData("""{"frequency":"monthly","amount":100,"start":"2026-10-01"}""", "plans.start_in_the_past", "start")]
    [InlineData("""{"frequency":"monthly","amount":100.001,"start":"2026-12-01"}""", "plans.invalid_parameter", "amount")]
    public async Task A_bad_proposal_is_a_400_and_nothing_is_created(string body, string code, string field)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        var accountId = await SeedAccountAsync(factory.Database);

        var response = await factory.ClientAs(StaffRoles.Agent).PostAsync($"/api/accounts/{accountId}/arrangements", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await JsonAsync(response);
        problem.GetProperty("code").GetString().ShouldBe(code);
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ShouldBe([field]);
        await using var scope = factory.Database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        (await db.Set<Arrangement>().CountAsync(Ct)).ShouldBe(0);
        (await db.Set<OutboxMessage>().CountAsync(Ct)).ShouldBe(0);
    }

    [Fact]
    public async Task Unknown_accounts_and_plans_are_404_and_anonymous_callers_401()
    {
        await using var factory = await ParleyWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        var accountId = await SeedAccountAsync(factory.Database);
        var agent = factory.ClientAs(StaffRoles.Agent);

        var unknownAccount = await agent.PostAsJsonAsync($"/api/accounts/{AccountId.New()}/arrangements", new { frequency = "monthly", amount = 100m, start = "2026-12-01" }, Ct);
        unknownAccount.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await JsonAsync(unknownAccount)).GetProperty("code").GetString().ShouldBe("plans.account_not_found");
        var unknownPlan = await agent.PostAsync($"/api/accounts/{accountId}/arrangements/{Guid.CreateVersion7()}/activate", null, Ct);
        unknownPlan.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await JsonAsync(unknownPlan)).GetProperty("code").GetString().ShouldBe("plans.arrangement_not_found");
        (await agent.GetAsync($"/api/accounts/{AccountId.New()}/income-expenditure", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await factory.ClientAs().GetAsync($"/api/accounts/{accountId}/arrangements", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_proposed_plan_is_due_on_the_dates_its_offer_showed_past_bank_holidays(DatabaseProvider provider)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(provider);
        var accountId = await SeedAccountAsync(factory.Database);

        // England and Wales: 25 December 2026 is a Friday, 28 December Boxing Day's substitute, so the first instalment is due on the 29th.
        var plan = await JsonAsync(await factory.ClientAs(StaffRoles.Agent).PostAsJsonAsync($"/api/accounts/{accountId}/arrangements", new { frequency = "monthly", amount = 300m, start = "2026-12-25" }, Ct));

        plan.GetProperty("instalments").EnumerateArray().Select(i => i.GetProperty("due").GetString()).ShouldBe(["2026-12-29", "2027-01-25", "2027-02-25", "2027-03-25"]);
    }
}
