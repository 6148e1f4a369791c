using Microsoft.Playwright;
using Parley.SharedKernel.Security;

namespace Parley.EndToEnd.Tests;

/// <summary>An admin adds a member of staff who works for one creditor, the staff list says whose accounts each person works on, and the admin disables, enables and signs them out everywhere.</summary>
public sealed class StaffPageTests
{
    [Fact]
    public async Task An_admin_adds_an_agent_for_one_creditor_and_the_list_shows_each_persons_creditors()
    {
        await using var staff = await StaffBrowser.StartAsync("UTC");
        await staff.CreateCreditorAsync("ACME-CARD", "Acme Card Services", "USD");
        await staff.CreateCreditorAsync("BRIT-CARD", "Brit Card plc", "GBP");

        await staff.WalkAsync("staff", async page =>
        {
            await staff.SignInAtAsync("/staff");
            var add = page.GetByTestId("add-staff");
            await Assertions.Expect(add).ToHaveAttributeAsync("data-interactive", "true");
            await Assertions.Expect(page.Locator($"[data-testid=staff-creditors][data-email='{StaffBrowser.AdminEmail}']")).ToHaveTextAsync("Every creditor");

            await add.GetByTestId("new-email").Locator("input").FillAsync("acme.agent@parley.test");
            await add.GetByTestId("new-password").Locator("input").FillAsync("a-long-staff-password");
            await add.GetByTestId("new-roles").Locator(".mud-select").First.ClickAsync();
            await page.Locator(".mud-popover-open").GetByText(StaffRoles.Agent, new() { Exact = true }).ClickAsync();
            await page.Keyboard.PressAsync("Escape");
            await add.GetByTestId("new-creditors").Locator(".mud-select").First.ClickAsync();
            await page.Locator(".mud-popover-open").GetByText("Acme Card Services (ACME-CARD)", new() { Exact = true }).ClickAsync();
            await page.Keyboard.PressAsync("Escape");
            await add.GetByTestId("add").ClickAsync();

            await Assertions.Expect(page.Locator("[data-testid=staff-creditors][data-email='acme.agent@parley.test']")).ToHaveTextAsync("Acme Card Services");

            // Disable, enable and sign out everywhere, in plain words; an admin cannot disable themselves.
            var access = page.Locator("[data-testid=staff-access][data-email='acme.agent@parley.test']");
            await Assertions.Expect(access).ToContainTextAsync("Yes");
            await Assertions.Expect(page.Locator($"[data-testid=staff-access][data-email='{StaffBrowser.AdminEmail}']").GetByTestId("disable")).ToHaveCountAsync(0);
            await access.GetByTestId("disable").ClickAsync();
            await Assertions.Expect(access).ToContainTextAsync("No: disabled");
            await Assertions.Expect(page.GetByTestId("access-done")).ToHaveTextAsync("acme.agent@parley.test is disabled and signed out everywhere.");
            await access.GetByTestId("enable").ClickAsync();
            await Assertions.Expect(access).ToContainTextAsync("Yes");
            await page.Locator("[data-testid=sign-out-everywhere][data-email='acme.agent@parley.test']").ClickAsync();
            await Assertions.Expect(page.GetByTestId("access-done")).ToHaveTextAsync("acme.agent@parley.test is signed out everywhere.");
        });
    }
}
