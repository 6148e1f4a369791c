using Parley.Modules.Arrangements.Contracts;
using Parley.Persistence;
using Parley.SharedKernel.Security;
using Parley.Testing;
using Parley.Web.Tests.Guarded;
using Parley.Web.Ui.Shared;

namespace Parley.Web.Tests.Security;

/// <summary>Figures across the portfolio count only the creditors the viewer works for (ADR 13).</summary>
public sealed class ScopedFiguresTests
{
    [Theory]
    [DatabaseProviders]
    public async Task The_plan_figures_count_only_the_plans_of_the_viewers_creditors(DatabaseProvider provider)
    {
        await using var world = await GuardedWorld.StartAsync(provider);
        foreach (var account in new[] { "ADA-1", "GRACE-1", "MARY-1" })
        {
            await world.Scopes.RunAsync<ProposeArrangementRequest, ArrangementView>(GuardedWorld.Admin,
                new ProposeArrangementRequest(world.Accounts[account], new PlanShapeSpec.Fixed(), Frequency.Monthly, 100m, new NodaTime.LocalDate(2026, 12, 1)));
        }

        StaffMember For(string creditor) => new($"{creditor}-agent@parley", new HashSet<string> { StaffRoles.Agent }, CreditorScope.Only([world.Creditors[creditor]]));
        Task<PlanFigures> FiguresAsync(Actor actor) => world.Scopes.RunAsync<GetPlanSummaryRequest, PlanFigures>(actor, new GetPlanSummaryRequest());

        (await FiguresAsync(GuardedWorld.Admin)).Proposed.ShouldBe(3);
        (await FiguresAsync(For("ACME-CARD"))).Proposed.ShouldBe(2);
        (await FiguresAsync(For("BRIT-CARD"))).Proposed.ShouldBe(1);
        (await FiguresAsync(new StaffMember("nobody@parley", new HashSet<string> { StaffRoles.Agent }, CreditorScope.None))).Proposed.ShouldBe(0);
    }
}
