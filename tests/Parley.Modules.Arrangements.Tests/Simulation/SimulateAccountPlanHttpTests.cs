using System.Net;
using System.Text.Json;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.Testing;
using Shouldly;

namespace Parley.Modules.Arrangements.Tests.Simulation;

/// <summary><c>POST /api/accounts/{id}/simulate</c> on the real host: the stored balance and the creditor's bounds apply.</summary>
public sealed class SimulateAccountPlanHttpTests
{
    private static StringContent Body(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    private static Task<AccountId> SeedAccountAsync(TestDatabase database) => ArrangementsTestHost.SeedAccountAsync(database);

    [Theory]
    [DatabaseProviders]
    public async Task Simulates_a_plan_on_the_outstanding_balance(DatabaseProvider provider)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(provider);
        var accountId = await SeedAccountAsync(factory.Database);

        var response = await factory.ClientAs(StaffRoles.Agent).PostAsync($"/api/accounts/{accountId}/simulate", Body("""{"amount":300,"frequency":"monthly","start":"2026-12-01"}"""), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var root = json.RootElement;
        root.GetProperty("balance").GetRawText().ShouldBe("1000.00");
        root.GetProperty("currency").GetString().ShouldBe("GBP");
        root.GetProperty("endDate").GetString().ShouldBe("2027-03-01");
        root.GetProperty("schedule").EnumerateArray().Select(i => i.GetProperty("amount").GetRawText()).ShouldBe(["300.00", "300.00", "300.00", "100.00"]);
        root.GetProperty("milestones").GetArrayLength().ShouldBe(4);
        root.GetProperty("shape").GetProperty("kind").GetString().ShouldBe("fixed");
        root.GetProperty("frequency").GetString().ShouldBe("monthly");
    }

    [Fact]
    public async Task A_typed_shape_simulates_as_sent_and_comes_back_typed()
    {
        await using var factory = await ParleyWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        var accountId = await SeedAccountAsync(factory.Database);

        var response = await factory.ClientAs(StaffRoles.Agent).PostAsync($"/api/accounts/{accountId}/simulate", Body("""{"amount":300,"frequency":"four-weekly","start":"2026-12-01","shape":{"kind":"step","steps":[{"periods":2,"amount":100}]}}"""), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var root = json.RootElement;
        root.GetProperty("schedule").EnumerateArray().Select(i => i.GetProperty("amount").GetRawText()).ShouldBe(["100.00", "100.00", "300.00", "300.00", "200.00"]);
        root.GetProperty("frequency").GetString().ShouldBe("four-weekly");
        var shape = root.GetProperty("shape");
        shape.GetProperty("kind").GetString().ShouldBe("step");
        shape.GetProperty("steps")[0].GetProperty("periods").GetInt32().ShouldBe(2);
    }

    [Theory]
    [DatabaseProviders]
    public async Task Due_dates_skip_the_bank_holidays_where_the_customer_lives(DatabaseProvider provider)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(provider);
        var accountId = await SeedAccountAsync(factory.Database);

        // A GBP customer with no address is in England and Wales' calendar: Christmas 2026 is a Friday and Boxing Day's substitute the Monday after.
        var response = await factory.ClientAs(StaffRoles.Agent).PostAsync($"/api/accounts/{accountId}/simulate", Body("""{"amount":300,"frequency":"monthly","start":"2026-12-25"}"""), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        json.RootElement.GetProperty("schedule").EnumerateArray().Select(i => i.GetProperty("date").GetString()).ShouldBe(["2026-12-29", "2027-01-25", "2027-02-25", "2027-03-25"]);
    }

    [Theory]
    [InlineData("""{"amount":20,"frequency":"monthly","start":"2026-12-01"}""", "plans.instalment_below_minimum", "amount")]
    [InlineData("""{"amount":1000.01,"frequency":"monthly","start":"2026-12-01"}""", "plans.instalment_above_balance", "amount")]
    [InlineData("""{"frequency":"monthly","start":"2026-12-01","shape":{"kind":"settlement","discountPercent":31}}""", "plans.settlement_outside_policy", "shape")]
    [InlineData("""{"frequency":"monthly","start":"2026-12-01","shape":{"kind":"settlement"}}""", "plans.invalid_parameter", "shape")]
    [InlineData("""{"amount":300,"frequency":"monthly","start":"2026-12-01","shape":{"kind":"balloon"}}""", "request.invalid_field", "shape")]
    [InlineData("""{"amount":300,"frequency":"monthly","start":"2026-12-01","shape":{"periods":2}}""", "request.invalid_field", "shape")]
    [InlineData("""{"amount":300,"frequency":"monthly","start":"2026-12-01","shape":{"kind":"step","steps":[{"periods":"three"}]}}""", "request.invalid_field", "shape.steps[0].periods")]
    [InlineData("""{"amount":300,"frequency":"hourly","start":"2026-12-01"}""", "request.invalid_field", "frequency")]
    [InlineData("""{"amount":300,"frequency":"monthly","start":"1 Dec 2026"}""", "request.invalid_field", "start")]
    [InlineData("""{"amount":300,"frequency":"monthly","start":"2026-10-01"}""", "plans.start_in_the_past", "start")]
    [InlineData("""{"amount":300,"frequency":"monthly"}""", "plans.invalid_parameter", "start")]
    public async Task Bad_parameters_are_a_400_problem_naming_the_parameter(string body, string code, string parameter)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        var accountId = await SeedAccountAsync(factory.Database);

        var response = await factory.ClientAs(StaffRoles.Agent).PostAsync($"/api/accounts/{accountId}/simulate", Body(body), TestContext.Current.CancellationToken);

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

        var response = await factory.ClientAs(StaffRoles.Agent).PostAsync($"/api/accounts/{AccountId.New()}/simulate", Body("""{"amount":300,"frequency":"monthly","start":"2026-12-01"}"""), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        problem.RootElement.GetProperty("code").GetString().ShouldBe("plans.account_not_found");
    }

    [Fact]
    public async Task Anonymous_callers_are_refused()
    {
        await using var factory = await ParleyWebFactory.CreateAsync(DatabaseProvider.Sqlite);

        var response = await factory.ClientAs().PostAsync($"/api/accounts/{AccountId.New()}/simulate", Body("""{"amount":300,"frequency":"monthly","start":"2026-12-01"}"""), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
