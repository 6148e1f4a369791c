using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Modules.Decisioning.Contracts;
using Parley.Modules.Decisioning.Registry;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.Testing;
using Parley.Web.Ui.Shared;

namespace Parley.Web.Tests.Guarded;

/// <summary>
/// The Decisioning use cases refuse a wrong role and a creditor outside the actor's scope themselves. Registering and
/// activating a model and scoring the portfolio have no endpoint (the operator's CLI and the demo seed run them as
/// Parley itself), so their refusals are proved through the contract every front door uses, with nothing changed.
/// </summary>
public sealed class DecisioningGuardTests : IAsyncLifetime
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("parley-guard-models-");
    private GuardedWorld _world = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _world = await GuardedWorld.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _world.DisposeAsync();
        _work.Delete(recursive: true);
    }

    [Fact]
    public Task Registering_a_model_needs_an_admin_who_works_for_every_creditor() => ProveOnlyAnAdminForEveryCreditorAsync(
        "RegisterModel",
        () => Task.FromResult(ShippedModelDirectory("early-warning")),
        (directory, scopes, actor) => scopes.RunAsync<RegisterModelRequest, ModelRegistration>(actor, new RegisterModelRequest(directory)));

    [Fact]
    public Task Activating_a_model_needs_an_admin_who_works_for_every_creditor() => ProveOnlyAnAdminForEveryCreditorAsync(
        "ActivateModel",
        async () =>
        {
            await _world.Scopes.RunAsync<RegisterDefaultModelsRequest, IReadOnlyList<ModelRegistration>>(GuardedWorld.Admin, new RegisterDefaultModelsRequest());
            var second = await _world.Scopes.RunAsync<RegisterModelRequest, ModelRegistration>(
                GuardedWorld.Admin, new RegisterModelRequest(ShippedModelDirectory("retrained", trainedAt: "2026-01-15T10:00:00Z")));
            second.Model.IsActive.ShouldBeFalse();
            return second.Model.Version;
        },
        (version, scopes, actor) => scopes.RunAsync<ActivateModelRequest, RegisteredModelView>(actor, new ActivateModelRequest(version)));

    [Fact]
    public async Task Scoring_the_portfolio_needs_an_admin_and_scores_only_the_creditors_they_work_for()
    {
        await _world.Scopes.RunAsync<RegisterDefaultModelsRequest, IReadOnlyList<ModelRegistration>>(GuardedWorld.Admin, new RegisterDefaultModelsRequest());
        foreach (var role in new[] { StaffRoles.Agent, StaffRoles.Supervisor, StaffRoles.Compliance })
        {
            var before = await _world.SnapshotAsync();
            var refused = await Should.ThrowAsync<DomainException>(() => ScorePortfolioAsync(Staff.Acting($"{role}@parley", role)));
            refused.Error.Kind.ShouldBe(ErrorKind.Forbidden, role);
            (await _world.SnapshotAsync()).ShouldBe(before, $"ScorePortfolio as {role} changed data although it was refused");
        }

        var acmeAdmin = new StaffMember("acme-admin@parley", new HashSet<string> { StaffRoles.Admin }, CreditorScope.Only([_world.Creditors["ACME-CARD"]]));
        (await ScorePortfolioAsync(acmeAdmin)).Accounts.ShouldBe(3);

        await using var scope = _world.Factory.Services.CreateAsyncScope();
        var scored = await scope.ServiceProvider.GetRequiredService<ParleyDbContext>().Set<AccountScore>().Select(s => s.AccountId).Distinct().ToListAsync(Ct);
        scored.ShouldBe([_world.Accounts["ADA-1"], _world.Accounts["GRACE-1"], _world.Accounts["ALAN-1"]], ignoreOrder: true);
    }

    [Fact]
    public async Task An_account_of_a_creditor_one_does_not_work_for_has_no_scores_to_read()
    {
        await _world.Scopes.RunAsync<RegisterDefaultModelsRequest, IReadOnlyList<ModelRegistration>>(GuardedWorld.Admin, new RegisterDefaultModelsRequest());
        var britAgent = new StaffMember("brit-agent@parley", new HashSet<string> { StaffRoles.Agent }, CreditorScope.Only([_world.Creditors["BRIT-CARD"]]));
        var before = await _world.SnapshotAsync();

        var outside = await Should.ThrowAsync<DomainException>(() => ReadScoresAsync(britAgent, _world.Accounts["ADA-1"]));
        var missing = await Should.ThrowAsync<DomainException>(() => ReadScoresAsync(britAgent, AccountId.New()));
        (outside.Error.Kind, outside.Error.Code).ShouldBe((ErrorKind.NotFound, missing.Error.Code));
        (await _world.SnapshotAsync()).ShouldBe(before, "reading another creditor's account stored a score");

        (await ReadScoresAsync(britAgent, _world.Accounts["MARY-1"])).Scores.Count.ShouldBe(2);
        (await Should.ThrowAsync<DomainException>(() => ReadScoresAsync(Staff.Acting("nobody@parley"), _world.Accounts["MARY-1"]))).Error.Kind.ShouldBe(ErrorKind.Forbidden);
        using var anonymous = _world.Factory.CreateClient();
        (await anonymous.GetAsync($"/api/accounts/{_world.Accounts["MARY-1"]}/scores", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    /// <summary>
    /// Every staff role but Admin (and no role) is refused as forbidden, and so is an admin who works for one creditor
    /// only (a model scores every creditor's accounts); nothing changes. Then an admin for every creditor does it.
    /// </summary>
    private async Task ProveOnlyAnAdminForEveryCreditorAsync<TArranged>(string name, Func<Task<TArranged>> arrange, Func<TArranged, IServiceScopeFactory, Actor, Task> run)
    {
        var arranged = await arrange();
        var acmeAdmin = new StaffMember("acme-admin@parley", new HashSet<string> { StaffRoles.Admin }, CreditorScope.Only([_world.Creditors["ACME-CARD"]]));
        Actor[] wrong = [.. StaffRoles.All.Where(r => r != StaffRoles.Admin).Select(r => Staff.Acting($"{r}@parley", r)), Staff.Acting("nobody@parley"), acmeAdmin];
        foreach (var actor in wrong)
        {
            var before = await _world.SnapshotAsync();
            var refused = await Should.ThrowAsync<DomainException>(() => run(arranged, _world.Scopes, actor), $"{name} as {actor.Name}");
            refused.Error.Kind.ShouldBe(ErrorKind.Forbidden, $"{name} as {actor.Name}: {refused.Error.Code}");
            (await _world.SnapshotAsync()).ShouldBe(before, $"{name} as {actor.Name} changed data although it was refused");
        }

        ((ActorNotAllowed)(await Should.ThrowAsync<DomainException>(() => run(arranged, _world.Scopes, Staff.Agent))).Error).Roles.ShouldBe([StaffRoles.Admin]);
        (await Should.ThrowAsync<DomainException>(() => run(arranged, _world.Scopes, acmeAdmin))).Error.ShouldBeOfType<NeedsEveryCreditor>();

        var unchanged = await _world.SnapshotAsync();
        await run(arranged, _world.Scopes, GuardedWorld.Admin);
        (await _world.SnapshotAsync()).ShouldNotBe(unchanged, $"{name} as an admin changed nothing: the refusals above proved nothing");
    }

    private Task<PortfolioScoring> ScorePortfolioAsync(Actor actor) =>
        _world.Scopes.RunAsync<ScorePortfolioRequest, PortfolioScoring>(actor, new ScorePortfolioRequest(), Ct);

    private Task<AccountScores> ReadScoresAsync(Actor actor, AccountId account) =>
        _world.Scopes.RunAsync<GetAccountScoresRequest, AccountScores>(actor, new GetAccountScoresRequest(account), Ct);

    /// <summary>The shipped early-warning model written to a directory, its training time optionally changed (a new version).</summary>
    private string ShippedModelDirectory(string name, string? trainedAt = null)
    {
        var directory = _work.CreateSubdirectory(name).FullName;
        foreach (var file in new[] { "forest.bin", "model-card.json", "model-card.md" })
        {
            using var resource = typeof(DefaultModel).Assembly.GetManifestResourceStream($"Parley.Decisioning.DefaultModel.{file}")!;
            using var target = File.Create(Path.Combine(directory, file));
            resource.CopyTo(target);
        }

        if (trainedAt is not null)
        {
            var path = Path.Combine(directory, "model-card.json");
            var card = JsonNode.Parse(File.ReadAllText(path))!;
            card["trained_at"] = trainedAt;
            File.WriteAllText(path, card.ToJsonString());
        }

        return directory;
    }
}
