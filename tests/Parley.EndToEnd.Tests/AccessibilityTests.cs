using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Parley.Modules.Decisioning.Contracts;
using Parley.Testing;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Accounts.UseCases;
using Parley.Modules.Arrangements.Affordability;
using Parley.Modules.Arrangements.Contracts;
using Parley.Modules.Arrangements.Plans;
using Parley.Modules.Decisioning.Registry;
using Parley.Modules.Payments.Ledger;
using Parley.Persistence;
using Parley.SharedKernel.Security;

namespace Parley.EndToEnd.Tests;

/// <summary>
/// Every staff page, on a small realistic portfolio, passes axe (WCAG 2.0/2.1 A and AA, 2.2 AA) with no serious or
/// critical violation, at desktop and at phone width, settled and with its panels and forms open; it has one main
/// landmark, and at phone width the page itself never scrolls sideways (a wide table scrolls inside its own box).
/// A new page is one more line in <see cref="Pages"/>.
/// </summary>
public sealed class AccessibilityTests
{
    private const string Agent = "alex.agent@parley.test";

    private static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    /// <summary>Each step waits on a round trip to the server; on a loaded two-core machine Playwright's default 5 s is not always enough.</summary>
    public AccessibilityTests() => Assertions.SetDefaultExpectTimeout(45_000);

    [Theory]
    [InlineData("desktop", 1440, 900)]
    [InlineData("phone", 390, 844)]
    public async Task Every_staff_page_has_no_serious_or_critical_axe_violation_and_fits_the_screen(string name, int width, int height)
    {
        await using var staff = await StaffBrowser.StartAsync("Europe/London");
        var seeded = await SeedAsync(staff);
        await staff.Page.SetViewportSizeAsync(width, height);

        var problems = new List<string>();
        var summary = new StringBuilder($"axe at {name} width ({width}×{height}): serious+critical / all violations per page\n");
        string? signedInAs = null;
        try
        {
            foreach (var page in Pages(seeded))
            {
                if (page.User != signedInAs)
                {
                    await SignInAsync(staff.Page, page.User);
                    signedInAs = page.User;
                }

                await staff.WalkAsync($"a11y-{name}-{page.Name}", async browser =>
                {
                    await browser.GotoAsync(page.Path);
                    await SettleAsync(browser, page);
                    await ScanAsync(staff, browser, page.Name, name, width, problems, summary);
                    if (page.Open is { } open)
                    {
                        await open(browser);
                        await SettleAsync(browser, page);
                        await ScanAsync(staff, browser, $"{page.Name} (opened)", name, width, problems, summary);
                    }
                });
            }
        }
        finally
        {
            // What each page scored, for whoever reads the run (artifacts/ is not committed).
            var report = StaffBrowser.RepositoryPath("artifacts", $"axe-{name}.txt");
            Directory.CreateDirectory(Path.GetDirectoryName(report)!);
            await File.WriteAllTextAsync(report, summary + "\n" + string.Join("\n", problems));
            TestContext.Current.TestOutputHelper?.WriteLine(summary.ToString());
        }

        problems.ShouldBeEmpty(string.Join("\n", problems));
    }

    /// <summary>The staff pages to scan: where, signed in as whom (null: nobody), what shows it is ready, and what to open.</summary>
    private static IEnumerable<StaffPage> Pages(Seeded seeded) =>
    [
        new("sign-in", "/account/signin", null, Interactive: false, Ready: p => p.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })),
        new("home", "/", StaffBrowser.AdminEmail, Ready: p => p.GetByRole(AriaRole.Heading, new() { Level = 1 }),
            Open: async p =>
            {
                // The menu button says whether the navigation is open; on a phone it starts closed, on a desktop open.
                var toggle = p.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" });
                var open = await toggle.GetAttributeAsync("aria-expanded") == "true";
                await toggle.ClickAsync();
                await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", open ? "false" : "true");
            }),
        new("portfolio", "/accounts", StaffBrowser.AdminEmail, Ready: p => p.GetByTestId("open-account").First,
            Open: async p =>
            {
                await p.GetByLabel("Active hold").First.ClickAsync();
                await Assertions.Expect(p.GetByRole(AriaRole.Option, new() { Name = "On hold", Exact = true })).ToBeVisibleAsync();
            }),
        new("account-on-hold", $"/accounts/{seeded.OnHold}", StaffBrowser.AdminEmail, Ready: p => p.GetByTestId("holds").Locator("tbody tr").First,
            Open: async p =>
            {
                // The panel is a button that says whether it is open, and opens from the keyboard.
                var placeHold = p.GetByRole(AriaRole.Button, new() { Name = "Place a hold" });
                await Assertions.Expect(placeHold).ToHaveAttributeAsync("aria-expanded", "false");
                await placeHold.FocusAsync();
                await p.Keyboard.PressAsync("Enter");
                await Assertions.Expect(placeHold).ToHaveAttributeAsync("aria-expanded", "true");
                await Assertions.Expect(p.GetByLabel("What happened")).ToBeVisibleAsync();
                await p.GetByTestId("holds").GetByRole(AriaRole.Button, new() { Name = "End hold" }).ClickAsync();
                await Assertions.Expect(p.GetByLabel("Why collection may resume")).ToBeVisibleAsync();
            }),
        new("account-in-arrangement", $"/accounts/{seeded.InArrangement}", StaffBrowser.AdminEmail, Ready: p => p.GetByTestId("plan").First,
            Open: async p =>
            {
                var panel = p.GetByTestId("arrangements");
                await panel.Locator("[data-testid=offer][data-kind=FixedPlan]").GetByTestId("compare-offer").Locator("input").CheckAsync();
                await panel.Locator("[data-testid=offer][data-kind=StepUp]").GetByTestId("compare-offer").Locator("input").CheckAsync();
                await Assertions.Expect(panel.GetByTestId("comparison").GetByTestId("compared-option")).ToHaveCountAsync(2);
            }),
        new("dev-outbox", "/outreach/dev-outbox", StaffBrowser.AdminEmail, Ready: p => p.GetByTestId("dev-outbox")),
        new("outreach", "/outreach", StaffBrowser.AdminEmail, Ready: p => p.GetByTestId("dead-letter").First,
            Open: async p =>
            {
                await p.GetByTestId("dead-letter").First.GetByTestId("retry").ClickAsync();
                await Assertions.Expect(p.GetByTestId("retry-form").GetByTestId("why-disabled")).ToBeVisibleAsync();
            }),
        new("imports", "/imports", StaffBrowser.AdminEmail, Ready: p => p.GetByTestId("select-run").First,
            Open: async p =>
            {
                await p.GetByTestId("select-run").Filter(new() { HasText = "placements-with-errors.csv" }).ClickAsync();
                await Assertions.Expect(p.GetByTestId("import-rejects").Locator("tbody tr")).ToHaveCountAsync(20);
            }),
        new("models", "/models", StaffBrowser.AdminEmail, Ready: p => p.GetByTestId("model-summary").First,
            Open: async p =>
            {
                await p.GetByTestId("model-card").First.Locator(".mud-expand-panel-header").ClickAsync();
                await Assertions.Expect(p.Locator(".model-card").First).ToBeVisibleAsync();
                await p.GetByTestId("model-versions").First.Locator(".mud-expand-panel-header").ClickAsync();
                await Assertions.Expect(p.GetByTestId("model-version").First).ToBeVisibleAsync();
            }),
        new("staff", "/staff", StaffBrowser.AdminEmail, Ready: p => p.GetByRole(AriaRole.Cell, new() { Name = Agent }).First,
            Open: async p =>
            {
                await p.GetByLabel("Roles").First.ClickAsync();
                await Assertions.Expect(p.GetByRole(AriaRole.Option, new() { Name = StaffRoles.Compliance, Exact = true })).ToBeVisibleAsync();
            }),
        new("templates", "/outreach/templates", StaffBrowser.AdminEmail, Ready: p => p.GetByTestId("template-row").First,
            Open: async p =>
            {
                await p.Locator("[data-testid=template-row][data-key='reminder/email/en/supportive']").GetByTestId("open-template").ClickAsync();
                await Assertions.Expect(p.GetByTestId("preview-text")).ToContainTextAsync("Hi ");
            }),
        new("creditors", "/creditors", StaffBrowser.AdminEmail, Ready: p => p.GetByTestId("creditor").First,
            Open: async p =>
            {
                // The policy form with a refused value, so its error text is scanned too.
                await p.GetByTestId("edit-policy").First.ClickAsync();
                await Assertions.Expect(p.GetByTestId("policy-form")).ToBeVisibleAsync();
                await p.GetByTestId("add").ClickAsync();
                await Assertions.Expect(p.GetByTestId("add-creditor").Locator(".mud-input-error").First).ToBeVisibleAsync();
            }),
        new("creditors-as-agent", "/creditors", Agent, Ready: p => p.GetByTestId("admin-only")),
        new("not-found", "/no-such-page", StaffBrowser.AdminEmail, Interactive: false, Ready: p => p.GetByTestId("not-found")),
        new("access-denied", "/staff", Agent, Interactive: false, Ready: p => p.GetByRole(AriaRole.Heading, new() { Level = 1 })),
    ];

    private static async Task SignInAsync(IPage page, string? user)
    {
        await page.Context.ClearCookiesAsync();
        if (user is null)
        {
            return;
        }

        await page.GotoAsync("/account/signin");
        await page.Locator("#email").FillAsync(user);
        await page.Locator("#password").FillAsync(StaffBrowser.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/signin"));
    }

    /// <summary>Interactive pages are scanned once the circuit has rendered them and nothing is loading any more.</summary>
    private static async Task SettleAsync(IPage page, StaffPage staffPage)
    {
        if (staffPage.Interactive)
        {
            await Assertions.Expect(page.Locator(".mud-main-content[data-interactive=true]")).ToHaveCountAsync(1);
        }

        await Assertions.Expect(staffPage.Ready(page)).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[aria-busy=true]:not([role=progressbar]), .mud-skeleton, .mud-progress-linear-indeterminate")).ToHaveCountAsync(0);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        // A popover fading in is not yet its real colour.
        await page.WaitForFunctionAsync("() => document.getAnimations().every(a => a.playState !== 'running')");
    }

    private static async Task ScanAsync(StaffBrowser staff, IPage page, string scan, string size, int width, List<string> problems, StringBuilder summary)
    {
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagTags] } });
        var blocking = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        summary.AppendLine($"{scan,-32} {blocking.Sum(v => v.Nodes.Length),4} / {result.Violations.Sum(v => v.Nodes.Length),4}   "
            + string.Join(", ", result.Violations.Select(v => $"{v.Id}:{v.Impact}×{v.Nodes.Length}")));
        foreach (var violation in blocking)
        {
            foreach (var node in violation.Nodes)
            {
                problems.Add($"[{size}] {scan}: {violation.Id} ({violation.Impact}) at {node.Target}: {Snippet(node.Html)}");
            }
        }

        if (await page.GetByRole(AriaRole.Main).CountAsync() != 1)
        {
            problems.Add($"[{size}] {scan}: the page has {await page.GetByRole(AriaRole.Main).CountAsync()} main landmarks, not one");
        }

        // The page scrolls down, never sideways: a wide table scrolls inside its own container.
        var scrollWidth = await page.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth");
        if (scrollWidth > width + 1)
        {
            var culprits = await page.EvaluateAsync<string[]>(WiderThanTheScreen, width);
            problems.Add($"[{size}] {scan}: the page is {scrollWidth}px wide on a {width}px screen; sticking out: {string.Join(" | ", culprits)}");
        }

        // On a phone a stacked table row names each of its values, as the column headers do on a wide screen.
        if (width < 600)
        {
            var unlabelled = await page.EvaluateAsync<string[]>(UnlabelledStackedCells);
            if (unlabelled.Length > 0)
            {
                problems.Add($"[{size}] {scan}: {unlabelled.Length} cells of stacked table rows have no label, e.g. {Snippet(unlabelled[0])}");
            }
        }

        await staff.ScreenshotAsync($"a11y/{size}-{scan.Replace(' ', '-').Replace("(", "").Replace(")", "")}.png", fullPage: true);
    }

    /// <summary>The innermost elements that reach past the screen's right edge and that no scrolling container clips.</summary>
    private const string WiderThanTheScreen = """
        width => {
          const clipped = e => { for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
              const o = getComputedStyle(a).overflowX; if (o !== 'visible' && a.getBoundingClientRect().right <= width + 1) return true; } return false; };
          const out = [...document.body.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > width + 1 && !clipped(e));
          return out.filter(e => !out.some(o => o !== e && e.contains(o))).slice(0, 5).map(e => e.outerHTML.slice(0, 120));
        }
        """;

    /// <summary>Cells of MudTable rows stacked for a small screen whose column has a header but that show no label for it.</summary>
    private const string UnlabelledStackedCells = """
        () => [...document.querySelectorAll('.mud-xs-table table, .mud-sm-table table')].flatMap(table => {
          const headers = [...table.querySelectorAll(':scope > thead > tr > th')].map(th => th.textContent.trim());
          return [...table.querySelectorAll(':scope > tbody > tr')].filter(row => row.children.length === headers.length)
            .flatMap(row => [...row.children].filter((cell, i) => headers[i] && !cell.getAttribute('data-label')).map(cell => cell.outerHTML.slice(0, 120)));
        })
        """;

    private static string Snippet(string html) => html.Length <= 160 ? html : html[..160] + "…";

    private static async Task<Seeded> SeedAsync(StaffBrowser staff)
    {
        await staff.CreateCreditorAsync("ACME-CARD", "Acme Card Services", "USD");
        await staff.CreateCreditorAsync("BRIT-CARD", "Brit Card plc", "GBP");
        await staff.CreateStaffAsync(Agent, StaffRoles.Agent);
        await using (var sample = File.OpenRead(StaffBrowser.RepositoryPath("samples", "placements-sample.csv")))
        {
            (await staff.ImportAsync("placements-sample.csv", sample)).RowsRejected.ShouldBe(0);
        }

        await using (var errors = File.OpenRead(StaffBrowser.RepositoryPath("samples", "placements-with-errors.csv")))
        {
            (await staff.ImportAsync("placements-with-errors.csv", errors)).RowsRejected.ShouldBeGreaterThan(0);
        }

        await using var scope = staff.Factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var accounts = services.GetRequiredService<ParleyDbContext>().Set<Account>();
        var onHold = (await accounts.SingleAsync(a => a.CreditorReference == "AC-500001")).Id;
        var inArrangement = (await accounts.SingleAsync(a => a.CreditorReference == "BC-700001")).Id;
        var clock = services.GetRequiredService<NodaTime.IClock>();
        await services.GetRequiredService<DefaultModel>().HandleAsync(Actor.System("test seed"), new RegisterDefaultModelsRequest(), CancellationToken.None);

        // A card payment on the held account puts a payment in its ledger beside the placement.
        var payment = new PaymentCommand(150.00m, "USD", clock.GetCurrentInstant(), "card", "PAY-A11Y-1", "a11y-payment-1");
        await RecordPayment.PostAsync(onHold, payment, RecordPayment.RequestHash(payment), services.GetRequiredService<LedgerWriter>(), clock, CancellationToken.None);
        await services.GetRequiredService<PlaceHold>().HandleAsync(Staff.Agent, new PlaceHoldRequest(onHold, HoldType.Dispute, "Customer disputes the balance in writing", PlannedEndAt: clock.GetCurrentInstant() + NodaTime.Duration.FromDays(30)), CancellationToken.None);

        // An active plan: its card, timeline and status chips.
        var admin = Staff.Acting(StaffBrowser.AdminEmail, StaffRoles.Admin);
        var plan = await services.GetRequiredService<ProposeArrangement>().HandleAsync(admin, new ProposeArrangementRequest(inArrangement, new PlanShapeSpec.Fixed(), Frequency.Monthly, 100m, new NodaTime.LocalDate(2026, 11, 20)), CancellationToken.None);
        await services.GetRequiredService<ActivateArrangement>().HandleAsync(admin, new ActivateArrangementRequest(inArrangement, plan.Id), CancellationToken.None);

        // Then an I&E (as in the arrangements journey): the offers are sized to it, and a token payment needs a supervisor.
        var statement = new CaptureIncomeExpenditureRequest(inArrangement, StatementStandard.UkSfs, "GBP", new HouseholdInput(1, 0),
            [new("earnings", 1500m), new("rent", 700m), new("council_tax_or_rates", 120m), new("electricity", 80m), new("food_and_housekeeping", 350m), new("communications_and_leisure", 100m)],
            [9000m]);
        await services.GetRequiredService<CaptureIncomeExpenditure>().HandleAsync(admin, statement, CancellationToken.None);

        // Today's outreach plan for the portfolio, and a message the sender gave up on: the Outreach page's counts and its retry form.
        await OutreachOpsJourneyTests.PlanTodayAsync(staff.Factory.Services);
        await OutreachOpsJourneyTests.DeadLetterAsync(staff.Factory.Services, onHold);
        return new Seeded(onHold.Value, inArrangement.Value);
    }

    private sealed record Seeded(Guid OnHold, Guid InArrangement);

    private sealed record StaffPage(string Name, string Path, string? User, Func<IPage, ILocator> Ready, bool Interactive = true, Func<IPage, Task>? Open = null);
}
