using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Parley.Modules.Arrangements.Plans;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.Testing;
using Shouldly;

namespace Parley.Modules.Arrangements.Tests.Plans;

/// <summary>The approval use case checks the approver's role itself, whoever calls it (the endpoint's policy is a second fence).</summary>
public sealed class ApproveArrangementTests
{
    private static CancellationToken Ct => ArrangementsTestHost.Ct;

    [Theory]
    [DatabaseProviders]
    public async Task Only_a_supervisor_or_an_admin_may_approve_and_a_refusal_changes_nothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var accountId = await ArrangementsTestHost.SeedAccountAsync(database);
        ArrangementView plan;
        await using (var scope = database.Scope())
        {
            // 20 a month is below the creditor's 25 minimum: the plan awaits a supervisor.
            plan = await scope.ServiceProvider.GetRequiredService<ProposeArrangement>().HandleAsync(
                accountId, new ProposeArrangementRequest(null, "monthly", 20m, "2026-12-01"), "agent", Ct);
        }

        foreach (var actor in new[] { Staff("agent", StaffRoles.Agent), Staff("compliance", StaffRoles.Compliance), Staff("nobody"), new ClaimsPrincipal(new ClaimsIdentity()) })
        {
            await using var scope = database.Scope();
            var refused = await Should.ThrowAsync<DomainException>(() =>
                scope.ServiceProvider.GetRequiredService<ApproveArrangement>().HandleAsync(accountId, plan.Id, actor, Ct));
            refused.Error.ShouldBeOfType<ApprovalNeedsSupervisor>().Kind.ShouldBe(ErrorKind.Forbidden);
            refused.Error.Detail.ShouldContain("supervisor");
        }

        await using (var scope = database.Scope())
        {
            var unchanged = await scope.ServiceProvider.GetRequiredService<ListArrangements>().HandleAsync(accountId, Ct);
            unchanged.Single().Status.ShouldBe("awaiting_approval");
        }

        await using (var scope = database.Scope())
        {
            var approved = await scope.ServiceProvider.GetRequiredService<ApproveArrangement>().HandleAsync(accountId, plan.Id, Staff("sam", StaffRoles.Agent, StaffRoles.Supervisor), Ct);
            approved.Status.ShouldBe("proposed");
            approved.ApprovedBy.ShouldBe("sam");
        }
    }

    [Theory]
    [DatabaseProviders]
    public async Task An_admin_passes_as_on_every_policy(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var accountId = await ArrangementsTestHost.SeedAccountAsync(database);
        await using var scope = database.Scope();
        var plan = await scope.ServiceProvider.GetRequiredService<ProposeArrangement>().HandleAsync(
            accountId, new ProposeArrangementRequest(null, "monthly", 20m, "2026-12-01"), "agent", Ct);
        (await scope.ServiceProvider.GetRequiredService<ApproveArrangement>().HandleAsync(accountId, plan.Id, Staff("root", StaffRoles.Admin), Ct)).Status.ShouldBe("proposed");
    }

    private static ClaimsPrincipal Staff(string name, params string[] roles) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), .. roles.Select(r => new Claim(ClaimTypes.Role, r))], "test"));
}
