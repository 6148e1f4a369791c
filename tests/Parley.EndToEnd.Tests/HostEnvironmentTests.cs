using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Parley.EndToEnd.Tests;

/// <summary>
/// The webhook secret committed in appsettings.Development.json, with the real host started as a process: outside
/// Development the host refuses to start with it (one plain line naming the setting, no stack trace, a failing exit
/// code); in Development it starts and the secret signs the sandbox's webhooks.
/// </summary>
public sealed class HostEnvironmentTests
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
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
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
        await using var host = ReadmeHost.Launch(environment, settings);
        var exited = await host.ExitOrReadyAsync();
        exited.ShouldBeTrue($"the host started instead of refusing:\n{host.Output}");
        return (host.ExitCode, host.Output);
    }

    private static async Task<ReadmeHost> StartAsync(string environment)
    {
        var host = ReadmeHost.Launch(environment);
        if (await host.ExitOrReadyAsync())
        {
            await host.DisposeAsync();
            Assert.Fail($"The host exited with code {host.ExitCode} in {environment}:\n{host.Output}");
        }

        return host;
    }
}
