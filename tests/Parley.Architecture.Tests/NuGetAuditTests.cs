using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Shouldly;

namespace Parley.Architecture.Tests;

/// <summary>
/// The build's NuGet audit (Directory.Build.props): a restore that finds a high or critical advisory fails, a low or
/// moderate one only warns, and an advisory source that has no data (or cannot be reached) never fails the build.
/// Each case restores a one-package probe under the repository's own build settings, offline: packages come from the
/// machine's package folder and advisories from a fake advisory source on loopback.
/// </summary>
public sealed class NuGetAuditTests
{
    // NodaTime: a package every restore of this repository has already put in the machine's package folder.
    private const string Package = "NodaTime";

    [Theory]
    [InlineData(3, "NU1904")]
    [InlineData(2, "NU1903")]
    public async Task A_high_or_critical_advisory_fails_the_restore(int severity, string code)
    {
        var (exitCode, output) = await RestoreAsync(Advisories(severity));

        exitCode.ShouldNotBe(0, output);
        output.ShouldContain($"error {code}", Case.Sensitive, output);
    }

    [Theory]
    [InlineData(1, "NU1902")]
    [InlineData(0, "NU1901")]
    public async Task A_low_or_moderate_advisory_is_a_warning(int severity, string code)
    {
        var (exitCode, output) = await RestoreAsync(Advisories(severity));

        exitCode.ShouldBe(0, output);
        output.ShouldContain($"warning {code}", Case.Sensitive, output);
    }

    [Fact]
    public async Task An_advisory_source_without_data_does_not_fail_the_restore()
    {
        var (exitCode, output) = await RestoreAsync(advisories: null);

        exitCode.ShouldBe(0, output);
        output.ShouldContain("warning NU1905", Case.Sensitive, output);
    }

    [Fact]
    public async Task An_unreachable_advisory_source_does_not_fail_the_restore()
    {
        var (exitCode, output) = await RestoreAsync(advisories: null, reachable: false);

        exitCode.ShouldBe(0, output);
        output.ShouldContain("warning NU1900", Case.Sensitive, output);
    }

    // NuGet's vulnerability file: package id (lower case) to advisories; severity 0 low, 1 moderate, 2 high, 3 critical.
    private static string Advisories(int severity) =>
        $$"""{"{{Package.ToLowerInvariant()}}":[{"severity":{{severity}},"url":"https://example.invalid/advisories/parley-test","versions":"[0.0.1, 999.0.0)"}]}""";

    /// <summary>Restores the probe against an advisory source that serves <paramref name="advisories"/> (none: a source without the vulnerability resource).</summary>
    private static async Task<(int ExitCode, string Output)> RestoreAsync(string? advisories, bool reachable = true)
    {
        var work = Directory.CreateTempSubdirectory("parley-audit-");
        var port = FreePort();
        using var source = new HttpListener();
        source.Prefixes.Add($"http://127.0.0.1:{port}/");
        if (reachable)
        {
            source.Start();
            _ = ServeAsync(source, port, advisories);
        }

        try
        {
            WriteProbe(work.FullName, $"http://127.0.0.1:{port}/index.json");
            return await RunAsync(work.FullName);
        }
        finally
        {
            if (source.IsListening)
            {
                source.Stop();
            }

            work.Delete(recursive: true);
        }
    }

    private static void WriteProbe(string folder, string auditSource)
    {
        // The repository's build settings and package versions, as every project of the solution gets them.
        File.WriteAllText(Path.Combine(folder, "Directory.Build.props"), $"""<Project><Import Project="{Repository.PathOf("Directory.Build.props")}" /></Project>""");
        File.WriteAllText(Path.Combine(folder, "Directory.Packages.props"), $"""<Project><Import Project="{Repository.PathOf("Directory.Packages.props")}" /></Project>""");
        File.WriteAllText(Path.Combine(folder, "Probe.csproj"), $"""<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><PackageReference Include="{Package}" /></ItemGroup></Project>""");
        File.WriteAllText(Path.Combine(folder, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources><clear /><add key="machine" value="{PackageFolder()}" /></packageSources>
              <auditSources><clear /><add key="fake" value="{auditSource}" allowInsecureConnections="true" /></auditSources>
            </configuration>
            """);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string folder)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } dotnet ? dotnet : "dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["restore", "Probe.csproj", "--disable-build-servers", "-nologo"])
        {
            start.ArgumentList.Add(argument);
        }

        // A fresh HTTP cache: NuGet keeps advisories it fetched, and each case serves different ones.
        start.Environment["NUGET_HTTP_CACHE_PATH"] = Path.Combine(folder, "http-cache");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output + await error);
    }

    private static async Task ServeAsync(HttpListener listener, int port, string? advisories)
    {
        var root = $"http://127.0.0.1:{port}";
        var files = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["/index.json"] = advisories is null
                ? """{"version":"3.0.0","resources":[]}"""
                : $$"""{"version":"3.0.0","resources":[{"@id":"{{root}}/vulnerabilities/index.json","@type":"VulnerabilityInfo/6.7.0"}]}""",
            ["/vulnerabilities/index.json"] = $$"""[{"@name":"base","@id":"{{root}}/vulnerabilities/base.json","@updated":"2026-01-01T00:00:00Z"}]""",
            ["/vulnerabilities/base.json"] = advisories ?? "{}",
        };
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var found = files.TryGetValue(context.Request.Url!.AbsolutePath, out var body);
            context.Response.StatusCode = found ? 200 : 404;
            context.Response.ContentType = "application/json";
            var bytes = Encoding.UTF8.GetBytes(body ?? "");
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private static string PackageFolder() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } folder
            ? folder
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
