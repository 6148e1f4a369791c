using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Arrangements.Contracts;
using Parley.Modules.Arrangements.Plans;
using Parley.Persistence;
using Parley.SharedKernel.Security;

namespace Parley.EndToEnd.Tests;

/// <summary>
/// On the account page: a seasonal plan set up from month chips and a reduced amount, previewed before it is proposed;
/// an income-based plan's percentage, floor, cap and declared incomes; then the plan breaks when instalments are
/// missed (the test host's clock moves on and the monitor reconciles), the page offers a re-plan and it is proposed.
/// </summary>
public sealed class ArrangementsReplanJourneyTests
{
    private const string Header = PlacementCsv.Header;

    // Outstanding 1,742.34 GBP; the creditor's minimum instalment is the default 25.00, with 3 grace days and 1 miss allowed.
    private const string Olivia =
        "BRIT-CARD,UK-2001,Olivia,Smith,1988-03-14,en-GB,10 Downing Lane,,London,SW1A 2AA,GB-ENG,Europe/London,07400 123456,call+sms,,,olivia.smith@example.co.uk,,yes,"
        + "BC-700001,credit_card,Brit Card plc,GBP,1520.00,210.34,12.00,,,97,2032-05-01,open,";

    private const string Supervisor = "sam.supervisor@parley.test";

    public ArrangementsReplanJourneyTests() => Assertions.SetDefaultExpectTimeout(45_000);

    [Fact]
    public async Task A_seasonal_plan_set_up_from_fields_breaks_when_payments_stop_and_a_re_plan_is_proposed()
    {
        await using var staff = await StaffBrowser.StartAsync("Europe/London");
        var accountId = await SeedAsync(staff);
        await staff.CreateStaffAsync(Supervisor, StaffRoles.Supervisor);

        await staff.WalkAsync("arrangements-replan", async page =>
        {
            var path = $"/accounts/{accountId}";
            await staff.SignInAtAsync(path, Supervisor);
            await ArrangementsPanelAsync(page);

            // The prerendered page carries the panel's skeleton, not its figures: they are read once, when it turns interactive.
            var prerendered = await (await page.ReloadAsync())!.TextAsync();
            prerendered.ShouldContain("data-testid=\"arrangements-loading\"");
            prerendered.ShouldNotContain("data-testid=\"offers\"");
            var panel = await ArrangementsPanelAsync(page);
            await Assertions.Expect(panel.GetByTestId("arrangements-loading")).ToHaveCountAsync(0);

            // Percentage of income: no instalment amount; its share, floor, cap and a declared income per period.
            await ChooseShapeAsync(page, panel, "Percentage of income");
            await Assertions.Expect(panel.GetByTestId("plan-amount").Locator("input")).ToBeDisabledAsync();
            await Type(panel.GetByTestId("plan-start"), "2026-11-09");
            await Type(panel.GetByTestId("income-percent"), "150");
            await Assertions.Expect(panel.GetByTestId("income-percent")).ToContainTextAsync("is not a percentage");
            await Type(panel.GetByTestId("income-percent"), "10");
            await Type(panel.GetByTestId("income-floor"), "50");
            await Type(panel.GetByTestId("income-cap"), "200");
            await Type(panel.GetByTestId("declared-income").First, "1200");
            await panel.GetByTestId("add-income").ClickAsync();
            await Type(panel.GetByTestId("declared-income").Nth(1), "300");
            // 10 % of 1,200 is 120.00; 10 % of 300 is 30.00, raised to the floor of 50.00.
            var preview = panel.GetByTestId("plan-preview");
            await Assertions.Expect(preview.GetByTestId("preview-instalment").Nth(0)).ToContainTextAsync("GBP 120.00");
            await Assertions.Expect(preview.GetByTestId("preview-instalment").Nth(1)).ToContainTextAsync("GBP 50.00");

            // Seasonal: nothing in August, 40.00 in December, 100.00 in the other months.
            await ChooseShapeAsync(page, panel, "Seasonal");
            await Type(panel.GetByTestId("plan-amount"), "100");
            await panel.GetByTestId("skip-months").Locator("[data-month='8']").ClickAsync();
            await panel.GetByTestId("reduce-months").Locator("[data-month='12']").ClickAsync();
            await Assertions.Expect(panel.GetByTestId("reduce-months").Locator("[data-month='12']")).ToHaveAttributeAsync("aria-pressed", "true");
            await Type(panel.GetByTestId("reduced-amount"), "40.123");
            await Assertions.Expect(panel.GetByTestId("reduced-amount")).ToContainTextAsync("more than 2 decimals for GBP");
            await Type(panel.GetByTestId("reduced-amount"), "40");
            await Assertions.Expect(preview.GetByTestId("preview-summary")).ToContainTextAsync("paying GBP 1,742.34 of GBP 1,742.34");
            await Assertions.Expect(preview.GetByTestId("preview-instalment").Nth(0)).ToContainTextAsync("9 Nov 2026");
            await Assertions.Expect(preview.GetByTestId("preview-instalment").Nth(1)).ToContainTextAsync("9 Dec 2026");
            await Assertions.Expect(preview.GetByTestId("preview-instalment").Nth(1)).ToContainTextAsync("GBP 40.00");
            // July 2027 is followed by September: August is skipped.
            await Assertions.Expect(preview.GetByTestId("preview-instalment").Nth(8)).ToContainTextAsync("9 Jul 2027");
            await Assertions.Expect(preview.GetByTestId("preview-instalment").Nth(9)).ToContainTextAsync("9 Sep 2027");
            await staff.ScreenshotAsync("arrangements-seasonal-form.png", fullPage: true);

            await panel.GetByTestId("propose-plan").ClickAsync();
            var plan = panel.GetByTestId("plan").First;
            await Assertions.Expect(plan.GetByTestId("plan-status")).ToHaveTextAsync("proposed");
            await Assertions.Expect(plan.GetByTestId("plan-settings")).ToHaveTextAsync("(nothing due in Aug; GBP 40.00 in Dec)");
            await plan.GetByTestId("activate-plan").ClickAsync();
            await Assertions.Expect(plan.GetByTestId("plan-status")).ToHaveTextAsync("active");

            // Nothing is paid: 9 November and 9 December pass with their grace days, two misses where one is allowed.
            staff.Factory.Time.Advance(TimeSpan.FromDays(45));
            await ReconcileAsync(staff.Factory.Services);

            // Six weeks on, the sign-in has lapsed; the page is read again after signing back in.
            await page.GotoAsync(path);
            if (page.Url.Contains("/account/signin", StringComparison.Ordinal))
            {
                await page.Locator("#email").FillAsync(Supervisor);
                await page.Locator("#password").FillAsync(StaffBrowser.AdminPassword);
                await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            }

            panel = await ArrangementsPanelAsync(page);
            plan = panel.GetByTestId("plan").First;
            await Assertions.Expect(plan.GetByTestId("plan-status")).ToHaveTextAsync("broken");
            await Assertions.Expect(plan.GetByTestId("instalment").Nth(0)).ToContainTextAsync("missed");
            await Assertions.Expect(plan.GetByTestId("instalment").Nth(1)).ToContainTextAsync("missed");
            await Assertions.Expect(plan.GetByTestId("instalment").Nth(2)).ToContainTextAsync("not asked (plan closed)");
            var replan = plan.GetByTestId("replan");
            await Assertions.Expect(replan).ToContainTextAsync("A re-plan is offered");
            await staff.ScreenshotAsync("arrangements-broken.png", fullPage: true);

            await replan.GetByTestId("start-replan").ClickAsync();
            await Assertions.Expect(panel.GetByTestId("plan-preview").GetByTestId("preview-summary")).ToBeVisibleAsync();
            await panel.GetByTestId("propose-plan").ClickAsync();
            await Assertions.Expect(panel.GetByTestId("plan")).ToHaveCountAsync(2);
            await Assertions.Expect(panel.GetByTestId("plan").First.GetByTestId("plan-status")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(proposed|awaiting approval)$"));
            await Assertions.Expect(panel.GetByTestId("plan").Nth(1).GetByTestId("plan-status")).ToHaveTextAsync("broken");
            await staff.ScreenshotAsync("arrangements-replanned.png", fullPage: true);
        });

        await using var scope = staff.Factory.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<ParleyDbContext>().Set<Arrangement>().OrderBy(a => a.CreatedAt).ToListAsync();
        stored.Select(a => a.Status).ShouldBe([ArrangementStatus.Broken, stored[1].Status]);
        stored[1].Status.ShouldBeOneOf(ArrangementStatus.Proposed, ArrangementStatus.AwaitingApproval);
    }

    private static async Task<ILocator> ArrangementsPanelAsync(IPage page)
    {
        var panel = page.GetByTestId("arrangements");
        await Assertions.Expect(panel).ToHaveAttributeAsync("data-interactive", "true");
        await Assertions.Expect(panel.GetByTestId("ie-form")).ToBeVisibleAsync();
        return panel;
    }

    /// <summary>
    /// Picks a shape in the select; on a loaded machine a click can land while the list is still opening or closing and
    /// be lost, so a pick that did not take is tried again (twice at most) before the last, patient check.
    /// </summary>
    private static async Task ChooseShapeAsync(IPage page, ILocator panel, string label)
    {
        var fields = panel.GetByTestId("shape-fields");
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await page.Locator(".mud-popover-open").CountAsync() > 0)
            {
                await page.Keyboard.PressAsync("Escape");
            }

            await panel.GetByTestId("plan-form").Locator(".mud-select").First.ClickAsync();
            await page.Locator(".mud-popover-open").GetByText(label, new() { Exact = true }).ClickAsync();
            if (await WaitForShapeAsync(fields, ShapeName(label)))
            {
                return;
            }
        }

        await Assertions.Expect(fields).ToHaveAttributeAsync("data-shape", ShapeName(label));
    }

    private static async Task<bool> WaitForShapeAsync(ILocator fields, string shape)
    {
        try
        {
            await Assertions.Expect(fields).ToHaveAttributeAsync("data-shape", shape, new() { Timeout = 5_000 });
            return true;
        }
        catch (PlaywrightException)
        {
            return false;
        }
    }

    private static string ShapeName(string label) => label switch
    {
        "Seasonal" => "seasonal",
        "Percentage of income" => "income",
        _ => throw new ArgumentOutOfRangeException(nameof(label), label, null),
    };

    /// <summary>Types into the field's input and leaves it, as a person does, so the form reads it.</summary>
    private static async Task Type(ILocator field, string value)
    {
        var input = field.Locator("input");
        await input.FillAsync(value);
        await input.BlurAsync();
    }

    private static async Task<Guid> SeedAsync(StaffBrowser staff)
    {
        await staff.CreateCreditorAsync("BRIT-CARD", "Brit Card plc", "GBP");
        var run = await staff.ImportAsync("replan.csv", $"{Header}\r\n{Olivia}\r\n");
        (run.RowsAccepted, run.RowsRejected).ShouldBe((1L, 0L));
        await using var scope = staff.Factory.Services.CreateAsyncScope();
        var account = await scope.ServiceProvider.GetRequiredService<ParleyDbContext>().Set<Account>().SingleAsync(a => a.CreditorReference == "BC-700001");
        return account.Id.Value;
    }

    private static async Task ReconcileAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ReconcileArrangements>().HandleAsync(Actor.System("test"), new ReconcileArrangementsRequest(), CancellationToken.None);
    }
}
