using Microsoft.Playwright;
using Parley.SharedKernel.Security;

namespace Parley.EndToEnd.Tests;

/// <summary>On the Creditors page a compliance officer sets a creditor's contact budget; an agent reads it but cannot change it.</summary>
public sealed class ContactBudgetsPanelTests
{
    [Fact]
    public async Task A_compliance_officer_sets_a_contact_budget_within_the_law_and_an_agent_only_reads_it()
    {
        await using var staff = await StaffBrowser.StartAsync("UTC");
        await staff.CreateCreditorAsync("ACME-CARD", "Acme Card Services", "USD");
        await staff.CreateStaffAsync("compliance@parley.test", StaffRoles.Compliance);
        await staff.CreateStaffAsync("agent@parley.test", StaffRoles.Agent);

        await staff.WalkAsync("contact-budget", async page =>
        {
            await staff.SignInAtAsync("/creditors", "compliance@parley.test");
            var row = page.Locator("[data-testid=budget][data-code=ACME-CARD]");
            await Assertions.Expect(row).ToContainTextAsync("the law's limit");
            await row.GetByTestId("edit-budget").ClickAsync();
            var form = page.GetByTestId("budget-form");
            await form.GetByLabel("Calls (0–7)").FillAsync("3");
            await form.GetByLabel("Texts").FillAsync("4");
            await form.GetByLabel("Why (the policy it follows)").FillAsync("Card issuer policy, March review");
            await form.GetByTestId("save-budget").ClickAsync();

            await Assertions.Expect(row).ToContainTextAsync("compliance@parley.test");
            await Assertions.Expect(row).ToContainTextAsync("Card issuer policy, March review");
            await Assertions.Expect(row.Locator("td").Nth(1)).ToHaveTextAsync("3");
            await Assertions.Expect(row.Locator("td").Nth(2)).ToHaveTextAsync("4");
        });

        await staff.WalkAsync("contact-budget-agent", async page =>
        {
            await page.Context.ClearCookiesAsync();
            await staff.SignInAtAsync("/creditors", "agent@parley.test");
            var row = page.Locator("[data-testid=budget][data-code=ACME-CARD]");
            await Assertions.Expect(row).ToContainTextAsync("Card issuer policy, March review");
            await Assertions.Expect(row.GetByTestId("edit-budget")).ToHaveCountAsync(0);
        });
    }
}
