using Microsoft.Playwright;

namespace Parley.EndToEnd.Tests;

/// <summary>A mistyped address shows "Page not found" inside the layout, with the way back to work.</summary>
public sealed class NotFoundPageTests
{
    [Fact]
    public async Task A_mistyped_address_shows_page_not_found_in_the_layout_with_links_home_and_to_the_portfolio()
    {
        await using var staff = await StaffBrowser.StartAsync("UTC");
        await staff.WalkAsync("not-found", async page =>
        {
            await staff.SignInAtAsync("/accounts");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Portfolio" })).ToBeVisibleAsync();

            // Typed into the address bar: a full page load answered 404 with the page.
            var response = await page.GotoAsync("/portfolio");
            response!.Status.ShouldBe(404);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page not found" })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("missing-path")).ToHaveTextAsync("/portfolio");
            await Assertions.Expect(page.GetByTestId("signed-in-user")).ToHaveTextAsync(StaffBrowser.AdminEmail);
            await staff.ScreenshotAsync("not-found-page.png");
            await staff.InteractiveAsync();

            await page.GetByTestId("not-found").GetByRole(AriaRole.Link, new() { Name = "Portfolio" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Portfolio" })).ToBeVisibleAsync();

            // Navigating inside the running app to an address no page has: the router shows the same page.
            await page.EvaluateAsync("() => Blazor.navigateTo('/accounts-old')");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page not found" })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("missing-path")).ToHaveTextAsync("/accounts-old");
            await page.GetByTestId("not-found").GetByRole(AriaRole.Link, new() { Name = "Home" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "The portfolio today" })).ToBeVisibleAsync();
        });
    }
}
