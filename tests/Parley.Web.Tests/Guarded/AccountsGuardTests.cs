using System.Net.Http.Json;
using Parley.Modules.Accounts.Contracts;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.Web.Ui.Shared;

namespace Parley.Web.Tests.Guarded;

/// <summary>Each Accounts use case that changes data refuses a wrong role itself, through HTTP and through the page.</summary>
public sealed class AccountsGuardTests : IAsyncLifetime
{
    private GuardedWorld _world = default!;

    public async ValueTask InitializeAsync() => _world = await GuardedWorld.StartAsync();

    public async ValueTask DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public Task Placing_a_hold_needs_a_member_of_staff() => _world.ProveWrongRolesAreRefusedAsync(new GuardedUseCase<AccountId>(
        "PlaceHold",
        StaffRoles.All,
        world => Task.FromResult(world.Accounts["ADA-1"]),
        account => new HttpRequestMessage(HttpMethod.Post, $"/api/accounts/{account}/holds") { Content = JsonContent.Create(new { type = "dispute", reason = "disputes the balance" }) },
        (account, scopes, actor) => scopes.RunAsync<PlaceHoldRequest, HoldView>(actor, new PlaceHoldRequest(account, HoldType.Dispute, "disputes the balance"))));

    [Fact]
    public Task Ending_a_hold_early_needs_a_supervisor_or_an_admin() => _world.ProveWrongRolesAreRefusedAsync(new GuardedUseCase<HoldId>(
        "EndHold",
        [StaffRoles.Supervisor, StaffRoles.Admin],
        async world => (await world.Scopes.RunAsync<PlaceHoldRequest, HoldView>(
            GuardedWorld.Admin, new PlaceHoldRequest(world.Accounts["MARY-1"], HoldType.Hardship, "lost her job", ResumesAutomatically: false))).Id,
        hold => new HttpRequestMessage(HttpMethod.Post, $"/api/holds/{hold}/end") { Content = JsonContent.Create(new { reason = "back at work" }) },
        (hold, scopes, actor) => scopes.RunAsync<EndHoldRequest, HoldView>(actor, new EndHoldRequest(hold, "back at work"))));
}
