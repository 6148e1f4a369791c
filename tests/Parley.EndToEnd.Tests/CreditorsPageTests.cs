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
            await add.GetByTestId("add").ClickAsync();
            await Assertions.Expect(add.GetByTestId("new-currency")).ToContainTextAsync("'XXX' is not a supported ISO 4217 currency.");
            await Assertions.Expect(add.GetByTestId("policy-grace-days")).ToContainTextAsync("Grace days must be 0–31.");
            await Assertions.Expect(page.GetByTestId("creditor")).ToHaveCountAsync(0);

            await add.GetByTestId("new-currency").Locator("input").FillAsync("USD");
            await add.GetByTestId("policy-grace-days").Locator("input").FillAsync("5");
            await add.GetByTestId("add").ClickAsync();
            var row = page.Locator("[data-testid=creditor][data-code=ACME-CARD]");
            await Assertions.Expect(row).ToContainTextAsync("Acme Card Services");
            await Assertions.Expect(row).ToContainTextAsync("Fees, then interest, then principal");
            await Assertions.Expect(row).ToContainTextAsync("USD 25.00");
            await Assertions.Expect(row).ToContainTextAsync("5 grace days after a due date; 1 missed instalment allowed");

            // Change its policy: interest first, two misses allowed; a bad discount range is refused first.
            await row.GetByTestId("edit-policy").ClickAsync();
            var form = page.GetByTestId("policy-form");
            await form.GetByTestId("policy-settlement-min").Locator("input").FillAsync("50");
            await form.GetByTestId("save-policy").ClickAsync();
            await Assertions.Expect(form.GetByTestId("policy-settlement-max")).ToContainTextAsync("Settlement discount bounds must satisfy 0 ≤ min ≤ max ≤ 100 (percent).");
            await form.GetByTestId("policy-settlement-min").Locator("input").FillAsync("5");
            await form.GetByTestId("policy-waterfall").Locator(".mud-select").First.ClickAsync();
            await page.Locator(".mud-popover-open").GetByText("Interest, then fees, then principal", new() { Exact = true }).ClickAsync();
            await form.GetByTestId("policy-allowed-misses").Locator("input").FillAsync("2");
            await form.GetByTestId("save-policy").ClickAsync();
            await Assertions.Expect(page.GetByTestId("creditor-saved")).ToHaveTextAsync("The policy of ACME-CARD is saved.");
            await Assertions.Expect(row).ToContainTextAsync("Interest, then fees, then principal");
            await Assertions.Expect(row).ToContainTextAsync("5–30 %");
            await Assertions.Expect(row).ToContainTextAsync("5 grace days after a due date; 2 missed instalments allowed");
            await staff.ScreenshotAsync("creditors-page.png", fullPage: true);

            // An agent sees the same list, and no way to change it.
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
            await staff.SignInAtAsync("/creditors", "agent@parley.test");
            await Assertions.Expect(page.GetByTestId("creditors")).ToHaveAttributeAsync("data-interactive", "true");
            await Assertions.Expect(page.Locator("[data-testid=creditor][data-code=ACME-CARD]")).ToContainTextAsync("2 missed instalments allowed");
            await Assertions.Expect(page.GetByTestId("admin-only")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("edit-policy")).ToHaveCountAsync(0);
            await Assertions.Expect(page.GetByTestId("add-creditor")).ToHaveCountAsync(0);
        });
    }
}
