using System.Diagnostics;
using System.Reflection;

namespace Parley.Modules.Compliance.Tests.Cli;

public sealed record CliRun(int ExitCode, string Out, string Error);

/// <summary>Runs the built <c>parley</c> CLI (a project reference builds it first) as a separate process, as a user would.</summary>
internal static class ParleyCli
{
    private static readonly string Dll = typeof(ParleyCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ParleyCli").Value!;

    public static async Task<CliRun> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Dll);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return new CliRun(process.ExitCode, await output, await error);
    }

    public static Task<CliRun> RunAsync(params string[] args) => RunAsync(null, args);
}
