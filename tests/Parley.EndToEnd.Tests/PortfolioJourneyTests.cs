using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NodaTime;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Payments.Contracts;
using Parley.Modules.Payments.Ledger;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.Testing;
using Parley.Web.Security;

namespace Parley.EndToEnd.Tests;

/// <summary>
/// A member of staff signs in through the browser, finds an account in the portfolio and reads it: the real host
/// on Kestrel (loopback), a fresh SQLite database, Debian's Chromium driven by Playwright.
/// </summary>
public sealed class PortfolioJourneyTests
{
    private const string AdminEmail = "admin@parley.test";
    private const string AdminPassword = "correct-horse-battery";

    [Fact]
    public async Task Staff_sign_in_find_an_account_in_the_portfolio_and_read_it()
    {
        var chromium = RequireChromium();
        await using var factory = await ParleyWebFactory.CreateAsync(DatabaseProvider.Sqlite, useTestAuthentication: false, new Dictionary<string, string?>
        {
            [StaffBootstrapper.AdminEmailKey] = AdminEmail,
            [StaffBootstrapper.AdminPasswordKey] = AdminPassword,
        });
        var baseAddress = factory.StartOnLoopback();
        await SeedAccountAsync(factory.Services);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(new() { BaseURL = baseAddress.ToString(), ViewportSize = new() { Width = 1400, Height = 1800 } });

        try
        {
            await WalkThroughAsync(page);
        }
        catch
        {
            // What the browser showed when the journey broke, for whoever reads the failure.
            await page.ScreenshotAsync(new() { Path = Path.Combine(ArtifactsFolder(), "journey-failure.png"), FullPage = true });
            throw;
        }
    }

    private static async Task WalkThroughAsync(IPage page)
    {
        await page.GotoAsync("/accounts");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/signin"));
        await page.Locator("#email").FillAsync(AdminEmail);
        await page.Locator("#password").FillAsync(AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Portfolio" })).ToBeVisibleAsync();
        var link = page.GetByTestId("open-account").Filter(new() { HasText = "Ada Lovelace" });
        await Assertions.Expect(link).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(ArtifactsFolder(), "portfolio-page.png") });
        await link.ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ada Lovelace" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("account-ref")).ToHaveTextAsync("ACC-1001");
        await Assertions.Expect(page.GetByText("America/New_York")).ToBeVisibleAsync();

        // The placement opened the ledger with principal, interest and fees; the card payment paid fees first.
        var ledgerRows = page.GetByTestId("ledger").Locator("tbody tr");
        await Assertions.Expect(ledgerRows.Filter(new() { HasText = "PAY-E2E-1" })).ToContainTextAsync("USD 150.00");
        (await ledgerRows.CountAsync()).ShouldBeGreaterThanOrEqualTo(2);
        await Assertions.Expect(page.GetByTestId("balances")).ToContainTextAsync("USD 1,800.25");

        var screenshot = Path.Combine(ArtifactsFolder(), "account-page.png");
        await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
        File.Exists(screenshot).ShouldBeTrue();

        await page.GetByRole(AriaRole.Link, new() { Name = "Imports" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Imports" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(ArtifactsFolder(), "imports-page.png") });
    }

    private static async Task SeedAccountAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        var placedAt = Instant.FromUtc(2026, 9, 1, 12, 0);
        var creditor = new Creditor("ACME-CARD", "Acme Card Services", Currency.USD, new CreditorPolicy(AllocationWaterfall.Default, Money.Of(25m, Currency.USD), 0m, 40m));
        var customer = new Customer(creditor.Id, "CUST-77", new PersonName("Ada", "Lovelace"), new LocalDate(1985, 12, 10), "en-US");
        customer.AddAddress(new PostalAddress("12 Analytical Way", null, "Boston", "02110", Jurisdiction.Parse("US-MA"), "America/New_York"));
        customer.AddPhone(new PhoneNumber("+16175550123", PhoneType.Mobile, consentToCall: true, consentToSms: false));
        customer.AddEmail(new EmailAddress("ada@example.org", EmailType.Personal, consentToEmail: true));
        var account = new Account(
            creditor.Id,
            customer.Id,
            "ACC-1001",
            new AccountTerms(Currency.USD, ProductType.CreditCard, "Acme Bank", new LocalDate(2026, 6, 30), new LocalDate(2026, 3, 14), 120, new LocalDate(2032, 6, 30), AccountStatus.Open),
            placedAt);
        var month = new LocalDate(2026, 1, 31);
        account.RecordStatements(StatementHistory.Of(Enumerable.Range(0, 8).Select(i =>
            new MonthlyStatement(month.PlusMonths(i), 180_000 + (i * 4_500), 5_000, i < 3 ? 5_000 : 0, i < 3 ? 0 : (i - 2) * 30))));
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.AddRange(creditor, customer, account);

        await db.SaveChangesAsync();
        await scope.ServiceProvider.GetRequiredService<ILedgerPlacements>().ApplyAsync(
            [new PlacementBalance(account.Id, Currency.USD, AllocationWaterfall.Default, 182_050, 9_475, 3_500, placedAt, "e2e-placement-1")],
            CancellationToken.None);
        await transaction.CommitAsync();

        var payment = new PaymentCommand(150.00m, "USD", placedAt + Duration.FromDays(10), "card", "PAY-E2E-1", "e2e-payment-1");
        await RecordPayment.PostAsync(account.Id, payment, RecordPayment.RequestHash(payment), scope.ServiceProvider.GetRequiredService<LedgerWriter>(),
            scope.ServiceProvider.GetRequiredService<NodaTime.IClock>(), CancellationToken.None);
    }

    /// <summary>Debian's Chromium; under CI a missing browser fails the test, locally it skips.</summary>
    private static string RequireChromium()
    {
        var path = Environment.GetEnvironmentVariable("PARLEY_TEST_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        if (File.Exists(path))
        {
            return path;
        }

        if (TestDatabase.IsCi)
        {
            Assert.Fail($"Chromium is required under CI but {path} does not exist (apt-get install chromium, or set PARLEY_TEST_CHROMIUM).");
        }

        Assert.Skip($"No Chromium at {path}; set PARLEY_TEST_CHROMIUM to run the browser test.");
        return path;
    }

    private static string ArtifactsFolder()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Parley.slnx")))
        {
            folder = folder.Parent;
        }

        var artifacts = Path.Combine(folder?.FullName ?? AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(artifacts);
        return artifacts;
    }
}
