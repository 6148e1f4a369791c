using Microsoft.Playwright;
using Parley.SharedKernel.Security;

namespace Parley.EndToEnd.Tests;

/// <summary>The home page shows the portfolio's figures per currency and each one opens the accounts behind it.</summary>
public sealed class HomePageTests
{
    private const string Header = PlacementCsv.Header;

    private static readonly string[] Rows =
    [
        "ACME-CARD,C-1,Ada,Lovelace,1985-12-10,en-US,1 Main St,,Boston,02110,US-MA,,,,,,,,,ADA-1,credit_card,,USD,1000.00,,,,,45,,open,",
        "ACME-CARD,C-2,Grace,Hopper,1980-01-01,en-US,2 Main St,,Boston,02110,US-MA,,,,,,,,,GRACE-1,credit_card,,USD,500.00,50.00,,,,10,,in_arrangement,",
        "BRIT-CARD,U-1,Mary,Somerville,1975-12-26,en-GB,4 High St,,London,SW1A 2AA,GB-ENG,,,,,,,,,MARY-1,personal_loan,,GBP,300.00,,,,,45,,open,",
    ];

    [Fact]
    public async Task The_home_page_shows_figures_per_currency_and_a_figure_opens_the_filtered_portfolio()
    {
        await using var staff = await StaffBrowser.StartAsync("Europe/London");
        await staff.CreateCreditorAsync("ACME-CARD", "Acme Card Services", "USD");
        await staff.CreateCreditorAsync("BRIT-CARD", "Brit Card plc", "GBP");
        (await staff.ImportAsync("home.csv", string.Join("\r\n", [Header, .. Rows]) + "\r\n")).RowsAccepted.ShouldBe(3L);
        await staff.CreateStaffAsync("agent@parley.test", StaffRoles.Agent);

        await staff.WalkAsync("home", async page =>
        {
            await staff.SignInAtAsync("/", "agent@parley.test");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "The portfolio today" })).ToBeVisibleAsync();
            var figures = page.GetByTestId("home-figures");
            await Assertions.Expect(figures.Locator("[data-testid=total][data-currency=USD]")).ToContainTextAsync("2 accounts");
            await Assertions.Expect(figures.Locator("[data-testid=total][data-currency=USD]")).ToContainTextAsync("owing USD 1,550.00");
            await Assertions.Expect(figures.Locator("[data-testid=total][data-currency=GBP]")).ToContainTextAsync("owing GBP 300.00");
            await Assertions.Expect(page.GetByTestId("payments-this-week")).ToContainTextAsync("midnight in Europe/London");
            // An agent is not admitted to imports, so the home page does not list them either.
            await Assertions.Expect(page.GetByTestId("recent-imports")).ToHaveCountAsync(0);
            await staff.ScreenshotAsync("home-page.png", fullPage: true);

            await page.GetByTestId("by-status").GetByRole(AriaRole.Link, new() { Name = "In an arrangement" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/accounts\\?status=in_arrangement$"));
            var names = page.GetByTestId("open-account");
            await Assertions.Expect(names).ToHaveTextAsync(["Grace Hopper"]);
        });
    }
}
