using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Parley.EndToEnd.Tests;

/// <summary>
/// The webhook secret committed in appsettings.Development.json, with the real host started as a process: outside
/// Development the host refuses to start with it (one plain line naming the setting, no stack trace, a failing exit
/// code); in Development it starts and the secret signs the sandbox's webhooks.
/// </summary>
public sealed partial class HostEnvironmentTests
{
    private const string DevelopmentSecret = "whsec_sandbox_development_only_not_a_real_secret";

    [Fact]
    public async Task In_production_the_host_refuses_to_start_with_the_committed_development_secret()
    {
        var (exitCode, output) = await RunUntilExitAsync("Production", $"--Payments:Providers:sandbox:WebhookSecret={DevelopmentSecret}");

        exitCode.ShouldBe(1, output);
        output.ShouldContain("Parley did not start: Payments:Providers:sandbox:WebhookSecret is the development-only webhook secret", Case.Sensitive, output);
        output.ShouldContain("this host runs in Production", Case.Sensitive, output);
        output.ShouldNotContain("   at ", Case.Sensitive, output);
        output.ShouldNotContain("Exception", Case.Sensitive, output);
        output.ShouldNotContain("Ready: open", Case.Sensitive, output);
    }

    [Fact]
    public async Task In_development_the_host_starts_and_the_committed_secret_signs_the_sandbox_webhooks()
    {
        await using var host = await StartAsync("Development");
        using var http = new HttpClient { BaseAddress = host.Address };
        const string body = """{"id":"evt_dev_ping","type":"test.ping"}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/payments/webhooks/sandbox") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("Parley-Signature", Signature(await ServerNowAsync(http), body));

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        var answer = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{answer}\n--- host output ---\n{host.Output}");
        answer.ShouldContain("\"outcome\":\"ignored\"");
    }

    /// <summary>The host's clock, read from its Date header, so the signature's timestamp is within its tolerance.</summary>
    private static async Task<long> ServerNowAsync(HttpClient http)
    {
        using var response = await http.GetAsync("/health/live", TestContext.Current.CancellationToken);
        return response.Headers.Date.ShouldNotBeNull().ToUnixTimeSeconds();
    }

    private static string Signature(long timestamp, string body)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(DevelopmentSecret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        return $"t={timestamp},v1={Convert.ToHexStringLower(mac)}";
    }

    private static async Task<(int ExitCode, string Output)> RunUntilExitAsync(string environment, params string[] settings)
    {
        await using var host = Launch(environment, settings);
        var exited = await host.ExitOrReadyAsync();
        exited.ShouldBeTrue($"the host started instead of refusing:\n{host.Output}");
        return (host.ExitCode, host.Output);
    }

    private static async Task<HostProcess> StartAsync(string environment)
    {
        var host = Launch(environment);
        if (await host.ExitOrReadyAsync())
        {
            await host.DisposeAsync();
            Assert.Fail($"The host exited with code {host.ExitCode} in {environment}:\n{host.Output}");
        }

        return host;
    }

    /// <summary>The built host (<c>dotnet run --no-build</c>, as the README runs it) in an environment, on a free port and a fresh data folder.</summary>
    private static HostProcess Launch(string environment, params string[] settings)
    {
        var dataFolder = Directory.CreateTempSubdirectory("parley-environment-");
        var configuration = typeof(HostEnvironmentTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } dotnet ? dotnet : "dotnet")
        {
            WorkingDirectory = StaffBrowser.RepositoryPath(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["run", "--project", "src/Parley.Web", "--no-build", "--configuration", configuration, "--",
                     "--urls", "http://127.0.0.1:0", $"--Database:DataFolder={dataFolder.FullName}", .. settings])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var variable in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase) || k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase) || k.StartsWith("Payments__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(variable);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        return new HostProcess(start, dataFolder);
    }

    private sealed partial class HostProcess : IAsyncDisposable
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
        private readonly Process _process;
        private readonly DirectoryInfo _dataFolder;
        private readonly ConcurrentQueue<string> _output = new();
        private readonly TaskCompletionSource<Uri> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public HostProcess(ProcessStartInfo start, DirectoryInfo dataFolder)
        {
            _dataFolder = dataFolder;
            _process = new Process { StartInfo = start, EnableRaisingEvents = true };
            _process.OutputDataReceived += (_, e) => Receive(e.Data);
            _process.ErrorDataReceived += (_, e) => Receive(e.Data);
            _process.Start();
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public Uri Address { get; private set; } = null!;

        public int ExitCode => _process.ExitCode;

        public string Output => string.Join('\n', _output);

        /// <summary>True when the process exits (all its output read), false when it says it is ready.</summary>
        public async Task<bool> ExitOrReadyAsync()
        {
            var exit = _process.WaitForExitAsync(TestContext.Current.CancellationToken);
            var first = await Task.WhenAny(exit, _ready.Task).WaitAsync(Timeout, TestContext.Current.CancellationToken);
            if (first == exit)
            {
                // The parameterless wait also drains the redirected output.
                _process.WaitForExit();
                return true;
            }

            return false;
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None);
            }

            _process.Dispose();
            _dataFolder.Delete(recursive: true);
        }

        private void Receive(string? line)
        {
            if (line is null)
            {
                return;
            }

            _output.Enqueue(line);
            if (ReadyLine().Match(line) is { Success: true } ready)
            {
                Address = new Uri(ready.Groups["address"].Value);
                _ready.TrySetResult(Address);
            }
        }

        [GeneratedRegex(@"Ready: open (?<address>http://\S+)")]
        private static partial Regex ReadyLine();
    }
}
