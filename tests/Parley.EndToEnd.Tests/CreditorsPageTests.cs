using Microsoft.Playwright;
using Parley.SharedKernel.Security;

namespace Parley.EndToEnd.Tests;

/// <summary>An admin adds a creditor and changes its policy on the Creditors page; other staff only read it.</summary>
public sealed class CreditorsPageTests
{
    [Fact]
    public async Task An_admin_adds_a_creditor_and_changes_its_policy_and_an_agent_can_only_read_them()
    {
        await using var staff = await StaffBrowser.StartAsync("UTC");
        await staff.CreateStaffAsync("agent@parley.test", StaffRoles.Agent);

        await staff.WalkAsync("creditors", async page =>
        {
            await staff.SignInAtAsync("/creditors");
            await Assertions.Expect(page.GetByTestId("creditors")).ToHaveAttributeAsync("data-interactive", "true");
            var add = page.GetByTestId("add-creditor");

            // The module's problems, beside their fields; nothing is added.
            await add.GetByTestId("new-code").Locator("input").FillAsync("ACME-CARD");
            await add.GetByTestId("new-name").Locator("input").FillAsync("Acme Card Services");
            await add.GetByTestId("new-currency").Locator("input").FillAsync("XXX");
            await add.GetByTestId("policy-grace-days").Locator("input").FillAsync("40");
            await add.GetByTestId("policy-interest-rate").Locator("input").FillAsync("150");
            await add.GetByTestId("add").ClickAsync();
            await Assertions.Expect(add.GetByTestId("new-currency")).ToContainTextAsync("'XXX' is not a supported ISO 4217 currency.");
            await Assertions.Expect(add.GetByTestId("policy-grace-days")).ToContainTextAsync("Grace days must be 0–31.");
            await Assertions.Expect(add.GetByTestId("policy-interest-rate")).ToContainTextAsync("The interest rate must be 0–100 % a year with at most 4 decimals.");
            await Assertions.Expect(page.GetByTestId("creditor")).ToHaveCountAsync(0);

            await add.GetByTestId("new-currency").Locator("input").FillAsync("USD");
            await add.GetByTestId("policy-grace-days").Locator("input").FillAsync("5");
            await add.GetByTestId("policy-interest-rate").Locator("input").FillAsync("19.9");
            await add.GetByTestId("policy-monthly-fee").Locator("input").FillAsync("5");
            await add.GetByTestId("add").ClickAsync();
            var row = page.Locator("[data-testid=creditor][data-code=ACME-CARD]");
            await Assertions.Expect(row).ToContainTextAsync("Acme Card Services");
            await Assertions.Expect(row).ToContainTextAsync("Fees, then interest, then principal");
            await Assertions.Expect(row).ToContainTextAsync("USD 25.00");
            await Assertions.Expect(row.GetByTestId("charges")).ToContainTextAsync("Interest 19.9 % a year");
            await Assertions.Expect(row.GetByTestId("charges")).ToContainTextAsync("Fee USD 5.00 a month");
            await Assertions.Expect(row.GetByTestId("charges")).ToContainTextAsync("Interest and fees stop while a plan is kept");
            await Assertions.Expect(row.GetByTestId("plans")).ToContainTextAsync("Plans up to 60 months");
            await Assertions.Expect(row).ToContainTextAsync("5 grace days after a due date; 1 missed instalment allowed");

            // Change its policy: interest first, two misses allowed, a new rate, shorter plans whose charges go on; a bad
            // discount range and a plan of no months are refused first, each beside its field, and the form keeps what was typed.
            await row.GetByTestId("edit-policy").ClickAsync();
            var form = page.GetByTestId("policy-form");
            await Assertions.Expect(form.GetByTestId("policy-interest-rate").Locator("input")).ToHaveValueAsync("19.9");
            await form.GetByTestId("policy-settlement-min").Locator("input").FillAsync("50");
            await form.GetByTestId("policy-max-plan-months").Locator("input").FillAsync("0");
            await form.GetByTestId("save-policy").ClickAsync();
            await Assertions.Expect(form.GetByTestId("policy-settlement-max")).ToContainTextAsync("Settlement discount bounds must satisfy 0 ≤ min ≤ max ≤ 100 (percent).");
            await Assertions.Expect(form.GetByTestId("policy-max-plan-months")).ToContainTextAsync("The longest plan must be 1–120 months.");
            await Assertions.Expect(row.GetByTestId("plans")).ToContainTextAsync("Plans up to 60 months");
            await Assertions.Expect(add.GetByTestId("policy-max-plan-months")).Not.ToContainTextAsync("The longest plan must be");
            await Assertions.Expect(add.Locator(".mud-input-error")).ToHaveCountAsync(0);
            await form.GetByTestId("policy-settlement-min").Locator("input").FillAsync("5");
            await form.GetByTestId("policy-max-plan-months").Locator("input").FillAsync("36");
            await form.GetByTestId("policy-interest-rate").Locator("input").FillAsync("24.5");
            await form.GetByTestId("policy-freeze").Locator(".mud-select").First.ClickAsync();
            await page.Locator(".mud-popover-open").GetByText("They go on (stopping them needs approval)", new() { Exact = true }).ClickAsync();
            await form.GetByTestId("policy-waterfall").Locator(".mud-select").First.ClickAsync();
            await page.Locator(".mud-popover-open").GetByText("Interest, then fees, then principal", new() { Exact = true }).ClickAsync();
            await form.GetByTestId("policy-allowed-misses").Locator("input").FillAsync("2");
            await form.GetByTestId("save-policy").ClickAsync();
            await Assertions.Expect(page.GetByTestId("creditor-saved")).ToHaveTextAsync("The policy of ACME-CARD is saved.");
            await Assertions.Expect(row).ToContainTextAsync("Interest, then fees, then principal");
            await Assertions.Expect(row).ToContainTextAsync("5–30 %");
            await Assertions.Expect(row).ToContainTextAsync("5 grace days after a due date; 2 missed instalments allowed");
            await Assertions.Expect(row.GetByTestId("charges")).ToContainTextAsync("Interest 24.5 % a year");
            await Assertions.Expect(row.GetByTestId("charges")).ToContainTextAsync("Fee USD 5.00 a month");
            await Assertions.Expect(row.GetByTestId("charges")).ToContainTextAsync("Interest and fees go on during a plan (stopping them needs approval)");
            await Assertions.Expect(row.GetByTestId("plans")).ToContainTextAsync("Plans up to 36 months");
            await staff.ScreenshotAsync("creditors-page.png", fullPage: true);

            // An agent sees the same list, and no way to change it.
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
            await staff.SignInAtAsync("/creditors", "agent@parley.test");
            await Assertions.Expect(page.GetByTestId("creditors")).ToHaveAttributeAsync("data-interactive", "true");
            await Assertions.Expect(page.Locator("[data-testid=creditor][data-code=ACME-CARD]")).ToContainTextAsync("2 missed instalments allowed");
            await Assertions.Expect(page.Locator("[data-testid=creditor][data-code=ACME-CARD]")).ToContainTextAsync("Interest 24.5 % a year");
            await Assertions.Expect(page.GetByTestId("admin-only")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("edit-policy")).ToHaveCountAsync(0);
            await Assertions.Expect(page.GetByTestId("add-creditor")).ToHaveCountAsync(0);
        });
    }
}
