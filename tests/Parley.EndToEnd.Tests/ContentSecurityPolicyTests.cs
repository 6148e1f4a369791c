using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Parley.Modules.Accounts.Domain;
using Parley.Persistence;

namespace Parley.EndToEnd.Tests;

/// <summary>
/// The pages work under the host's content security policy and the browser reports no violation: signing in, the
/// dashboard, the portfolio, an account with a form, a drop-down list and a payment taken over the circuit.
/// </summary>
public sealed class ContentSecurityPolicyTests
{
    [Fact]
    public async Task Staff_pages_work_under_the_content_security_policy_with_no_violation_reported()
    {
        await using var staff = await StaffBrowser.StartAsync("UTC");
        await staff.CreateCreditorAsync("ACME-CARD", "Acme Card Services", "USD");
        (await staff.ImportAsync("csp.csv", $"{PlacementCsv.Header}\r\n{PlacementCsv.AdaLovelace}\r\n")).RowsAccepted.ShouldBe(1L);
        var accountId = await AccountIdAsync(staff.Factory.Services, "ACC-1001");
        var browser = await PolicyWatch.StartAsync(staff.Page);

        await staff.WalkAsync("csp-pages", async page =>
        {
            await staff.SignInAtAsync("/");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "The portfolio today" })).ToBeVisibleAsync();

            await page.GotoAsync("/accounts");
            await Assertions.Expect(page.GetByTestId("open-account")).ToHaveTextAsync(["Ada Lovelace"]);
            await page.GotoAsync($"/accounts/{accountId}");

            // The circuit is up once the payment card says so; everything below goes over it, not over the API.
            var payment = page.GetByTestId("take-payment");
            await Assertions.Expect(payment).ToHaveAttributeAsync("data-interactive", "true");

            // A drop-down list (MudBlazor's popover, placed by script with inline styles) in the hold form.
            var holds = page.GetByTestId("holds-card");
            await holds.GetByRole(AriaRole.Button, new() { Name = "Place a hold" }).ClickAsync();
            await holds.GetByLabel("Reason type").ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Listbox)).ToBeVisibleAsync();
            await page.Keyboard.PressAsync("Escape");

            await payment.GetByTestId("payment-amount").Locator("input").FillAsync("25.00");
            await payment.GetByTestId("payment-reference").Locator("input").FillAsync("PAY-CSP-1");
            await payment.GetByTestId("payment-submit").ClickAsync();
            await Assertions.Expect(payment.GetByTestId("payment-recorded")).ToContainTextAsync("Payment of USD 25.00 recorded");
            await Assertions.Expect(page.GetByTestId("balances")).ToContainTextAsync("USD 1,925.25");
        });

        browser.Violations.ShouldBeEmpty(browser.Describe());
        browser.PoliciesSeen.ShouldBeGreaterThan(0, "the pages carried no content security policy, so the test proves nothing");
    }

    private static async Task<Guid> AccountIdAsync(IServiceProvider services, string accountRef)
    {
        await using var scope = services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<ParleyDbContext>().Set<Account>().SingleAsync(a => a.CreditorReference == accountRef)).Id.Value;
    }
}

/// <summary>
/// What the browser says about the page's policies: every <c>securitypolicyviolation</c> event and every console
/// message about a content security or permissions policy, and how many HTML documents arrived with a policy.
/// </summary>
internal sealed class PolicyWatch
{
    private readonly List<string> _violations = [];
    private readonly List<string> _console = [];
    private int _policies;

    public IReadOnlyList<string> Violations
    {
        get
        {
            lock (_violations)
            {
                return [.. _violations];
            }
        }
    }

    public int PoliciesSeen => Volatile.Read(ref _policies);

    public static async Task<PolicyWatch> StartAsync(IPage page)
    {
        var watch = new PolicyWatch();
        // Playwright's bindings and init scripts run outside the page's policy, so the listener itself is never blocked.
        await page.Context.ExposeFunctionAsync<string, bool>("parleyPolicyViolation", violation => watch.Add(watch._violations, $"event: {violation}"));
        await page.Context.AddInitScriptAsync("""
            document.addEventListener('securitypolicyviolation', e =>
                window.parleyPolicyViolation(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} on ${e.documentURI} (${e.sourceFile}:${e.lineNumber}) ${e.sample}`));
            """);
        page.Console += (_, message) =>
        {
            watch.Add(watch._console, $"{message.Type}: {message.Text}");
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)
                || message.Text.Contains("Content-Security-Policy", StringComparison.OrdinalIgnoreCase)
                || message.Text.Contains("Permissions-Policy", StringComparison.OrdinalIgnoreCase)
                || message.Text.Contains("Permissions policy", StringComparison.OrdinalIgnoreCase))
            {
                watch.Add(watch._violations, $"console {message.Type}: {message.Text}");
            }
        };
        page.Response += async (_, response) =>
        {
            if (response.Request.ResourceType == "document" && await response.HeaderValueAsync("content-security-policy") is { Length: > 0 })
            {
                Interlocked.Increment(ref watch._policies);
            }
        };
        return watch;
    }

    public string Describe()
    {
        lock (_console)
        {
            return $"the browser's console said:\n{string.Join('\n', _console)}";
        }
    }

    private bool Add(List<string> list, string entry)
    {
        lock (list)
        {
            list.Add(entry);
        }

        return true;
    }
}
