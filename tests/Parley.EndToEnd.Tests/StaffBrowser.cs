using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Parley.Modules.Accounts.Contracts;
using Parley.Persistence;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;
using Parley.Testing;
using Parley.Web.Security;

namespace Parley.EndToEnd.Tests;

/// <summary>
/// The real host on Kestrel (loopback) with a fresh SQLite database and its first-run admin, and Debian's Chromium
/// driven by Playwright in a fixed time zone. Data is seeded the way an operator loads it: creditors, then placement
/// files through the real importer.
/// </summary>
internal sealed class StaffBrowser : IAsyncDisposable
{
    public const string AdminEmail = "admin@parley.test";
    public const string AdminPassword = "correct-horse-battery";

    /// <summary>Chromium headless in a container: no sandbox, no GPU, nothing calling home.</summary>
    internal static readonly string[] ChromiumArgs = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    /// <summary>What the browser logged (console, uncaught errors, failed requests), for the failure message.</summary>
    private readonly List<string> _browserLog = [];

    private StaffBrowser(ParleyWebFactory factory, IPlaywright playwright, IBrowser browser, IPage page)
    {
        (Factory, _playwright, _browser, Page) = (factory, playwright, browser, page);
        page.Console += (_, message) => Log($"console {message.Type}: {message.Text}");
        page.PageError += (_, error) => Log($"page error: {error}");
        page.RequestFailed += (_, request) => Log($"request failed: {request.Method} {request.Url} ({request.Failure})");
        page.FrameNavigated += (_, frame) => Log(frame.ParentFrame is null ? $"navigated to {frame.Url}" : "");
    }

    public ParleyWebFactory Factory { get; }

    public IPage Page { get; }

    public static async Task<StaffBrowser> StartAsync(string timeZone, int width = 1400, int height = 1800, Action<IServiceCollection>? services = null)
    {
        var chromium = RequireChromium();
        var factory = await ParleyWebFactory.CreateAsync(DatabaseProvider.Sqlite, useTestAuthentication: false, new Dictionary<string, string?>
        {
            [StaffBootstrapper.AdminEmailKey] = AdminEmail,
            [StaffBootstrapper.AdminPasswordKey] = AdminPassword,
        }, services);
        var baseAddress = factory.StartOnLoopback();
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ChromiumArgs,
        });
        var context = await browser.NewContextAsync(new()
        {
            BaseURL = baseAddress.ToString(),
            TimezoneId = timeZone,
            ViewportSize = new() { Width = width, Height = height },
        });
        return new StaffBrowser(factory, playwright, browser, await context.NewPageAsync());
    }

    /// <summary>Opens <paramref name="path"/>, is sent to the sign-in page, signs in (as the admin unless told) and lands back on it.</summary>
    public async Task SignInAtAsync(string path, string email = AdminEmail, string password = AdminPassword)
    {
        await Page.GotoAsync(path);
        await Assertions.Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/signin"));
        await Page.Locator("#email").FillAsync(email);
        await Page.Locator("#password").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Page.WaitForURLAsync(url => !url.Contains(StaffIdentitySetup.SignInPath, StringComparison.Ordinal));
        if (!new Uri(Page.Url).AbsolutePath.StartsWith("/account/", StringComparison.Ordinal))
        {
            await InteractiveAsync();
        }
    }

    /// <summary>
    /// Waits until the page answers clicks: a click on a prerendered page, while its circuit starts, can be lost
    /// (a busy CI machine widens that moment). The sign-in pages stay static and never become interactive.
    /// </summary>
    public Task InteractiveAsync() =>
        Assertions.Expect(Page.Locator("main#main-content")).ToHaveAttributeAsync("data-interactive", "true");

    /// <summary>Runs the journey; when it breaks, saves what the browser showed for whoever reads the failure.</summary>
    public async Task WalkAsync(string name, Func<IPage, Task> journey)
    {
        try
        {
            await journey(Page);
        }
        catch (Exception failure)
        {
            var screenshot = await ScreenshotAsync($"{name}-failure.png", fullPage: true);
            // CI keeps only the log: say there what the browser saw, so a failure that does not repeat can be read.
            throw new JourneyFailedException($"{failure.Message}\n\nScreenshot: {screenshot}\n{DescribeBrowser()}", failure);
        }
    }

    private void Log(string entry)
    {
        if (entry.Length == 0)
        {
            return;
        }

        lock (_browserLog)
        {
            _browserLog.Add(entry);
        }
    }

    private string DescribeBrowser()
    {
        string browser;
        lock (_browserLog)
        {
            browser = _browserLog.Count == 0
                ? "The browser logged nothing."
                : $"The browser logged (last {Math.Min(40, _browserLog.Count)} of {_browserLog.Count}):\n{string.Join('\n', _browserLog.TakeLast(40))}";
        }

        var server = Factory.ServerLog.Entries;
        return server.Count == 0
            ? $"{browser}\nThe host logged no warning or error."
            : $"{browser}\nThe host's warnings and errors (last {Math.Min(20, server.Count)}):\n{string.Join('\n', server.TakeLast(20))}";
    }

    public async Task<string> ScreenshotAsync(string fileName, bool fullPage = false)
    {
        var path = Path.Combine(RepositoryPath("artifacts"), fileName);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await Page.ScreenshotAsync(new() { Path = path, FullPage = fullPage });
        return path;
    }

    /// <summary>Who arranges a test's creditors and placement files: an admin working for every creditor.</summary>
    private static readonly Actor Setup = Staff.Acting("setup@parley", StaffRoles.Admin);

    public async Task CreateCreditorAsync(string code, string name, string currency)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IUseCase<CreateCreditorRequest, CreditorView>>().HandleAsync(Setup, new CreateCreditorRequest(code, name, currency), CancellationToken.None);
    }

    /// <summary>Adds a member of staff with these roles, as an admin does on the Staff page; the password is the admin's.</summary>
    public async Task CreateStaffAsync(string email, params string[] roles)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<StaffDirectory>().HandleAsync(Parley.Testing.Staff.Acting("admin@parley.test", Parley.SharedKernel.Security.StaffRoles.Admin), new NewStaffUser(email, email, AdminPassword, roles, AllCreditors: true), CancellationToken.None);
    }

    public async Task<ImportRunSummary> ImportAsync(string fileName, string csv)
    {
        using var file = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        return await ImportAsync(fileName, file);
    }

    public async Task<ImportRunSummary> ImportAsync(string fileName, Stream file)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IUseCase<ImportPlacementsRequest, ImportRunSummary>>().HandleAsync(Setup, new ImportPlacementsRequest(file, fileName, DryRun: false), CancellationToken.None);
    }

    /// <summary>A path under the repository root (the folder holding Parley.slnx).</summary>
    public static string RepositoryPath(params string[] parts)
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Parley.slnx")))
        {
            folder = folder.Parent;
        }

        return Path.Combine([folder?.FullName ?? throw new InvalidOperationException("No Parley.slnx above the test's folder."), .. parts]);
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await Factory.DisposeAsync();
    }

    /// <summary>Debian's Chromium; under CI a missing browser fails the test, locally it skips.</summary>
    internal static string RequireChromium()
    {
        var path = Environment.GetEnvironmentVariable("PARLEY_TEST_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        if (File.Exists(path))
        {
            return path;
        }

        if (TestDatabase.IsCi)
        {
            Assert.Fail($"Chromium is required under CI but {path} does not exist (apt-get install chromium, or set PARLEY_TEST_CHROMIUM).");
        }

        Assert.Skip($"No Chromium at {path}; set PARLEY_TEST_CHROMIUM to run the browser test.");
        return path;
    }
}

/// <summary>A browser journey broke; the message carries what the browser logged on the way.</summary>
internal sealed class JourneyFailedException(string message, Exception inner) : Exception(message, inner);
