using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Parley.Testing;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Accounts.UseCases;
using Parley.Persistence;
using Parley.SharedKernel;

namespace Parley.EndToEnd.Tests;

/// <summary>
/// What staff read, as Chromium renders it: words, not enum names (<c>InArrangement</c>, any module enum's
/// compound name), snake_case codes
/// (<c>write_off</c>) or bare compliance rule ids; a code may appear only as the detail after its meaning (the
/// <c>.parley-code</c> span) or as a literal file column (<c>code</c>). And the portfolio's balance and hold columns
/// on screen at 1,440 × 900 without scrolling sideways.
/// </summary>
public sealed partial class PlainWordsTests
{
    // Every text node outside a code detail, with the path of the element it sits in (for the failure message).
    private const string VisibleText = """
        () => {
          const out = [];
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const el = node.parentElement;
            if (!el || el.closest('.parley-code, code, script, style, template')) continue;
            const text = node.textContent.trim();
            if (!text) continue;
            const style = getComputedStyle(el);
            if (style.display === 'none' || style.visibility === 'hidden') continue;
            out.push(text);
          }
          return out;
        }
        """;

    [Fact]
    public async Task Staff_pages_show_words_not_enum_names_or_bare_codes()
    {
        await using var staff = await StaffBrowser.StartAsync("UTC");
        await staff.CreateCreditorAsync("ACME-CARD", "Acme Card Services", "USD");
        await staff.CreateCreditorAsync("BRIT-CARD", "Brit Card plc", "GBP");
        await using (var sample = File.OpenRead(StaffBrowser.RepositoryPath("samples", "placements-sample.csv")))
        {
            (await staff.ImportAsync("placements-sample.csv", sample)).RowsRejected.ShouldBe(0);
        }

        // A UK account with a breathing-space hold (hold types and the UK rules that deny contact) and a US account in an
        // arrangement (its status, and the US rules that leave the call to a person).
        Guid held, arranged;
        await using (var scope = staff.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
            var uk = await db.Set<Account>().Where(a => a.Currency == Parley.SharedKernel.Currency.GBP).OrderBy(a => a.CreditorReference).FirstAsync();
            held = uk.Id.Value;
            arranged = (await db.Set<Account>().Where(a => a.Status == AccountStatus.InArrangement).OrderBy(a => a.CreditorReference).FirstAsync()).Id.Value;
            await scope.ServiceProvider.GetRequiredService<PlaceHold>().HandleAsync(Staff.Agent, new PlaceHoldRequest(uk.Id, HoldType.BreathingSpace, "A debt adviser applied for breathing space"), CancellationToken.None);
        }

        var leaks = new List<string>();
        await staff.WalkAsync("plain-words", async page =>
        {
            await staff.SignInAtAsync("/accounts");
            await Assertions.Expect(page.GetByTestId("open-account").First).ToBeVisibleAsync();
            leaks.AddRange(await ScanAsync(page, "portfolio"));
            foreach (var filter in new[] { "Status", "Days past due", "Product" })
            {
                await page.GetByLabel(filter).First.ClickAsync();
                await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item").First).ToBeVisibleAsync();
                leaks.AddRange(await ScanAsync(page, $"portfolio, {filter} filter open"));
                await page.Keyboard.PressAsync("Escape");
            }

            foreach (var (account, what) in new[] { (held, "held UK account"), (arranged, "US account in an arrangement") })
            {
                await page.GotoAsync($"/accounts/{account}");
                await Assertions.Expect(page.GetByTestId("arrangements")).ToHaveAttributeAsync("data-interactive", "true");
                // Offers, or (under Breathing Space) why collection is paused: both are scanned for codes.
                await Assertions.Expect(page.GetByTestId("offers").Or(page.GetByTestId("collection-paused"))).ToBeVisibleAsync();
                await Assertions.Expect(page.GetByTestId("channel-rules").First).ToBeVisibleAsync();
                leaks.AddRange(await ScanAsync(page, what));

                // The rule ids are there, each after its meaning.
                var rule = page.Locator("[data-testid=channel-rules] .parley-rule").First;
                (await rule.InnerTextAsync()).ShouldMatch(@"^\w.* \((US|UK|EU)-[A-Z0-9-]+\)$");
            }

            await page.GotoAsync($"/accounts/{held}");
            await Assertions.Expect(page.GetByTestId("on-hold")).ToContainTextAsync("Breathing space");

            await page.GotoAsync("/imports");
            await Assertions.Expect(page.GetByTestId("import-runs").Locator("tbody tr").First).ToContainTextAsync("Finished");
            leaks.AddRange(await ScanAsync(page, "imports"));

            // The day's outreach plan and a message Parley gave up on, read in words (rules by their meaning).
            await OutreachOpsJourneyTests.PlanTodayAsync(staff.Factory.Services);
            await OutreachOpsJourneyTests.DeadLetterAsync(staff.Factory.Services, new AccountId(held));
            await page.GotoAsync("/outreach");
            await Assertions.Expect(page.GetByTestId("dead-letter")).ToHaveCountAsync(1);
            await Assertions.Expect(page.GetByTestId("day-plan").GetByTestId("planned-contact").First).ToBeVisibleAsync();
            leaks.AddRange(await ScanAsync(page, "outreach"));
            await page.GotoAsync($"/accounts/{held}");
            await Assertions.Expect(page.GetByTestId("planned-contacts").GetByTestId("planned-dead-letter")).ToBeVisibleAsync();
            leaks.AddRange(await ScanAsync(page, "held UK account, planned contacts"));

            await page.GotoAsync("/staff");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Staff", Exact = true })).ToBeVisibleAsync();
            leaks.AddRange(await ScanAsync(page, "staff"));
        });

        leaks.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_portfolio_shows_the_outstanding_balance_and_hold_at_1440_by_900_without_scrolling_sideways()
    {
        await using var staff = await StaffBrowser.StartAsync("UTC", width: 1440, height: 900);
        await staff.CreateCreditorAsync("ACME-CARD", "Acme Card Services of Greater Massachusetts Incorporated", "USD");
        await staff.CreateCreditorAsync("BRIT-CARD", "Brit Card plc", "GBP");
        await using (var sample = File.OpenRead(StaffBrowser.RepositoryPath("samples", "placements-sample.csv")))
        {
            (await staff.ImportAsync("placements-sample.csv", sample)).RowsRejected.ShouldBe(0);
        }

        await staff.WalkAsync("portfolio-1440", async page =>
        {
            await staff.SignInAtAsync("/accounts");
            await Assertions.Expect(page.GetByTestId("open-account").First).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("portfolio-order")).ToHaveTextAsync("Furthest behind first (most days past due). Select a column heading to sort by it.");
            await staff.ScreenshotAsync("portfolio-1440.png");

            foreach (var header in new[] { "Outstanding", "Hold" })
            {
                var box = await page.GetByTestId("portfolio-grid").Locator("th").Filter(new() { HasText = header }).First.BoundingBoxAsync();
                box.ShouldNotBeNull(header);
                (box.X + box.Width).ShouldBeLessThanOrEqualTo(1440, $"the {header} column ends off screen");
            }

            // Neither the page nor the grid scrolls sideways.
            (await page.EvaluateAsync<bool>("() => document.scrollingElement.scrollWidth <= document.scrollingElement.clientWidth")).ShouldBeTrue("the page scrolls sideways");
            (await page.EvaluateAsync<bool>("() => [...document.querySelectorAll('[data-testid=portfolio-grid] .mud-table-container')].every(c => c.scrollWidth <= c.clientWidth)"))
                .ShouldBeTrue("the grid scrolls sideways");
        });
    }

    // The names of every enum value of the modules that is more than one word (InArrangement, BreathingSpace, CreditCard):
    // on a page they can only be a value printed as itself. (One-word names are words; a name like MacLeod is a name.)
    private static readonly HashSet<string> EnumNames =
    [
        .. new[] { typeof(Account), typeof(Parley.Modules.Compliance.Contracts.Channel), typeof(Parley.Modules.Payments.Contracts.LedgerEntryKind),
                typeof(Parley.Modules.Arrangements.Contracts.ArrangementStatus), typeof(Parley.Modules.Decisioning.Contracts.ModelKind) }
            .SelectMany(t => t.Assembly.GetTypes()).Where(t => t.IsEnum && t.IsPublic).SelectMany(Enum.GetNames).Where(n => Compound().IsMatch(n)),
    ];

    private static async Task<IEnumerable<string>> ScanAsync(IPage page, string where)
    {
        var texts = await page.EvaluateAsync<string[]>(VisibleText);
        var words = texts.SelectMany(text => Compound().Matches(text).Where(m => EnumNames.Contains(m.Value)).Select(m => (m.Value, text)));
        var codes = texts.SelectMany(text => Codes().Matches(text).Select(m => (m.Value, text)));
        return words.Concat(codes).Select(leak => $"{where}: '{leak.Value}' in \"{leak.text}\"");
    }

    [GeneratedRegex(@"\b[A-Z][a-z0-9]+[A-Z][A-Za-z0-9]*\b")]
    private static partial Regex Compound();

    /// <summary>A snake_case code (<c>write_off</c>) or a compliance rule id on its own.</summary>
    [GeneratedRegex(@"\b[a-z]+_[a-z_]+\b|\b(US|UK|EU)-[A-Z0-9]+(-[A-Z0-9]+)+\b")]
    private static partial Regex Codes();
}
