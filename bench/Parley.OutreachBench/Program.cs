using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;
using NodaTime.Text;
using Parley.Bench;
using Parley.Composition;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Outreach.Contracts;
using Parley.Modules.Outreach.Planning;
using Parley.Persistence;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

// Usage (the database from the environment, as the CLI: Database__DataFolder, or Database__Provider=Postgres and
// ConnectionStrings__Parley; docs/benchmarks.md, "Outreach planning" and "Outreach: sending end to end"):
//   Parley.OutreachBench plan <asOf>           plan the day (PlanOutreach), with CPU time and the per-page phases summed
//   Parley.OutreachBench send <now> <e-mails> [warm-up]
//                                              make that many planned e-mails due at <now> (the rest later) and run
//                                              SendDueContacts to a minimal SMTP server on loopback: e-mails/s, CPU, and
//                                              the send-time re-check's p50/p95/p99 from the sender's own histogram; the
//                                              first [warm-up] of them (whole batches, default none) are sent untimed first
if (args.Length < 2 || (args[0] == "send" && args.Length < 3) || InstantPattern.General.Parse(args[1]) is not { Success: true } at)
{
    Console.Error.WriteLine("usage: Parley.OutreachBench plan <asOf> | send <now> <e-mails>   (instants as 2026-11-02T13:00:00Z)");
    return 2;
}

var clock = new BenchClock(at.Value);
var settings = new Dictionary<string, string?>();
var received = new Counter();
using var stop = new CancellationTokenSource();
Task? server = null;
if (args[0] == "send")
{
    int port;
    using (var probe = new TcpListener(IPAddress.Loopback, 0))
    {
        probe.Start();
        port = ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    server = MinimalSmtp.RunAsync(port, received, stop.Token);
    settings["Outreach:PublicBaseUrl"] = "https://collect.example.com";
    settings["Outreach:Email:UnsubscribeSecret"] = "bench-secret";
    settings["Outreach:Email:Smtp:Host"] = "127.0.0.1";
    settings["Outreach:Email:Smtp:Port"] = port.ToString(CultureInfo.InvariantCulture);
    settings["Outreach:Email:Smtp:Security"] = "None";
    settings["Outreach:Email:Smtp:From"] = "ACME <accounts@collect.example.com>";
}

var phases = new PhaseTotals();
var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddInMemoryCollection(settings).Build();
await using var services = ParleyComposition.BuildServiceProvider(configuration, s =>
{
    s.AddSingleton<IClock>(clock);
    s.AddLogging(b => b.AddProvider(phases).SetMinimumLevel(LogLevel.Debug));
});
var actor = Actor.System("outreach-bench");

if (args[0] == "plan")
{
    var (summary, wall, cpu) = await TimedAsync(() => RunAsync<PlanOutreachRequest, OutreachPlanSummary>(services, actor, new PlanOutreachRequest(at.Value)));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"planned {summary.Planned} of {summary.AccountsRead} accounts ({summary.Blocked} blocked, {summary.AlreadyPlanned} already, {summary.NotDue} not due, {summary.LeftAlone} left alone): wall {wall:F1} s, CPU {cpu:F1} s, {cpu * 1000 / Math.Max(1, summary.AccountsRead):F3} ms CPU an account"));
    Console.WriteLine($"phases summed over {phases.Pages} pages (reads overlap the next page's gate and writes): {phases}");
    return 0;
}

var count = int.Parse(args[2], CultureInfo.InvariantCulture);
var warmUp = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) / 100 : 0;

// A work folder planned by an older build: its schema brought up to date first, as the web host does at start-up.
await using (var scope = services.CreateAsyncScope())
{
    await DatabaseMigrator.MigrateAsync(scope.ServiceProvider.GetRequiredService<ParleyDbContext>(), CancellationToken.None);
}

// The templates the web host installs at start-up (the renderer needs an approved one per purpose, channel and tone).
await RunAsync<InstallDefaultTemplatesRequest, int>(services, actor, new InstallDefaultTemplatesRequest());
await using (var scope = services.CreateAsyncScope())
{
    // Only the chosen e-mails are due now; every other planned contact waits a month.
    var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
    var later = at.Value + Duration.FromDays(30);
    var now = at.Value;
    await db.Set<PlannedContact>().Where(p => p.Status == PlannedContactStatus.Planned).ExecuteUpdateAsync(u => u.SetProperty(p => p.NextAttemptAt, later));
    var due = db.Set<PlannedContact>().Where(p => p.Status == PlannedContactStatus.Planned && p.Channel == ContactChannel.Email).OrderBy(p => p.ScheduledAt).Take(count).Select(p => p.Id);
    var made = await db.Set<PlannedContact>().Where(p => due.Contains(p.Id)).ExecuteUpdateAsync(u => u.SetProperty(p => p.NextAttemptAt, now));
    Console.WriteLine($"{made} planned e-mails due now");
}

if (warmUp > 0)
{
    // The runtime's tiered JIT settles during the first batches; a warm-up measures the host as it runs all day.
    var warm = await RunAsync<SendDueContactsRequest, SendRunSummary>(services, actor, new SendDueContactsRequest(warmUp));
    Console.WriteLine($"warm-up (untimed): claimed {warm.Claimed}, sent {warm.Sent}");
    count -= warm.Claimed;
}

var recheck = new List<double>();
using var listener = new MeterListener();
listener.InstrumentPublished = (instrument, l) =>
{
    if (instrument.Meter.Name == "Parley.Outreach" && instrument.Name == "parley.outreach.send.recheck")
    {
        l.EnableMeasurementEvents(instrument);
    }
};
listener.SetMeasurementEventCallback<double>((_, value, _, _) =>
{
    lock (recheck)
    {
        recheck.Add(value);
    }
});
listener.Start();

var (sent, sendWall, sendCpu) = await TimedAsync(() => RunAsync<SendDueContactsRequest, SendRunSummary>(services, actor, new SendDueContactsRequest(count / 100 + 2)));
listener.Dispose();
recheck.Sort();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"claimed {sent.Claimed}: sent {sent.Sent}, {sent.Replanned} re-planned, {sent.Cancelled} cancelled, {sent.Retrying} retrying, {sent.DeadLettered} dead letters; {received.Value} received by the server"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"send: wall {sendWall:F1} s, {sent.Sent / sendWall:F0} e-mails/s; CPU {sendCpu:F1} s, {sendCpu * 1000 / Math.Max(1, sent.Sent):F2} ms CPU an e-mail ({sent.Sent / Math.Max(0.001, sendCpu):F0} e-mails per CPU-second)"));
Console.WriteLine($"phases summed over {phases.Pages} batches (wall): {phases}");
if (recheck.Count > 0)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"send-time re-check over {recheck.Count} messages: p50 {Percentile(0.50):F3} ms, p95 {Percentile(0.95):F3} ms, p99 {Percentile(0.99):F3} ms, mean {recheck.Average():F3} ms"));
}

await stop.CancelAsync();
try
{
    await server!;
}
catch (Exception e) when (e is OperationCanceledException or SocketException)
{
}

return 0;

double Percentile(double p) => recheck[Math.Min(recheck.Count - 1, (int)Math.Ceiling(p * recheck.Count) - 1)];

static async Task<TResult> RunAsync<TRequest, TResult>(IServiceProvider services, Actor actor, TRequest request)
    where TRequest : notnull
{
    await using var scope = services.CreateAsyncScope();
    return await scope.ServiceProvider.GetRequiredService<IUseCase<TRequest, TResult>>().HandleAsync(actor, request, CancellationToken.None);
}

static async Task<(T Result, double WallSeconds, double CpuSeconds)> TimedAsync<T>(Func<Task<T>> work)
{
    var process = Process.GetCurrentProcess();
    process.Refresh();
    var cpuBefore = process.TotalProcessorTime;
    var wall = Stopwatch.StartNew();
    var result = await work();
    wall.Stop();
    process.Refresh();
    return (result, wall.Elapsed.TotalSeconds, (process.TotalProcessorTime - cpuBefore).TotalSeconds);
}

/// <summary>The instant the benchmark runs at: planning's day and the send instant are fixed, so runs compare.</summary>
internal sealed class BenchClock(Instant at) : IClock
{
    public Instant GetCurrentInstant() => at;
}

/// <summary>Sums the planner's per-page debug line (PlanOutreach's phase timings) over the run.</summary>
internal sealed class PhaseTotals : ILoggerProvider, ILogger
{
    private readonly Dictionary<string, double> _totals = [];

    public int Pages { get; private set; }

    public ILogger CreateLogger(string categoryName) => categoryName.EndsWith("PlanOutreach", StringComparison.Ordinal) || categoryName.EndsWith("SendDueContacts", StringComparison.Ordinal) ? this : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (state is not IReadOnlyList<KeyValuePair<string, object?>> values)
        {
            return;
        }

        lock (_totals)
        {
            Pages++;
            foreach (var (key, value) in values)
            {
                if (key.EndsWith("Ms", StringComparison.Ordinal) && value is long or double)
                {
                    _totals[key] = _totals.GetValueOrDefault(key) + Convert.ToDouble(value, CultureInfo.InvariantCulture);
                }
            }
        }
    }

    public override string ToString()
    {
        lock (_totals)
        {
            return string.Join(", ", _totals.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Key[..^2]} {t.Value / 1000.0:F1} s")));
        }
    }

    public void Dispose()
    {
    }
}
