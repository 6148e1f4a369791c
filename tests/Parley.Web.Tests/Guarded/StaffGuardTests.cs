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

    [Fact]
    public Task Changing_whose_accounts_someone_works_on_needs_an_admin() => _world.ProveWrongRolesAreRefusedAsync(new GuardedUseCase<ChangeStaffCreditors>(
        "ChangeStaffCreditors",
        [StaffRoles.Admin],
        async world =>
        {
            var user = await world.Scopes.RunAsync<NewStaffUser, StaffUserSummary>(GuardedWorld.Admin,
                new NewStaffUser("moving.agent@parley.test", "Moving Agent", "a-long-staff-password", [StaffRoles.Agent], [world.Creditors["ACME-CARD"].Value]));
            return new ChangeStaffCreditors(user.Id, [world.Creditors["BRIT-CARD"].Value]);
        },
        change => new HttpRequestMessage(HttpMethod.Put, $"/api/staff/{change.User}/creditors") { Content = JsonContent.Create(new StaffCreditorsBody(change.Creditors)) },
        (change, scopes, actor) => scopes.RunAsync<ChangeStaffCreditors, StaffUserSummary>(actor, change)));

    [Theory]
    [InlineData("disable")]
    [InlineData("enable")]
    [InlineData("revoke-sessions")]
    public Task Disabling_enabling_and_signing_someone_out_everywhere_need_an_admin(string action) => _world.ProveWrongRolesAreRefusedAsync(new GuardedUseCase<string>(
        action,
        [StaffRoles.Admin],
        async world =>
        {
            var user = await world.Scopes.RunAsync<NewStaffUser, StaffUserSummary>(GuardedWorld.Admin,
                new NewStaffUser($"{action}.agent@parley.test", "Some Agent", "a-long-staff-password", [StaffRoles.Agent]));
            if (action == "enable")
            {
                // Enabling someone who is not disabled would change nothing; disable them first.
                await world.Scopes.RunAsync<DisableStaff, StaffUserSummary>(GuardedWorld.Admin, new DisableStaff(user.Id));
            }

            return user.Id;
        },
        id => new HttpRequestMessage(HttpMethod.Post, $"/api/staff/{id}/{action}"),
        (id, scopes, actor) => action switch
        {
            "disable" => scopes.RunAsync<DisableStaff, StaffUserSummary>(actor, new DisableStaff(id)),
            "enable" => scopes.RunAsync<EnableStaff, StaffUserSummary>(actor, new EnableStaff(id)),
            _ => scopes.RunAsync<RevokeStaffSessions, StaffUserSummary>(actor, new RevokeStaffSessions(id)),
        }));
}
