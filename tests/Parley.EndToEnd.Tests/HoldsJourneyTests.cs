using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Parley.Modules.Accounts.Domain;
using Parley.Persistence;
using Parley.SharedKernel.Security;

namespace Parley.EndToEnd.Tests;

/// <summary>On the account page's holds card an agent pauses collection; only a supervisor may lift the hold early.</summary>
public sealed class HoldsJourneyTests
{
    private const string Header = PlacementCsv.Header;

    private const string Ada = PlacementCsv.AdaLovelace;

    [Fact]
    public async Task An_agent_places_a_hold_on_the_page_and_a_supervisor_ends_it_early_with_a_reason()
    {
        await using var staff = await StaffBrowser.StartAsync("UTC");
        await staff.CreateCreditorAsync("ACME-CARD", "Acme Card Services", "USD");
        (await staff.ImportAsync("holds.csv", $"{Header}\r\n{Ada}\r\n")).RowsAccepted.ShouldBe(1L);
        await staff.CreateStaffAsync("agent@parley.test", StaffRoles.Agent);
        await staff.CreateStaffAsync("supervisor@parley.test", StaffRoles.Supervisor);
        var accountId = await AccountIdAsync(staff.Factory.Services, "ACC-1001");

        await staff.WalkAsync("holds-agent", async page =>
        {
            await staff.SignInAtAsync($"/accounts/{accountId}", "agent@parley.test");
            var holds = page.GetByTestId("holds-card");
            // Clicks count once the circuit is up (the prerendered page does not answer them).
            await Assertions.Expect(page.GetByTestId("take-payment")).ToHaveAttributeAsync("data-interactive", "true");
            await Assertions.Expect(holds.GetByTestId("holds")).ToContainTextAsync("No holds, now or before.");
            await holds.GetByRole(AriaRole.Button, new() { Name = "Place a hold" }).ClickAsync();
            await holds.GetByLabel("What happened").FillAsync("Lost her job last week");
            await holds.GetByRole(AriaRole.Button, new() { Name = "Place hold" }).ClickAsync();

            await Assertions.Expect(holds.GetByTestId("holds")).ToContainTextAsync("Lost her job last week");
            await Assertions.Expect(holds.GetByTestId("holds")).ToContainTextAsync("agent@parley.test");
            await Assertions.Expect(page.GetByTestId("on-hold")).ToContainTextAsync("On hold");
            // Ending a hold early is a supervisor's decision: the agent is not offered it (and the use case refuses it).
            await Assertions.Expect(holds.GetByRole(AriaRole.Button, new() { Name = "End hold" })).ToHaveCountAsync(0);
        });

        await staff.WalkAsync("holds-supervisor", async page =>
        {
            await page.Context.ClearCookiesAsync();
            await staff.SignInAtAsync($"/accounts/{accountId}", "supervisor@parley.test");
            var holds = page.GetByTestId("holds-card");
            // Clicks count once the circuit is up (the prerendered page does not answer them).
            await Assertions.Expect(page.GetByTestId("take-payment")).ToHaveAttributeAsync("data-interactive", "true");
            await holds.GetByTestId("holds").GetByRole(AriaRole.Button, new() { Name = "End hold" }).ClickAsync();
            await holds.GetByLabel("Why collection may resume").FillAsync("Back at work; agreed a plan");
            await holds.GetByTestId("end-hold-confirm").ClickAsync();

            await Assertions.Expect(holds.GetByTestId("holds")).ToContainTextAsync("by supervisor@parley.test: Back at work; agreed a plan");
            await Assertions.Expect(page.GetByTestId("on-hold")).ToHaveCountAsync(0);
        });
    }

    private static async Task<Guid> AccountIdAsync(IServiceProvider services, string accountRef)
    {
        await using var scope = services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<ParleyDbContext>().Set<Account>().SingleAsync(a => a.CreditorReference == accountRef)).Id.Value;
    }
}
