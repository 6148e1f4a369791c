using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;
using Xunit.Sdk;

namespace Parley.EndToEnd.Tests;

/// <summary>
/// Parley started the way the README tells a newcomer to start it: <c>dotnet run --project src/Parley.Web</c> from the
/// clone, as a child process in the default environment (or a named one), nothing of WebApplicationFactory's test
/// wiring. Only the port (any free one) and the data folder (a fresh temporary one) differ. Its output is kept for the
/// failure message; disposing kills the whole process tree.
/// </summary>
internal sealed partial class ReadmeHost : IAsyncDisposable
{
    public const string AdminEmail = "admin@parley.local";
    public const string AdminPassword = "Parley-Demo-2026";

    // A first start migrates, seeds 500 people and scores them: generous, for a busy CI machine.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);

    private readonly Process _process;
    private readonly DirectoryInfo _dataFolder;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource<Uri> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ReadmeHost(Process process, DirectoryInfo dataFolder)
    {
        (_process, _dataFolder) = (process, dataFolder);
    }

    public Uri BaseAddress { get; private set; } = null!;

    public int ExitCode => _process.ExitCode;

    /// <summary>Everything the host wrote so far, stdout and stderr interleaved.</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>The README's run command with the demo seed and the first admin, once it says it is ready.</summary>
    public static async Task<ReadmeHost> StartAsync()
    {
        var host = Launch(environment: null, "--Demo:SeedOnFirstRun=true", $"--Parley:Bootstrap:AdminEmail={AdminEmail}", $"--Parley:Bootstrap:AdminPassword={AdminPassword}");
        try
        {
            if (await host.ExitOrReadyAsync())
            {
                throw new XunitException($"The host exited with code {host.ExitCode} before it was ready.");
            }
        }
        catch (Exception e)
        {
            await host.DisposeAsync();
            throw host.Failure(e);
        }

        return host;
    }

    /// <summary>
    /// Starts the README's command with <paramref name="settings"/> added, in <paramref name="environment"/> when one
    /// is named (otherwise the default, Production, as a newcomer's shell sets none); see <see cref="ExitOrReadyAsync"/>.
    /// </summary>
    public static ReadmeHost Launch(string? environment, params string[] settings)
    {
        var dataFolder = Directory.CreateTempSubdirectory("parley-readme-run-");
        var configuration = typeof(ReadmeHost).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } dotnet ? dotnet : "dotnet")
        {
            WorkingDirectory = StaffBrowser.RepositoryPath(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // The README's command; the test project's build is the one run (no second build), on a free port and a fresh data folder.
        foreach (var argument in (string[])[
            "run", "--project", "src/Parley.Web", "--no-build", "--configuration", configuration, "--",
            "--urls", "http://127.0.0.1:0", $"--Database:DataFolder={dataFolder.FullName}", .. settings])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var variable in start.Environment.Keys.Where(IsInheritedHostSetting).ToList())
        {
            start.Environment.Remove(variable);
        }

        if (environment is not null)
        {
            start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var host = new ReadmeHost(process, dataFolder);
        process.OutputDataReceived += (_, e) => host.Receive(e.Data);
        process.ErrorDataReceived += (_, e) => host.Receive(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>True when the process exits (all its output read), false when it says it is ready.</summary>
    public async Task<bool> ExitOrReadyAsync()
    {
        var exit = _process.WaitForExitAsync(TestContext.Current.CancellationToken);
        var first = await Task.WhenAny(exit, _ready.Task).WaitAsync(StartTimeout, TestContext.Current.CancellationToken);
        if (first == exit)
        {
            // The parameterless wait also drains the redirected output.
            _process.WaitForExit();
            return true;
        }

        BaseAddress = await _ready.Task;
        return false;
    }

    /// <summary>Runs the checks; a failure carries the host's output, which is where a 500's cause is.</summary>
    public async Task CheckAsync(Func<Task> checks)
    {
        try
        {
            await checks();
        }
        catch (Exception e)
        {
            throw Failure(e);
        }
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

    // A newcomer's shell sets none of these: the host must work without them.
    private static bool IsInheritedHostSetting(string name) =>
        name.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)
        || name.Equals("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("Parley", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("Database__", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("Payments__", StringComparison.OrdinalIgnoreCase);

    private void Receive(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        if (ReadyLine().Match(line) is { Success: true } ready)
        {
            _ready.TrySetResult(new Uri(ready.Groups["address"].Value));
        }
    }

    private XunitException Failure(Exception e) => new($"{e.Message}\n\n--- output of `dotnet run --project src/Parley.Web` ---\n{Output}", e);

    [GeneratedRegex(@"Ready: open (?<address>http://\S+)")]
    private static partial Regex ReadyLine();
}
