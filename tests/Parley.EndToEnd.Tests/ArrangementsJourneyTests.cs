using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Arrangements.Contracts;
using Parley.Modules.Arrangements.Plans;
using Parley.Modules.Payments.Ledger;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;

namespace Parley.EndToEnd.Tests;

/// <summary>
/// On the account page: staff enter the customer's income and expenditure, read the offers and why each is made, set
/// up a plan from one, and compare options; only a supervisor other than its proposer approves a plan outside the
/// creditor's policy.
/// </summary>
public sealed class ArrangementsJourneyTests
{
    private const string Header = PlacementCsv.Header;

    // Outstanding 1,742.34 GBP (principal 1,520.00, interest 210.34, fees 12.00); the creditor's minimum instalment is the default 25.00.
    private const string Olivia =
        "BRIT-CARD,UK-2001,Olivia,Smith,1988-03-14,en-GB,10 Downing Lane,,London,SW1A 2AA,GB-ENG,,07400 123456,call+sms,,,olivia.smith@example.co.uk,,yes,"
        + "BC-700001,credit_card,Brit Card plc,GBP,1520.00,210.34,12.00,,,97,2032-05-01,open,";

    private const string Supervisor = "sam.supervisor@parley.test";
    private const string SecondSupervisor = "kim.supervisor@parley.test";
    private const string Agent = "alex.agent@parley.test";

    /// <summary>Each step waits on a round trip to the server; on a loaded two-core machine Playwright's default 5 s is not always enough.</summary>
    public ArrangementsJourneyTests() => Assertions.SetDefaultExpectTimeout(45_000);

    [Fact]
    public async Task A_supervisor_enters_ie_reads_the_offers_sets_up_a_plan_a_second_supervisor_approves_and_activates_and_compares_options()
    {
        await using var staff = await StaffBrowser.StartAsync("Europe/London");
        var accountId = await SeedAsync(staff);
        await staff.CreateStaffAsync(Supervisor, StaffRoles.Supervisor);
        await staff.CreateStaffAsync(SecondSupervisor, StaffRoles.Supervisor);

        await staff.WalkAsync("arrangements", async page =>
        {
            await staff.SignInAtAsync($"/accounts/{accountId}", Supervisor);
            var panel = await ArrangementsPanelAsync(page);
            await Assertions.Expect(panel.GetByTestId("ie-version")).ToHaveTextAsync("No income and expenditure captured yet.");
            // Without an I&E the offers say so, and ask for one.
            await Assertions.Expect(panel.GetByTestId("offers")).ToContainTextAsync("no income and expenditure yet: complete one before agreeing");

            // A negative figure is the module's refusal, shown beside its field; nothing is stored.
            await Amount(panel, "earnings", "1500");
            await Amount(panel, "rent", "-700");
            await panel.GetByTestId("ie-save").ClickAsync();
            await Assertions.Expect(panel.GetByTestId("ie-rent")).ToContainTextAsync("is negative");
            await Assertions.Expect(panel.GetByTestId("ie-version")).ToHaveTextAsync("No income and expenditure captured yet.");

            await Amount(panel, "rent", "700");
            await Amount(panel, "council_tax_or_rates", "120");
            await Amount(panel, "electricity", "80");
            await Amount(panel, "food_and_housekeeping", "350");
            await Amount(panel, "communications_and_leisure", "100");
            await panel.GetByTestId("ie-other-creditors").Locator("input").FillAsync("9000");
            await panel.GetByTestId("ie-save").ClickAsync();

            await Assertions.Expect(panel.GetByTestId("ie-version")).ToContainTextAsync($"Version 1 · captured 2 Nov 2026, 15:00 UTC by {Supervisor}");
            await Assertions.Expect(panel.GetByTestId("ie-disposable")).ToHaveTextAsync("GBP 150.00");
            // 150.00 × 1,742.34 ÷ (1,742.34 + 9,000.00), rounded down.
            await Assertions.Expect(panel.GetByTestId("ie-share")).ToHaveTextAsync("GBP 24.32");
            await Assertions.Expect(panel.GetByTestId("ie-flags")).ToContainTextAsync("illustrative_guidelines");

            // What the customer can afford (24.32 a month) is below the creditor's minimum (25.00): a token payment a supervisor approves.
            var offers = panel.GetByTestId("offer");
            (await offers.CountAsync()).ShouldBeGreaterThanOrEqualTo(2);
            var token = offers.Filter(new() { Has = page.GetByTestId("needs-approval") }).First;
            await Assertions.Expect(token.GetByTestId("approval-reason")).ToContainTextAsync("Needs supervisor approval");
            await Assertions.Expect(token.GetByTestId("offer-reasons")).ToContainTextAsync("below the creditor's minimum: a token payment");
            await Assertions.Expect(token.GetByTestId("offer-reasons")).ToContainTextAsync("UK-CONC-FORBEARANCE");
            await Assertions.Expect(token.GetByTestId("offer-terms")).ToContainTextAsync("24.32");

            // Compare two options on the chart; the table beside it carries the same figures.
            // A payment holiday with nothing due has no schedule to chart; the fixed and step-up plans do.
            await panel.Locator("[data-testid=offer][data-kind=FixedPlan]").GetByTestId("compare-offer").Locator("input").CheckAsync();
            await panel.Locator("[data-testid=offer][data-kind=StepUp]").GetByTestId("compare-offer").Locator("input").CheckAsync();
            var comparison = panel.GetByTestId("comparison");
            await Assertions.Expect(comparison.GetByTestId("compared-option")).ToHaveCountAsync(2);
            await Assertions.Expect(comparison.Locator(".mud-chart-legend-item")).ToHaveCountAsync(2);
            await Assertions.Expect(comparison.GetByTestId("compared-option").First).ToContainTextAsync("Fixed plan");
            await Assertions.Expect(comparison.GetByTestId("compared-option").First).ToContainTextAsync("11 Oct 2032");
            await Assertions.Expect(comparison.GetByTestId("compared-option").First).ToContainTextAsync("1,742.34");
            await comparison.ScreenshotAsync(new() { Path = StaffBrowser.RepositoryPath("artifacts", "arrangements-comparison.png") });

            await token.GetByTestId("use-offer").ClickAsync();
            await Assertions.Expect(panel.GetByTestId("plan-amount").Locator("input")).ToHaveValueAsync("24.32");
            await Assertions.Expect(panel.GetByTestId("plan-start").Locator("input")).ToHaveValueAsync("2026-11-09");
            await PreviewShownAsync(panel, "proposed, it waits for a supervisor's approval");
            await panel.GetByTestId("propose-plan").ClickAsync();

            var plan = panel.GetByTestId("plan").First;
            await Assertions.Expect(plan.GetByTestId("plan-status")).ToHaveTextAsync("awaiting approval");
            // Every breach is named: 24.32 is below the minimum, and at 24.32 a month the plan outlasts the creditor's 60 months.
            await Assertions.Expect(plan.GetByTestId("plan-breach")).ToHaveCountAsync(2);
            await Assertions.Expect(plan.Locator("[data-testid=plan-breach][data-code=instalment_below_minimum]")).ToContainTextAsync("below the creditor's minimum");
            await Assertions.Expect(plan.Locator("[data-testid=plan-breach][data-code=longer_than_policy]")).ToContainTextAsync("longer than the creditor's longest plan of 60 months");

            // Four eyes: whoever proposed a plan outside policy cannot approve it, supervisor or not; a second supervisor does.
            await Assertions.Expect(plan.GetByTestId("needs-second-approver")).ToBeVisibleAsync();
            await Assertions.Expect(plan.GetByTestId("approve-plan")).ToHaveCountAsync(0);
            await page.Context.ClearCookiesAsync();
            await staff.SignInAtAsync($"/accounts/{accountId}", SecondSupervisor);
            panel = await ArrangementsPanelAsync(page);
            plan = panel.GetByTestId("plan").First;
            await plan.GetByTestId("approve-plan").ClickAsync();
            await Assertions.Expect(plan.GetByTestId("plan-status")).ToHaveTextAsync("proposed");
            await plan.GetByTestId("activate-plan").ClickAsync();
            await Assertions.Expect(plan.GetByTestId("plan-status")).ToHaveTextAsync("active");

            var instalments = plan.GetByTestId("instalment");
            await Assertions.Expect(instalments.First).ToContainTextAsync("9 Nov 2026");
            await Assertions.Expect(instalments.First).ToContainTextAsync("GBP 24.32");
            await Assertions.Expect(instalments.First).ToContainTextAsync("upcoming");
            await Assertions.Expect(plan.GetByTestId("plan-progress")).ToContainTextAsync("Paid GBP 0.00 of GBP 1,742.34 (0 %)");
            await staff.ScreenshotAsync("arrangements-active.png", fullPage: true);

            // A payment satisfies the first instalment once the monitor reconciles the plan with the ledger.
            staff.Factory.Time.Advance(TimeSpan.FromMinutes(1));
            await PayAsync(staff.Factory.Services, accountId, 24.32m);
            await ReconcileAsync(staff.Factory.Services);
            await page.ReloadAsync();
            panel = await ArrangementsPanelAsync(page);
            plan = panel.GetByTestId("plan").First;
            await Assertions.Expect(plan.GetByTestId("instalment").First).ToContainTextAsync("kept");
            await Assertions.Expect(plan.GetByTestId("plan-progress")).ToContainTextAsync("Paid GBP 24.32 of GBP 1,742.34 (1.3 %)");
            await plan.ScreenshotAsync(new() { Path = StaffBrowser.RepositoryPath("artifacts", "arrangements-timeline.png") });
        });
    }

    [Fact]
    public async Task An_agent_sees_that_a_plan_outside_policy_needs_a_supervisor_and_has_no_approve_button()
    {
        await using var staff = await StaffBrowser.StartAsync("Europe/London");
        var accountId = await SeedAsync(staff);
        await staff.CreateStaffAsync(Agent, StaffRoles.Agent);

        await staff.WalkAsync("arrangements-agent", async page =>
        {
            await staff.SignInAtAsync($"/accounts/{accountId}", Agent);
            var panel = await ArrangementsPanelAsync(page);

            // 10.00 a month is below the creditor's minimum of 25.00: proposed, it waits for a supervisor.
            await panel.GetByTestId("plan-amount").Locator("input").FillAsync("10");
            await panel.GetByTestId("plan-start").Locator("input").FillAsync("2026-11-20");
            await panel.GetByTestId("plan-start").Locator("input").BlurAsync();
            await PreviewShownAsync(panel, "proposed, it waits for a supervisor's approval");
            await panel.GetByTestId("propose-plan").ClickAsync();

            var plan = panel.GetByTestId("plan").First;
            await Assertions.Expect(plan.GetByTestId("plan-status")).ToHaveTextAsync("awaiting approval");
            await Assertions.Expect(plan.GetByTestId("needs-supervisor")).ToBeVisibleAsync();
            await Assertions.Expect(plan.GetByTestId("approve-plan")).ToHaveCountAsync(0);
            await Assertions.Expect(plan.GetByTestId("activate-plan")).ToHaveCountAsync(0);

            // A bad start is the module's refusal beside the field.
            await panel.GetByTestId("plan-amount").Locator("input").FillAsync("50");
            await panel.GetByTestId("plan-start").Locator("input").FillAsync("2020-01-01");
            await panel.GetByTestId("plan-start").Locator("input").BlurAsync();
            await Assertions.Expect(panel.GetByTestId("preview-note")).ToBeVisibleAsync();
            await panel.GetByTestId("propose-plan").ClickAsync();
            await Assertions.Expect(panel.GetByTestId("plan-start")).ToContainTextAsync("2020-01-01");
            await Assertions.Expect(panel.GetByTestId("plan")).ToHaveCountAsync(1);
            await staff.ScreenshotAsync("arrangements-agent.png", fullPage: true);
        });

        await using var scope = staff.Factory.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<ParleyDbContext>().Set<Arrangement>().SingleAsync();
        stored.Status.ShouldBe(ArrangementStatus.AwaitingApproval);
    }

    /// <summary>
    /// The server has the form's values and the preview has rendered above the button. A click made while a field still
    /// had focus blurs it on mouse-down, and the preview that change brings in can push the button down before mouse-up:
    /// the likely way a proposal was lost under CI load (no plan, no error).
    /// </summary>
    private static async Task PreviewShownAsync(ILocator panel, string expected) =>
        await Assertions.Expect(panel.GetByTestId("plan-preview")).ToContainTextAsync(expected);

    private static async Task<ILocator> ArrangementsPanelAsync(IPage page)
    {
        var panel = page.GetByTestId("arrangements");
        await Assertions.Expect(panel).ToHaveAttributeAsync("data-interactive", "true");
        await Assertions.Expect(panel.GetByTestId("ie-form")).ToBeVisibleAsync();
        return panel;
    }

    private static async Task Amount(ILocator panel, string category, string value)
    {
        var input = panel.GetByTestId("ie-" + category).Locator("input");
        await input.FillAsync(value);
        await input.BlurAsync();
    }

    private static async Task<Guid> SeedAsync(StaffBrowser staff)
    {
        await staff.CreateCreditorAsync("BRIT-CARD", "Brit Card plc", "GBP");
        var run = await staff.ImportAsync("arrangements.csv", $"{Header}\r\n{Olivia}\r\n");
        (run.RowsAccepted, run.RowsRejected).ShouldBe((1L, 0L));
        await using var scope = staff.Factory.Services.CreateAsyncScope();
        var account = await scope.ServiceProvider.GetRequiredService<ParleyDbContext>().Set<Account>().SingleAsync(a => a.CreditorReference == "BC-700001");
        return account.Id.Value;
    }

    private static async Task PayAsync(IServiceProvider services, Guid accountId, decimal amount)
    {
        await using var scope = services.CreateAsyncScope();
        var clock = scope.ServiceProvider.GetRequiredService<NodaTime.IClock>();
        var payment = new PaymentCommand(amount, "GBP", clock.GetCurrentInstant(), "card", "PAY-PLAN-1", "e2e-plan-payment-1");
        await RecordPayment.PostAsync(AccountId.From(accountId), payment, RecordPayment.RequestHash(payment), scope.ServiceProvider.GetRequiredService<LedgerWriter>(), clock, CancellationToken.None);
    }

    private static async Task ReconcileAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ReconcileArrangements>().HandleAsync(Actor.System("test"), new ReconcileArrangementsRequest(), CancellationToken.None);
    }
}
