using Parley.Modules.Arrangements.Contracts;
using Parley.SharedKernel.Security;
using Parley.Web.Tests.Guarded;
using Parley.Web.Ui.Shared;

namespace Parley.Web.Tests.Security;

/// <summary>Figures across the portfolio count only the creditors the viewer works for (ADR 12).</summary>
public sealed class ScopedFiguresTests : IAsyncLifetime
{
    private GuardedWorld _world = default!;

    public async ValueTask InitializeAsync() => _world = await GuardedWorld.StartAsync();

    public async ValueTask DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task The_plan_figures_count_only_the_plans_of_the_viewers_creditors()
    {
        foreach (var account in new[] { "ADA-1", "GRACE-1", "MARY-1" })
        {
            await _world.Scopes.RunAsync<ProposeArrangementRequest, ArrangementView>(GuardedWorld.Admin,
                new ProposeArrangementRequest(_world.Accounts[account], new PlanShapeSpec.Fixed(), Frequency.Monthly, 100m, new NodaTime.LocalDate(2026, 12, 1)));
        }

        StaffMember For(string creditor) => new($"{creditor}-agent@parley", new HashSet<string> { StaffRoles.Agent }, CreditorScope.Only([_world.Creditors[creditor]]));
        Task<PlanFigures> FiguresAsync(Actor actor) => _world.Scopes.RunAsync<GetPlanSummaryRequest, PlanFigures>(actor, new GetPlanSummaryRequest());

        (await FiguresAsync(GuardedWorld.Admin)).Proposed.ShouldBe(3);
        (await FiguresAsync(For("ACME-CARD"))).Proposed.ShouldBe(2);
        (await FiguresAsync(For("BRIT-CARD"))).Proposed.ShouldBe(1);
        (await FiguresAsync(new StaffMember("nobody@parley", new HashSet<string> { StaffRoles.Agent }, CreditorScope.None))).Proposed.ShouldBe(0);
    }
}
