using Microsoft.Playwright;
using Parley.SharedKernel.Security;

namespace Parley.EndToEnd.Tests;

/// <summary>
/// A compliance officer opens a default template, edits it and sees the preview follow; removing the opt-out notice
/// from a text is shown as a problem in plain words, and approving it is refused, naming the notice.
/// </summary>
public sealed class TemplatesJourneyTests
{
    private const string Officer = "casey.compliance@parley.test";

    public TemplatesJourneyTests() => Assertions.SetDefaultExpectTimeout(45_000);

    [Fact]
    public async Task Editing_a_draft_changes_the_preview_and_a_text_without_its_opt_out_notice_is_refused()
    {
        await using var staff = await StaffBrowser.StartAsync("UTC");
        await staff.CreateStaffAsync(Officer, StaffRoles.Compliance);

        await staff.WalkAsync("templates", async page =>
        {
            await staff.SignInAtAsync("/outreach/templates", Officer);
            await Assertions.Expect(page.GetByTestId("templates")).ToHaveAttributeAsync("data-interactive", "true");
            await page.Locator("[data-testid=template-row][data-key='reminder/sms/en/supportive']").GetByTestId("open-template").ClickAsync();

            // The default library's text, rendered for the demo account, with both notices it must carry.
            var preview = page.GetByTestId("template-preview");
            await Assertions.Expect(preview.GetByTestId("preview-text")).ToContainTextAsync("Hi Jane, this is Parley Collections about your Acme Bank account. $1,159.32 is still owed.");
            await Assertions.Expect(preview.Locator("[data-testid=disclosure][data-present=yes]")).ToHaveCountAsync(2);
            await Assertions.Expect(preview.GetByTestId("preview-grade")).ToContainTextAsync("aim for 8 or lower");
            await Assertions.Expect(page.GetByTestId("editor-status")).ToContainTextAsync("Version 1 is in use");

            // An edit shows at once in the preview.
            var body = page.GetByTestId("template-body");
            await body.FillAsync("Hello {{ customer.first_name }}, we are here to help with {{ account.balance }}. {% disclosure 'debt-collector' %} {% disclosure 'electronic-opt-out' %}");
            await Assertions.Expect(preview.GetByTestId("preview-text")).ToHaveTextAsync("Hello Jane, we are here to help with $1,159.32. This is a message from a debt collector. Reply STOP to stop texts.");
            await Assertions.Expect(preview.GetByTestId("preview-problems")).ToHaveCountAsync(0);

            // Without the opt-out notice the preview names what is missing.
            await body.FillAsync("Hello {{ customer.first_name }}, we are here to help with {{ account.balance }}. {% disclosure 'debt-collector' %}");
            await Assertions.Expect(preview.GetByTestId("preview-problems")).ToContainTextAsync("lacks the 'electronic-opt-out' disclosure");
            await Assertions.Expect(preview.Locator("[data-testid=disclosure][data-present=no]")).ToContainTextAsync("Missing: how to stop e-mails or texts");

            // Saved as a draft, it cannot be approved: the refusal says why; version 1 stays in use.
            await Assertions.Expect(page.GetByTestId("why-disabled")).ToContainTextAsync("save your change as a draft first");
            await page.GetByTestId("save-draft").ClickAsync();
            await Assertions.Expect(page.GetByTestId("editor-message")).ToContainTextAsync("Saved as version 2 (draft)");
            await page.GetByTestId("approve-template").ClickAsync();
            await Assertions.Expect(page.GetByTestId("editor-message")).ToContainTextAsync("cannot be approved");
            await Assertions.Expect(page.GetByTestId("editor-message")).ToContainTextAsync("'electronic-opt-out'");
            await Assertions.Expect(page.GetByTestId("template-version")).ToHaveCountAsync(2);
            await Assertions.Expect(page.GetByTestId("editor-status")).ToContainTextAsync("Version 1 is in use");
            await staff.ScreenshotAsync("templates-refused.png", fullPage: true);
        });
    }
}
