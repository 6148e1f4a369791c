using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Decisioning.Contracts;
using Parley.Persistence;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.EndToEnd.Tests;

/// <summary>The account page's Insight panel reads the scores as the signed-in agent, through the same use case as the endpoint.</summary>
public sealed class AccountScoresPanelTests
{
    private const string Header = PlacementCsv.Header;

    private const string Ada = PlacementCsv.AdaLovelace;

    [Fact]
    public async Task An_agent_sees_both_scores_in_words_with_the_segment_and_model_version()
    {
        await using var staff = await StaffBrowser.StartAsync("UTC");
        await staff.CreateCreditorAsync("ACME-CARD", "Acme Card Services", "USD");
        (await staff.ImportAsync("scores.csv", $"{Header}\r\n{Ada}\r\n")).RowsAccepted.ShouldBe(1L);
        await staff.CreateStaffAsync("agent@parley.test", StaffRoles.Agent);
        await using (var scope = staff.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IUseCase<RegisterDefaultModelsRequest, IReadOnlyList<ModelRegistration>>>()
                .HandleAsync(Actor.System("test seed"), new RegisterDefaultModelsRequest(), CancellationToken.None);
        }

        var accountId = await AccountIdAsync(staff.Factory.Services, "ACC-1001");
        await staff.WalkAsync("account-scores", async page =>
        {
            await staff.SignInAtAsync($"/accounts/{accountId}", "agent@parley.test");
            var panel = page.GetByTestId("account-scores");
            await Assertions.Expect(panel.GetByTestId("score-percent")).ToHaveCountAsync(2);
            await Assertions.Expect(panel).ToContainTextAsync("Chance of missing the next payment:");
            await Assertions.Expect(panel).ToContainTextAsync("Chance of a payment within 30 days:");
            await Assertions.Expect(panel).ToContainTextAsync("by model version 20261123-");
            await Assertions.Expect(panel).ToContainTextAsync("Segment:");
            await Assertions.Expect(panel).Not.ToContainTextAsync("Scores are unavailable");
        });
    }

    private static async Task<Guid> AccountIdAsync(IServiceProvider services, string accountRef)
    {
        await using var scope = services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<ParleyDbContext>().Set<Account>().SingleAsync(a => a.CreditorReference == accountRef)).Id.Value;
    }
}
