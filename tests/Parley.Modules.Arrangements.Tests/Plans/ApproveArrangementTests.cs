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
                Staff.Acting("agent", StaffRoles.Agent), new ProposeArrangementRequest(accountId, null, Frequency.Monthly, 20m, new NodaTime.LocalDate(2026, 12, 1)), Ct);
        }

        foreach (var actor in new Actor[] { Staff.Acting("agent", StaffRoles.Agent), Staff.Acting("compliance", StaffRoles.Compliance), Staff.Acting("nobody"), Anonymous.Instance })
        {
            await using var scope = database.Scope();
            var refused = await Should.ThrowAsync<DomainException>(() =>
                scope.ServiceProvider.GetRequiredService<ApproveArrangement>().HandleAsync(actor, new ApproveArrangementRequest(accountId, plan.Id), Ct));
            refused.Error.ShouldBeOfType<ApprovalNeedsSupervisor>().Kind.ShouldBe(ErrorKind.Forbidden);
            refused.Error.Detail.ShouldContain("supervisor");
        }

        await using (var scope = database.Scope())
        {
            var unchanged = (await scope.ServiceProvider.GetRequiredService<ListArrangements>().HandleAsync(Staff.Agent, new ListArrangementsRequest(accountId), Ct)).Plans;
            unchanged.Single().Status.ShouldBe("awaiting_approval");
        }

        await using (var scope = database.Scope())
        {
            var approved = await scope.ServiceProvider.GetRequiredService<ApproveArrangement>().HandleAsync(Staff.Acting("sam", StaffRoles.Agent, StaffRoles.Supervisor), new ApproveArrangementRequest(accountId, plan.Id), Ct);
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
            Staff.Acting("agent", StaffRoles.Agent), new ProposeArrangementRequest(accountId, null, Frequency.Monthly, 20m, new NodaTime.LocalDate(2026, 12, 1)), Ct);
        (await scope.ServiceProvider.GetRequiredService<ApproveArrangement>().HandleAsync(Staff.Acting("root", StaffRoles.Admin), new ApproveArrangementRequest(accountId, plan.Id), Ct)).Status.ShouldBe("proposed");
    }

    [Theory]
    [DatabaseProviders]
    public async Task The_proposer_never_approves_their_own_plan_even_as_a_supervisor_or_an_admin(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var accountId = await ArrangementsTestHost.SeedAccountAsync(database);
        ArrangementView plan;
        await using (var scope = database.Scope())
        {
            plan = await scope.ServiceProvider.GetRequiredService<ProposeArrangement>().HandleAsync(
                Staff.Acting("sam", StaffRoles.Agent), new ProposeArrangementRequest(accountId, null, Frequency.Monthly, 20m, new NodaTime.LocalDate(2026, 12, 1)), Ct);
        }

        foreach (var self in new[] { Staff.Acting("sam", StaffRoles.Supervisor), Staff.Acting("SAM", StaffRoles.Admin), Staff.Acting("sam", StaffRoles.Supervisor, StaffRoles.Admin) })
        {
            await using var scope = database.Scope();
            var refused = await Should.ThrowAsync<DomainException>(() =>
                scope.ServiceProvider.GetRequiredService<ApproveArrangement>().HandleAsync(self, new ApproveArrangementRequest(accountId, plan.Id), Ct));
            refused.Error.ShouldBeOfType<ApproverIsProposer>().Kind.ShouldBe(ErrorKind.Forbidden);
            refused.Error.Detail.ShouldContain("second person");
        }

        await using (var scope = database.Scope())
        {
            (await scope.ServiceProvider.GetRequiredService<ListArrangements>().HandleAsync(Staff.Agent, new ListArrangementsRequest(accountId), Ct)).Plans.Single().Status.ShouldBe("awaiting_approval");
            var approved = await scope.ServiceProvider.GetRequiredService<ApproveArrangement>().HandleAsync(Staff.Acting("kim", StaffRoles.Supervisor), new ApproveArrangementRequest(accountId, plan.Id), Ct);
            approved.ApprovedBy.ShouldBe("kim");
            approved.CreatedBy.ShouldBe("sam");
        }
    }

    [Theory]
    [DatabaseProviders]
    public async Task Every_breach_of_the_creditors_policy_is_named_not_just_the_first(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        // A 60.00 minimum, 5–30 % settlements, no freeze, plans of at most 6 months.
        var policy = new Parley.Modules.Accounts.Domain.CreditorPolicy(Parley.Modules.Payments.Contracts.AllocationWaterfall.Default, Money.Of(60m, Currency.GBP), 5m, 30m, FreezeAllowed: false, MaxPlanMonths: 6);
        var accountId = await ArrangementsTestHost.SeedAccountAsync(database, policy);
        await using var scope = database.Scope();

        // 40 % off 1,000.00 in 12 monthly parts of 50.00: outside the discount bounds, below the minimum, a year long, and frozen.
        var plan = await scope.ServiceProvider.GetRequiredService<ProposeArrangement>().HandleAsync(
            Staff.Acting("agent", StaffRoles.Agent), new ProposeArrangementRequest(accountId, new PlanShapeSpec.Settlement(40m, 12), Frequency.Monthly, null, new NodaTime.LocalDate(2026, 12, 1), FreezeInterestAndFees: true), Ct);

        plan.Status.ShouldBe("awaiting_approval");
        plan.Breaches!.Select(b => b.Code).ShouldBe([PolicyBreach.BelowMinimum, PolicyBreach.DiscountOutsideBounds, PolicyBreach.LongerThanPolicy, PolicyBreach.FreezeNotAllowed]);
        plan.Breaches!.ShouldAllBe(b => b.Text.Length > 0);
        var reason = plan.ApprovalReason.ShouldNotBeNull();
        reason.ShouldContain("minimum of 60.00 GBP");
        reason.ShouldContain("40%");
        reason.ShouldContain("longest plan of 6 months");
        reason.ShouldContain("freezing");

        // Stored with the plan: read back through a fresh context.
        await using var read = database.Scope();
        (await read.ServiceProvider.GetRequiredService<ListArrangements>().HandleAsync(Staff.Agent, new ListArrangementsRequest(accountId), Ct)).Plans.Single().Breaches!.Count.ShouldBe(4);
    }
}
