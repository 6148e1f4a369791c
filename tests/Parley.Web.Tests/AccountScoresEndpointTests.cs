using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Demo.Seeding;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Decisioning.Contracts;
using Parley.Modules.Decisioning.Registry;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.Testing;

namespace Parley.Web.Tests;

/// <summary><c>GET /api/accounts/{id}/scores</c>: staff only, 404 problem for an unknown account, scores stored with their model version.</summary>
public sealed class AccountScoresEndpointTests
{
    [Theory]
    [DatabaseProviders]
    public async Task An_agent_gets_the_default_models_score_with_three_reasons_and_the_segment(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var factory = await ParleyWebFactory.CreateAsync(provider);
        AccountId accountId;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await ActivatorUtilities.CreateInstance<DemoSeeder>(scope.ServiceProvider).SeedAsync(7, 3, ct);
            await scope.ServiceProvider.GetRequiredService<DefaultModel>().HandleAsync(Actor.System("test seed"), new RegisterDefaultModelsRequest(), ct);
            var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
            accountId = await db.Set<Account>().OrderBy(a => a.CreditorReference).Select(a => a.Id).FirstAsync(ct);
        }

        var response = await factory.ClientAs(StaffRoles.Agent).GetAsync($"/api/accounts/{accountId}/scores", ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        var scores = body.GetProperty("scores").EnumerateArray().ToList();
        scores.Select(s => s.GetProperty("kind").ToString()).ShouldBe(["early_warning", "propensity"], ignoreOrder: true);
        foreach (var score in scores)
        {
            score.GetProperty("probability").GetDouble().ShouldBeInRange(0, 1);
            score.GetProperty("reasons").GetArrayLength().ShouldBeInRange(1, 3);
            score.GetProperty("modelVersion").GetString().ShouldNotBeNullOrEmpty();
        }

        body.GetProperty("treatmentIntent").GetString().ShouldNotBeNullOrEmpty();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
            var stored = await db.Set<AccountScore>().Where(s => s.AccountId == accountId).ToListAsync(ct);
            stored.Select(s => s.ModelVersion).ShouldBe(scores.Select(s => s.GetProperty("modelVersion").GetString()), ignoreOrder: true);
        }

        // Reading again returns the stored score for the active version rather than storing another.
        (await factory.ClientAs(StaffRoles.Agent).GetAsync($"/api/accounts/{accountId}/scores", ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<ParleyDbContext>().Set<AccountScore>().CountAsync(s => s.AccountId == accountId, ct)).ShouldBe(2);
        }
    }

    [Fact]
    public async Task An_unknown_account_is_a_404_problem_and_only_staff_may_ask()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var factory = await ParleyWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        var url = $"/api/accounts/{AccountId.New()}/scores";

        var unknown = await factory.ClientAs(StaffRoles.Agent).GetAsync(url, ct);
        var anonymous = await factory.ClientAs().GetAsync(url, ct);

        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        unknown.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        (await unknown.Content.ReadAsStringAsync(ct)).ShouldContain("does not exist");
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
