using System.Net;
using System.Text.Json;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.Testing;
using Shouldly;

namespace Parley.Modules.Arrangements.Tests.Simulation;

/// <summary><c>GET /api/accounts/{id}/simulate</c> on the real host: the stored balance and the creditor's bounds apply.</summary>
public sealed class SimulateAccountPlanHttpTests
{
    private static Task<AccountId> SeedAccountAsync(TestDatabase database) => ArrangementsTestHost.SeedAccountAsync(database);

    [Theory]
    [DatabaseProviders]
    public async Task Simulates_a_plan_on_the_outstanding_balance(DatabaseProvider provider)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(provider);
        var accountId = await SeedAccountAsync(factory.Database);

        var response = await factory.ClientAs(StaffRoles.Agent).GetAsync($"/api/accounts/{accountId}/simulate?amount=300&frequency=monthly&start=2026-12-01", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var root = json.RootElement;
        root.GetProperty("balance").GetRawText().ShouldBe("1000.00");
        root.GetProperty("currency").GetString().ShouldBe("GBP");
        root.GetProperty("endDate").GetString().ShouldBe("2027-03-01");
        root.GetProperty("schedule").EnumerateArray().Select(i => i.GetProperty("amount").GetRawText()).ShouldBe(["300.00", "300.00", "300.00", "100.00"]);
        root.GetProperty("milestones").GetArrayLength().ShouldBe(4);
    }

    [Theory]
    [DatabaseProviders]
    public async Task Due_dates_skip_the_bank_holidays_where_the_customer_lives(DatabaseProvider provider)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(provider);
        var accountId = await SeedAccountAsync(factory.Database);

        // A GBP customer with no address is in England and Wales' calendar: Christmas 2026 is a Friday and Boxing Day's substitute the Monday after.
        var response = await factory.ClientAs(StaffRoles.Agent).GetAsync($"/api/accounts/{accountId}/simulate?amount=300&frequency=monthly&start=2026-12-25", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        json.RootElement.GetProperty("schedule").EnumerateArray().Select(i => i.GetProperty("date").GetString()).ShouldBe(["2026-12-29", "2027-01-25", "2027-02-25", "2027-03-25"]);
    }

    [Theory]
    [InlineData("amount=20&frequency=monthly&start=2026-12-01", "plans.instalment_below_minimum", "amount")]
    [InlineData("amount=1000.01&frequency=monthly&start=2026-12-01", "plans.instalment_above_balance", "amount")]
    [InlineData("frequency=monthly&start=2026-12-01&shape=settlement:discount%3D31", "plans.settlement_outside_policy", "shape")]
    [InlineData("amount=300&frequency=hourly&start=2026-12-01", "plans.invalid_parameter", "frequency")]
    [InlineData("amount=300&frequency=monthly&start=2026-10-01", "plans.start_in_the_past", "start")]
    [InlineData("amount=300&frequency=monthly", "plans.invalid_parameter", "start")]
    public async Task Bad_parameters_are_a_400_problem_naming_the_parameter(string query, string code, string parameter)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        var accountId = await SeedAccountAsync(factory.Database);

        var response = await factory.ClientAs(StaffRoles.Agent).GetAsync($"/api/accounts/{accountId}/simulate?{query}", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        problem.RootElement.GetProperty("code").GetString().ShouldBe(code);
        problem.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).ShouldBe([parameter]);
    }

    [Fact]
    public async Task An_unknown_account_is_a_404_problem()
    {
        await using var factory = await ParleyWebFactory.CreateAsync(DatabaseProvider.Sqlite);

        var response = await factory.ClientAs(StaffRoles.Agent).GetAsync($"/api/accounts/{AccountId.New()}/simulate?amount=300&frequency=monthly&start=2026-12-01", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        problem.RootElement.GetProperty("code").GetString().ShouldBe("plans.account_not_found");
    }

    [Fact]
    public async Task Anonymous_callers_are_refused()
    {
        await using var factory = await ParleyWebFactory.CreateAsync(DatabaseProvider.Sqlite);

        var response = await factory.ClientAs().GetAsync($"/api/accounts/{AccountId.New()}/simulate?amount=300&frequency=monthly&start=2026-12-01", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
