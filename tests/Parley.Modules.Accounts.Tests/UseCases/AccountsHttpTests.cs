using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.Testing;
using Shouldly;

namespace Parley.Modules.Accounts.Tests.UseCases;

public sealed class AccountsHttpTests
{
    [Theory]
    [DatabaseProviders]
    public async Task Accounts_api_searches_shows_details_and_places_holds(DatabaseProvider provider)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(provider);
        AccountId accountId;
        await using (var scope = factory.Database.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
            var creditor = AccountsTestData.Creditor();
            db.Add(creditor);
            accountId = AccountsTestData.Debt(db, creditor, "API-1", "Ines", "Api").Account.Id;
            await db.SaveChangesAsync();
        }

        var agent = factory.ClientAs(StaffRoles.Agent);
        var page = await agent.GetFromJsonAsync<JsonElement>("/api/accounts?q=api&bucket=dpd31_to60");
        page.GetProperty("total").GetInt32().ShouldBe(1);
        var item = page.GetProperty("items")[0];
        item.GetProperty("accountId").GetString().ShouldBe(accountId.ToString());
        item.GetProperty("bucket").GetString().ShouldBe("dpd31_to60");

        var details = await agent.GetFromJsonAsync<JsonElement>($"/api/accounts/{accountId}");
        details.GetProperty("customer").GetProperty("phones")[0].GetProperty("e164").GetString().ShouldBe("+14135550123");
        details.GetProperty("placedAt").GetString().ShouldBe("2026-10-01T12:00:00Z");

        var placed = await agent.PostAsJsonAsync($"/api/accounts/{accountId}/holds", new { type = "dispute", reason = "Customer says the debt is not theirs" });
        placed.StatusCode.ShouldBe(HttpStatusCode.Created);
        var holdId = (await placed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        (await agent.PostAsJsonAsync($"/api/holds/{holdId}/end", new { reason = "resolved" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await factory.ClientAs(StaffRoles.Supervisor).PostAsJsonAsync($"/api/holds/{holdId}/end", new { reason = "resolved" })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [DatabaseProviders]
    public async Task Bad_requests_get_problem_details(DatabaseProvider provider)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(provider);
        var agent = factory.ClientAs(StaffRoles.Agent);

        var badFilter = await agent.GetAsync("/api/accounts?status=sleeping&pageSize=1000");
        badFilter.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await badFilter.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").GetProperty("status")[0].GetString()!.ShouldContain("in_arrangement");
        problem.GetProperty("errors").TryGetProperty("pageSize", out _).ShouldBeTrue();

        // A misspelt or unknown parameter is refused by name, not ignored (which would silently list every account).
        var unknown = await agent.GetAsync("/api/accounts?q=ada&statuss=open&Page=1&colour=red");
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        unknown.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var unknownErrors = (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        unknownErrors.EnumerateObject().Select(e => e.Name).Order().ShouldBe(["colour", "statuss"]);
        unknownErrors.GetProperty("statuss")[0].GetString()!.ShouldContain("'statuss' is not a search parameter");

        var missing = await agent.GetAsync($"/api/accounts/{AccountId.New()}");
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        missing.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("accounts.not_found");

        var blankReason = await agent.PostAsJsonAsync($"/api/accounts/{AccountId.New()}/holds", new { type = "dispute", reason = " " });
        blankReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await blankReason.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("hold.reason_required");
    }
}
