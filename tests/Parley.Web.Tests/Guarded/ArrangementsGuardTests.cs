using System.Net.Http.Json;
using Parley.Modules.Arrangements.Contracts;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.Web.Ui.Shared;

namespace Parley.Web.Tests.Guarded;

/// <summary>Each Arrangements use case that changes data refuses a wrong role itself, through HTTP and through the page.</summary>
public sealed class ArrangementsGuardTests : IAsyncLifetime
{
    private GuardedWorld _world = default!;

    public async ValueTask InitializeAsync() => _world = await GuardedWorld.StartAsync();

    public async ValueTask DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public Task Proposing_a_plan_needs_a_member_of_staff() => _world.ProveWrongRolesAreRefusedAsync(new GuardedUseCase<AccountId>(
        "ProposeArrangement",
        StaffRoles.All,
        world => Task.FromResult(world.Accounts["ADA-1"]),
        account => new HttpRequestMessage(HttpMethod.Post, $"/api/accounts/{account}/arrangements") { Content = JsonContent.Create(new { frequency = "monthly", amount = 100m, start = "2026-12-01" }) },
        (account, scopes, actor) => scopes.RunAsync<ProposeArrangementRequest, ArrangementView>(actor, Fixed(account, 100m))));

    [Fact]
    public Task Approving_a_plan_outside_policy_needs_a_supervisor_or_an_admin() => _world.ProveWrongRolesAreRefusedAsync(new GuardedUseCase<(AccountId Account, ArrangementId Plan)>(
        "ApproveArrangement",
        [StaffRoles.Supervisor, StaffRoles.Admin],
        // 10.00 a month takes 100 months, longer than the creditor's longest plan: it awaits a second person's approval.
        world => ProposeAsync(world.Accounts["GRACE-1"], 10m, "awaiting_approval"),
        plan => new HttpRequestMessage(HttpMethod.Post, $"/api/accounts/{plan.Account}/arrangements/{plan.Plan}/approve"),
        (plan, scopes, actor) => scopes.RunAsync<ApproveArrangementRequest, ArrangementView>(actor, new ApproveArrangementRequest(plan.Account, plan.Plan))));

    [Fact]
    public Task Activating_a_plan_needs_a_member_of_staff() => _world.ProveWrongRolesAreRefusedAsync(new GuardedUseCase<(AccountId Account, ArrangementId Plan)>(
        "ActivateArrangement",
        StaffRoles.All,
        world => ProposeAsync(world.Accounts["MARY-1"], 50m, "proposed"),
        plan => new HttpRequestMessage(HttpMethod.Post, $"/api/accounts/{plan.Account}/arrangements/{plan.Plan}/activate"),
        (plan, scopes, actor) => scopes.RunAsync<ActivateArrangementRequest, ArrangementView>(actor, new ActivateArrangementRequest(plan.Account, plan.Plan))));

    [Fact]
    public Task Cancelling_a_plan_needs_a_member_of_staff() => _world.ProveWrongRolesAreRefusedAsync(new GuardedUseCase<(AccountId Account, ArrangementId Plan)>(
        "CancelArrangement",
        StaffRoles.All,
        world => ProposeAsync(world.Accounts["KEN-1"], 30m, "proposed"),
        plan => new HttpRequestMessage(HttpMethod.Post, $"/api/accounts/{plan.Account}/arrangements/{plan.Plan}/cancel") { Content = JsonContent.Create(new { reason = "customer changed their mind" }) },
        (plan, scopes, actor) => scopes.RunAsync<CancelArrangementRequest, ArrangementView>(actor, new CancelArrangementRequest(plan.Account, plan.Plan, "customer changed their mind"))));

    [Fact]
    public Task Capturing_income_and_expenditure_needs_a_member_of_staff() => _world.ProveWrongRolesAreRefusedAsync(new GuardedUseCase<AccountId>(
        "CaptureIncomeExpenditure",
        StaffRoles.All,
        world => Task.FromResult(world.Accounts["MARY-1"]),
        account => new HttpRequestMessage(HttpMethod.Put, $"/api/accounts/{account}/income-expenditure")
        {
            Content = JsonContent.Create(new { standard = "uk_sfs", currency = "GBP", household = new { adults = 1, dependants = 0 }, lines = new[] { new { category = "earnings", monthly = 1500m } } }),
        },
        (account, scopes, actor) => scopes.RunAsync<CaptureIncomeExpenditureRequest, IncomeExpenditureView>(actor, new CaptureIncomeExpenditureRequest(
            account, StatementStandard.UkSfs, "GBP", new HouseholdInput(1, 0), [new StatementLineInput("earnings", 1500m)], []))));

    [Fact]
    public async Task An_account_outside_the_actors_creditors_answers_as_one_that_does_not_exist()
    {
        var brit = _world.Accounts["MARY-1"];
        var plan = await ProposeAsync(brit, 50m, "proposed");
        var acmeOnly = new StaffMember("acme-agent@parley", new HashSet<string> { StaffRoles.Agent }, CreditorScope.Only([_world.Creditors["ACME-CARD"]]));
        var before = await _world.SnapshotAsync();

        Func<Task>[] attempts =
        [
            () => _world.Scopes.RunAsync<ProposeArrangementRequest, ArrangementView>(acmeOnly, Fixed(brit, 50m)),
            () => _world.Scopes.RunAsync<ActivateArrangementRequest, ArrangementView>(acmeOnly, new ActivateArrangementRequest(plan.Account, plan.Plan)),
            () => _world.Scopes.RunAsync<CancelArrangementRequest, ArrangementView>(acmeOnly, new CancelArrangementRequest(plan.Account, plan.Plan, "not mine")),
            () => _world.Scopes.RunAsync<ListArrangementsRequest, AccountArrangements>(acmeOnly, new ListArrangementsRequest(brit)),
            () => _world.Scopes.RunAsync<GetOfferPlansRequest, AccountOfferPlans>(acmeOnly, new GetOfferPlansRequest(brit)),
            () => _world.Scopes.RunAsync<CaptureIncomeExpenditureRequest, IncomeExpenditureView>(acmeOnly, new CaptureIncomeExpenditureRequest(
                brit, StatementStandard.UkSfs, "GBP", new HouseholdInput(1, 0), [new StatementLineInput("earnings", 1500m)], [])),
        ];
        foreach (var attempt in attempts)
        {
            var refused = await Should.ThrowAsync<DomainException>(attempt);
            (refused.Error.Kind, refused.Error.Code).ShouldBe((ErrorKind.NotFound, "plans.account_not_found"));
        }

        (await _world.SnapshotAsync()).ShouldBe(before);
        var own = await _world.Scopes.RunAsync<ListArrangementsRequest, AccountArrangements>(acmeOnly, new ListArrangementsRequest(_world.Accounts["ADA-1"]));
        own.Plans.ShouldBeEmpty();
    }

    private static ProposeArrangementRequest Fixed(AccountId account, decimal amount) => new(account, new PlanShapeSpec.Fixed(), Frequency.Monthly, amount, new NodaTime.LocalDate(2026, 12, 1));

    /// <summary>A plan proposed by an admin (so the approver in the proof is a second person), in the status expected.</summary>
    private async Task<(AccountId Account, ArrangementId Plan)> ProposeAsync(AccountId account, decimal amount, string status)
    {
        var plan = await _world.Scopes.RunAsync<ProposeArrangementRequest, ArrangementView>(GuardedWorld.Admin, Fixed(account, amount));
        plan.Status.ShouldBe(status);
        return (account, plan.Id);
    }
}
