using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Parley.Testing;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Accounts.UseCases;
using Parley.Persistence;

namespace Parley.EndToEnd.Tests;

/// <summary>
/// A time-barred account under Breathing Space: the portfolio and the account header flag it as time-barred, and the
/// arrangements panel shows why collection is paused (the hold, its rule, in plain words) and what the time bar asks,
/// instead of offers and a plan form.
/// </summary>
public sealed class CollectionControlsJourneyTests
{
    private const string Header = PlacementCsv.Header;

    // Its limitation period ended on 1 May 2020.
    private const string Owen =
        "BRIT-CARD,UK-3001,Owen,Price,1975-07-02,en-GB,4 Station Road,,Leeds,LS1 4AP,GB-ENG,,07400 654321,call+sms,,,owen.price@example.co.uk,,yes,"
        + "BC-900001,credit_card,Brit Card plc,GBP,820.00,64.10,12.00,2014-03-01,2014-04-20,2400,2020-05-01,open,";

    public CollectionControlsJourneyTests() => Assertions.SetDefaultExpectTimeout(45_000);

    [Fact]
    public async Task Staff_see_a_time_barred_account_under_breathing_space_flagged_and_why_no_offers_are_made()
    {
        await using var staff = await StaffBrowser.StartAsync("Europe/London");
        await staff.CreateCreditorAsync("BRIT-CARD", "Brit Card plc", "GBP");
        var run = await staff.ImportAsync("controls.csv", $"{Header}\r\n{Owen}\r\n");
        (run.RowsAccepted, run.RowsRejected).ShouldBe((1L, 0L));
        await using (var scope = staff.Factory.Services.CreateAsyncScope())
        {
            var account = await scope.ServiceProvider.GetRequiredService<ParleyDbContext>().Set<Account>().SingleAsync(a => a.CreditorReference == "BC-900001");
            await scope.ServiceProvider.GetRequiredService<PlaceHold>().HandleAsync(Staff.Agent, new PlaceHoldRequest(account.Id, HoldType.BreathingSpace, "Insolvency Service notification received"), CancellationToken.None);
        }

        await staff.WalkAsync("collection-controls", async page =>
        {
            await staff.SignInAtAsync("/accounts");
            var row = page.Locator("tr").Filter(new() { Has = page.GetByTestId("open-account").Filter(new() { HasText = "Owen Price" }) });
            await Assertions.Expect(row.GetByTestId("time-barred")).ToHaveTextAsync("Time-barred");
            await row.GetByTestId("open-account").ClickAsync();

            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Owen Price" })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("time-barred-chip")).ToContainTextAsync("Time-barred since 1 May 2020");

            var panel = page.GetByTestId("arrangements");
            await Assertions.Expect(panel).ToHaveAttributeAsync("data-interactive", "true");
            var paused = panel.GetByTestId("paused-by");
            await Assertions.Expect(paused).ToHaveAttributeAsync("data-rule", "UK-BS-STANDARD-60D");
            await Assertions.Expect(paused).ToContainTextAsync("Breathing Space");
            await Assertions.Expect(paused).ToContainTextAsync("a payment the customer chooses to make is still accepted");
            await Assertions.Expect(panel.GetByTestId("time-barred")).ToContainTextAsync("UK-CONC-STATUTE-BARRED");
            await Assertions.Expect(panel.GetByTestId("time-barred")).ToContainTextAsync("does not restart the time limit");
            await Assertions.Expect(panel.GetByTestId("offer")).ToHaveCountAsync(0);
            await Assertions.Expect(panel.GetByTestId("propose-plan")).ToHaveCountAsync(0);
            await staff.ScreenshotAsync("collection-paused.png", fullPage: true);
        });
    }
}
