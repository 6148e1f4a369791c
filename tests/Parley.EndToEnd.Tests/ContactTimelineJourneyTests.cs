using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Parley.Modules.Accounts.Domain;
using Parley.Persistence;
using Parley.SharedKernel.Security;

namespace Parley.EndToEnd.Tests;

/// <summary>
/// On the account page an agent logs a call and records the customer's wishes: the contact shows in the timeline, and
/// the gate's answer on the same page decides on it (a conversation means no more calls for seven days; a pause means
/// no contact at all).
/// </summary>
public sealed class ContactTimelineJourneyTests
{
    [Fact]
    public async Task An_agent_logs_a_conversation_and_a_pause_and_the_eligibility_on_the_page_follows_them()
    {
        await using var staff = await StaffBrowser.StartAsync("UTC");
        await staff.CreateCreditorAsync("ACME-CARD", "Acme Card Services", "USD");
        (await staff.ImportAsync("timeline.csv", $"{PlacementCsv.Header}\r\n{PlacementCsv.AdaLovelace}\r\n")).RowsAccepted.ShouldBe(1L);
        await staff.CreateStaffAsync("agent@parley.test", StaffRoles.Agent);
        var accountId = await AccountIdAsync(staff.Factory.Services, "ACC-1001");

        await staff.WalkAsync("contact-timeline", async page =>
        {
            await staff.SignInAtAsync($"/accounts/{accountId}", "agent@parley.test");
            var timeline = page.GetByTestId("contact-timeline");
            await Assertions.Expect(timeline.GetByTestId("contacts")).ToContainTextAsync("No contacts recorded yet.");
            await Assertions.Expect(timeline.GetByTestId("messages")).ToContainTextAsync("No messages either way yet.");

            await timeline.GetByRole(AriaRole.Button, new() { Name = "Log a contact" }).ClickAsync();
            await timeline.GetByTestId("log-contact-address").ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = "+16172530142" }).ClickAsync();
            await timeline.GetByTestId("log-contact-outcome").ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = "spoke with the customer" }).ClickAsync();
            await timeline.GetByLabel("Note (optional)").FillAsync("Will call back after payday");
            await timeline.GetByTestId("log-contact-save").ClickAsync();

            var contacts = timeline.GetByTestId("contacts");
            await Assertions.Expect(contacts).ToContainTextAsync("spoke with the customer");
            await Assertions.Expect(contacts).ToContainTextAsync("Will call back after payday");
            // The number is masked in the view; the full number is kept (encrypted) for the gate.
            await Assertions.Expect(contacts).ToContainTextAsync("0142");
            await Assertions.Expect(contacts).Not.ToContainTextAsync("+16172530142");
            var call = page.GetByTestId("contact-eligibility").Locator("[data-channel='call']");
            await Assertions.Expect(call).ToContainTextAsync("US-REGF-CALLFREQ-POSTCONV");

            var preferences = page.GetByTestId("contact-preferences");
            await preferences.GetByRole(AriaRole.Button, new() { Name = "Change preferences" }).ClickAsync();
            await preferences.GetByLabel("Pause: no contact for (days)").FillAsync("30");
            await preferences.GetByLabel("Why (what the customer asked for)").FillAsync("Asked for a month's break while she looks for work");
            await preferences.GetByTestId("preferences-save").ClickAsync();

            await Assertions.Expect(preferences.GetByTestId("preferences-pause")).ToContainTextAsync("No contact until");
            await Assertions.Expect(page.GetByTestId("contact-eligibility").Locator("[data-channel='email']")).ToContainTextAsync("asked for no contact until");
        });
    }

    private static async Task<Guid> AccountIdAsync(IServiceProvider services, string accountRef)
    {
        await using var scope = services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<ParleyDbContext>().Set<Account>().SingleAsync(a => a.CreditorReference == accountRef)).Id.Value;
    }
}
