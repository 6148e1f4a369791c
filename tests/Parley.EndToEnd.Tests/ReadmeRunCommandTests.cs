using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Parley.EndToEnd.Tests;

/// <summary>
/// The first hour: a newcomer runs the README's command and gets a working, styled, interactive UI — not a page whose
/// stylesheets and scripts answer 500 because the host only serves them in Development.
/// </summary>
[Collection(nameof(ReadmeRunCommandTests))]
public sealed partial class ReadmeRunCommandTests
{
    [Fact]
    public async Task The_readme_run_command_serves_the_styled_interactive_ui_in_the_default_environment()
    {
        await using var host = await ReadmeHost.StartAsync();
        await host.CheckAsync(async () =>
        {
            await CheckAssetsAsync(host.BaseAddress);
            await CheckBrowserAsync(host.BaseAddress);
        });
    }

    /// <summary>Every stylesheet and script the sign-in page references answers 200 with its content type and its real content.</summary>
    private static async Task CheckAssetsAsync(Uri baseAddress)
    {
        using var http = new HttpClient { BaseAddress = baseAddress };
        var ct = TestContext.Current.CancellationToken;
        (await http.GetStringAsync("/health/ready", ct)).ShouldBe("Healthy");
        var signIn = await http.GetStringAsync("/account/signin", ct);
        var stylesheets = Stylesheet().Matches(signIn).Select(m => m.Groups["href"].Value).ToList();
        var scripts = Script().Matches(signIn).Select(m => m.Groups["src"].Value).ToList();
        stylesheets.ShouldContain(s => s.Contains("MudBlazor", StringComparison.Ordinal), signIn);
        stylesheets.ShouldContain(s => s.StartsWith("app.", StringComparison.Ordinal), signIn);
        scripts.ShouldContain(s => s.Contains("MudBlazor", StringComparison.Ordinal), signIn);
        scripts.ShouldContain("_framework/blazor.web.js");

        // A marker each file's real content has; an error page or an empty answer has none of them.
        (string Path, string ContentType, string Marker)[] assets =
        [
            .. stylesheets.Select(s => (s, "text/css", s.Contains("MudBlazor", StringComparison.Ordinal) ? ".mud-appbar{" : "{")),
            .. scripts.Select(s => (s, "text/javascript", s.Contains("MudBlazor", StringComparison.Ordinal) ? "mudElementRef" : "Blazor")),
        ];
        foreach (var (path, contentType, marker) in assets)
        {
            using var response = await http.GetAsync(path, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{path}: {body}");
            response.Content.Headers.ContentType?.MediaType.ShouldBe(contentType, path);
            body.ShouldContain(marker, Case.Sensitive, path);
        }
    }

    /// <summary>Signs in as the README's admin, searches the seeded portfolio over the circuit and sees MudBlazor's styles applied.</summary>
    private static async Task CheckBrowserAsync(Uri baseAddress)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = StaffBrowser.RequireChromium(),
            Headless = true,
            Args = StaffBrowser.ChromiumArgs,
        });
        var page = await browser.NewPageAsync(new() { BaseURL = baseAddress.ToString(), ViewportSize = new() { Width = 1400, Height = 1800 } });
        try
        {
            await page.GotoAsync("/accounts");
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/signin"));
            await page.Locator("#email").FillAsync(ReadmeHost.AdminEmail);
            await page.Locator("#password").FillAsync(ReadmeHost.AdminPassword);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Portfolio" })).ToBeVisibleAsync();
            // Typing and clicks count once the circuit is up (the prerendered page does not answer them).
            await Assertions.Expect(page.Locator("main#main-content")).ToHaveAttributeAsync("data-interactive", "true");

            // The seeded portfolio fills a page of 25; searching one account's reference leaves that account alone.
            var rows = page.GetByTestId("portfolio-grid").Locator("tbody tr");
            await Assertions.Expect(rows).ToHaveCountAsync(25);
            // The customer cell names the account reference in bold.
            var reference = (await rows.Nth(2).Locator("td").First.Locator("b").InnerTextAsync()).Trim();
            reference.ShouldNotBeNullOrEmpty();
            (await rows.Filter(new() { HasNotText = reference }).CountAsync()).ShouldBeGreaterThan(0);
            await page.GetByTestId("portfolio-search").Locator("input").Or(page.Locator("input[data-testid=portfolio-search]")).First.FillAsync(reference);
            await Assertions.Expect(rows).ToHaveCountAsync(1);
            await Assertions.Expect(rows.First).ToContainTextAsync(reference);

            // MudBlazor's stylesheet, its script and Blazor's are loaded and applied.
            (await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.mud-appbar')).display")).ShouldBe("flex");
            (await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.mud-table-root')).borderSpacing")).ShouldBe("0px");
            (await page.EvaluateAsync<bool>("() => typeof window.mudElementRef === 'object' && typeof window.Blazor === 'object'")).ShouldBeTrue();
        }
        catch
        {
            var screenshot = StaffBrowser.RepositoryPath("artifacts", "readme-run-command-failure.png");
            Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
            await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
            throw;
        }
    }

    [GeneratedRegex("<link rel=\"stylesheet\" href=\"(?<href>[^\"]+)\"")]
    private static partial Regex Stylesheet();

    [GeneratedRegex("<script src=\"(?<src>[^\"]+)\"")]
    private static partial Regex Script();
}

/// <summary>The README's host seeds 500 people in a child process: it runs alone, so it does not starve the other browser tests.</summary>
[CollectionDefinition(nameof(ReadmeRunCommandTests), DisableParallelization = true)]
public sealed class ReadmeRunCommandCollection;
