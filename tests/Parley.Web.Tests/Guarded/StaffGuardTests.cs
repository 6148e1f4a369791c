using System.Net.Http.Json;
using Parley.SharedKernel.Security;
using Parley.Web.Security;
using Parley.Web.Ui.Shared;

namespace Parley.Web.Tests.Guarded;

/// <summary>Adding a member of staff is an admin's work, refused to every other role by the use case itself.</summary>
public sealed class StaffGuardTests : IAsyncLifetime
{
    private GuardedWorld _world = default!;

    public async ValueTask InitializeAsync() => _world = await GuardedWorld.StartAsync();

    public async ValueTask DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public Task Adding_a_member_of_staff_needs_an_admin() => _world.ProveWrongRolesAreRefusedAsync(new GuardedUseCase<NewStaffUser>(
        "CreateStaff",
        [StaffRoles.Admin],
        _ => Task.FromResult(new NewStaffUser("new.agent@parley.test", "New Agent", "a-long-staff-password", [StaffRoles.Agent])),
        user => new HttpRequestMessage(HttpMethod.Post, "/api/staff") { Content = JsonContent.Create(user) },
        (user, scopes, actor) => scopes.RunAsync<NewStaffUser, StaffUserSummary>(actor, user)));
}
