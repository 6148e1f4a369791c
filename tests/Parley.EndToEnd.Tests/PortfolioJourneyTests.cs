using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Payments.Ledger;
using Parley.Persistence;

namespace Parley.EndToEnd.Tests;

/// <summary>A member of staff signs in through the browser, finds an account in the portfolio and reads it.</summary>
public sealed class PortfolioJourneyTests
{
    private const string Header = PlacementCsv.Header;

    // Eight monthly statements; the balances open the ledger with principal 1,820.50, interest 94.75 and fees 35.00.
    private const string Ada =
        "ACME-CARD,CUST-77,Ada,Lovelace,1985-12-10,en-US,12 Analytical Way,,Boston,02110,US-MA,,(617) 253-0142,call,,,ada@example.org,personal,yes,"
        + "ACC-1001,credit_card,Acme Bank,USD,1820.50,94.75,35.00,2026-06-30,2026-03-14,120,2032-06-30,open,"
        + "2026-01-31|1800.00|50.00|50.00|0;2026-02-28|1845.00|50.00|50.00|0;2026-03-31|1890.00|50.00|50.00|0;2026-04-30|1935.00|50.00|0|30;"
        + "2026-05-31|1980.00|50.00|0|60;2026-06-30|2025.00|50.00|0|90;2026-07-31|2070.00|50.00|0|120;2026-08-31|2115.00|50.00|0|150";

    [Fact]
    public async Task Staff_sign_in_find_an_account_in_the_portfolio_and_read_it()
    {
        await using var staff = await StaffBrowser.StartAsync("UTC");
        await staff.CreateCreditorAsync("ACME-CARD", "Acme Card Services", "USD");
        var run = await staff.ImportAsync("e2e-placements.csv", $"{Header}\r\n{Ada}\r\n");
        (run.RowsAccepted, run.RowsRejected).ShouldBe((1L, 0L));
        await PayAsync(staff.Factory.Services, "ACC-1001");

        await staff.WalkAsync("journey", async page =>
        {
            await staff.SignInAtAsync("/accounts");

            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Portfolio" })).ToBeVisibleAsync();
            var link = page.GetByTestId("open-account").Filter(new() { HasText = "Ada Lovelace" });
            await Assertions.Expect(link).ToBeVisibleAsync();
            await staff.ScreenshotAsync("portfolio-page.png");
            await link.ClickAsync();

            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ada Lovelace" })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("account-ref")).ToHaveTextAsync("ACC-1001");
            // The file left the time zone blank; the importer filled in Massachusetts' zone.
            await Assertions.Expect(page.GetByText("America/New_York", new() { Exact = true })).ToBeVisibleAsync();

            // The placement opened the ledger with principal, interest and fees; the card payment paid fees first.
            var ledgerRows = page.GetByTestId("ledger").Locator("tbody tr");
            await Assertions.Expect(ledgerRows.Filter(new() { HasText = "PAY-E2E-1" })).ToContainTextAsync("USD 150.00");
            (await ledgerRows.CountAsync()).ShouldBeGreaterThanOrEqualTo(2);
            await Assertions.Expect(page.GetByTestId("balances")).ToContainTextAsync("USD 1,800.25");

            var screenshot = await staff.ScreenshotAsync("account-page.png", fullPage: true);
            File.Exists(screenshot).ShouldBeTrue();

            await page.GetByRole(AriaRole.Link, new() { Name = "Imports" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Imports" })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("import-runs").Locator("tbody tr").First).ToContainTextAsync("e2e-placements.csv");
        });
    }

    private static async Task PayAsync(IServiceProvider services, string accountRef)
    {
        await using var scope = services.CreateAsyncScope();
        var account = await scope.ServiceProvider.GetRequiredService<ParleyDbContext>().Set<Account>().SingleAsync(a => a.CreditorReference == accountRef);
        var clock = scope.ServiceProvider.GetRequiredService<NodaTime.IClock>();
        var payment = new PaymentCommand(150.00m, "USD", clock.GetCurrentInstant(), "card", "PAY-E2E-1", "e2e-payment-1");
        await RecordPayment.PostAsync(account.Id, payment, RecordPayment.RequestHash(payment), scope.ServiceProvider.GetRequiredService<LedgerWriter>(), clock, CancellationToken.None);
    }
}
