using System.Diagnostics;
using Parley.Testing;

namespace Parley.Web.Tests;

/// <summary>
/// The pinned tools the API tests run: Redocly's linter (tools/openapi-lint, restored by <c>npm ci</c>) and the Kiota
/// client generator (a local dotnet tool, restored by <c>dotnet tool restore</c>). Locally a missing tool skips the
/// test with the command that restores it; under CI it fails, so a green run has really run them.
/// </summary>
internal static class ExternalTools
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string LintFolder => Path.Combine(RepositoryRoot, "tools", "openapi-lint");

    /// <summary>Redocly's entry script, or a skip (locally) / failure (CI) when <c>npm ci</c> has not run.</summary>
    public static string RequireRedocly()
    {
        var cli = Path.Combine(LintFolder, "node_modules", "@redocly", "cli", "bin", "cli.js");
        return File.Exists(cli) ? cli : Missing($"Redocly CLI is not installed at {cli}: run `npm ci --prefix tools/openapi-lint`.");
    }

    /// <summary>Skips locally, fails under CI.</summary>
    public static string Missing(string message)
    {
        if (TestDatabase.IsCi)
        {
            Assert.Fail(message);
        }

        Assert.Skip(message);
        return "";
    }

    public static async Task<(int ExitCode, string Output)> RunAsync(
        string fileName, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', start.ArgumentList)} did not finish in 3 minutes.");
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    private static string FindRepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Parley.slnx")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("No Parley.slnx above the test's folder.");
    }
}
