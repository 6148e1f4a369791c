using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Npgsql;
using Parley.Composition;
using Parley.Modules.Payments.Contracts;
using Parley.Persistence;
using Parley.SharedKernel;

// Usage: Parley.PlacementsBench sqlite|postgres [--accounts 200000] [--batch 5000] [--server <npgsql connection string>]
// Opens --accounts new ledgers in batches of --batch inside one transaction (as the import does), then restates each
// once, on a fresh database that is dropped afterwards. Prints accounts/s for each phase, with the process's CPU time
// and JIT work in it and, when PARLEY_BENCH_POSTMASTER holds the cluster's postmaster pid (Linux), the cluster's CPU.
if (args.Length < 1 || args[0] is not ("sqlite" or "postgres"))
{
    Console.Error.WriteLine("usage: Parley.PlacementsBench sqlite|postgres [--accounts 200000] [--batch 5000] [--server <connection string>]");
    return 2;
}

var provider = args[0] == "sqlite" ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres;
var accounts = Option("--accounts", 200_000);
var batchSize = Option("--batch", 5_000);
// On PostgreSQL, with the cluster's postmaster pid, each phase also reports the whole cluster's CPU time.
int? postmaster = provider == DatabaseProvider.Postgres && int.TryParse(Environment.GetEnvironmentVariable("PARLEY_BENCH_POSTMASTER"), out var pid) ? pid : null;
var run = Guid.CreateVersion7().ToString("N")[..12];
string connectionString;
string? sqliteFile = null;
string? server = null;
string? database = null;
if (provider == DatabaseProvider.Sqlite)
{
    sqliteFile = Path.Combine(Path.GetTempPath(), $"parley-placements-bench-{run}.db");
    connectionString = $"Data Source={sqliteFile}";
}
else
{
    server = TextOption("--server") ?? Environment.GetEnvironmentVariable("PARLEY_TEST_POSTGRES")
        ?? throw new InvalidOperationException("PostgreSQL needs --server or PARLEY_TEST_POSTGRES.");
    database = $"parley_placements_bench_{run}";
    await Admin(server, $"CREATE DATABASE {database}");
    connectionString = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
}

var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Database:Provider"] = provider.ToString(),
    ["ConnectionStrings:Parley"] = connectionString,
}).Build();
var services = new ServiceCollection();
services.AddSingleton<IConfiguration>(configuration);
services.AddLogging();
services.AddSingleton(TimeProvider.System);
services.AddParleyCore(configuration);
await using var root = services.BuildServiceProvider();
try
{
    await using (var scope = root.CreateAsyncScope())
    {
        await scope.ServiceProvider.GetRequiredService<ParleyDbContext>().Database.MigrateAsync();
    }

    var ids = Enumerable.Range(0, accounts).Select(_ => AccountId.New()).ToArray();
    var at = Instant.FromUtc(2026, 11, 2, 15, 0);
    PlacementBalance Balance(int i, long interest, string key) =>
        new(ids[i], Currency.USD, AllocationWaterfall.Default, 1_000_00 + i, interest, 25_00, at, $"{key}:{i}");

    var (opened, openedCpu, openedJit) = await TimeAsync(Enumerable.Range(0, accounts).Select(i => Balance(i, i % 500, "open")).Chunk(batchSize));
    var (restated, restatedCpu, restatedJit) = await TimeAsync(Enumerable.Range(0, accounts).Select(i => Balance(i, (i % 500) + 1, "restate")).Chunk(batchSize));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{provider} accounts={accounts} batch={batchSize} opened={accounts / opened.TotalSeconds:F0}/s ({opened.TotalSeconds:F2}s, cpu {openedCpu.TotalSeconds:F2}s, {openedJit}) restated={accounts / restated.TotalSeconds:F0}/s ({restated.TotalSeconds:F2}s, cpu {restatedCpu.TotalSeconds:F2}s, {restatedJit})"));
    return 0;
}
finally
{
    SqliteCleanup();
    if (server is not null)
    {
        NpgsqlConnection.ClearAllPools();
        await Admin(server, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
    }
}

// The phase's wall time; the CPU time the whole process spent in it (every thread: the JIT's and the GC's too), which
// stays meaningful on a machine shared with other work; and what the JIT compiled in it (a one-off cost per process).
async Task<(TimeSpan Wall, TimeSpan Cpu, string Jit)> TimeAsync(IEnumerable<PlacementBalance[]> batches)
{
    var server = ServerTicks();
    await using var scope = root.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
    var placements = scope.ServiceProvider.GetRequiredService<ILedgerPlacements>();
    var materialised = batches.ToList();
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var (jitMethods, jitTime) = (System.Runtime.JitInfo.GetCompiledMethodCount(), System.Runtime.JitInfo.GetCompilationTime());
    var clock = Stopwatch.StartNew();
    await using var transaction = await db.Database.BeginTransactionAsync();
    foreach (var batch in materialised)
    {
        await placements.ApplyAsync(batch, CancellationToken.None);
    }

    await transaction.CommitAsync();
    var elapsed = clock.Elapsed;
    var jit = string.Create(CultureInfo.InvariantCulture,
        $"jit {System.Runtime.JitInfo.GetCompiledMethodCount() - jitMethods} methods {(System.Runtime.JitInfo.GetCompilationTime() - jitTime).TotalSeconds:F2}s");
    if (server is not null)
    {
        // The phase's backends are idle in the pool by now; their CPU so far is counted live.
        jit += string.Create(CultureInfo.InvariantCulture, $", PostgreSQL cpu {(ServerTicks()!.Value - server.Value) / 100.0:F2}s");
    }

    return (elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu, jit);
}

// The PostgreSQL cluster's CPU in clock ticks (1/100 s on Linux): the postmaster's own and its reaped children's, plus
// every live child's (the backends), from /proc; null unless PARLEY_BENCH_POSTMASTER names the postmaster.
long? ServerTicks()
{
    if (postmaster is not { } root)
    {
        return null;
    }

    var total = 0L;
    foreach (var stat in Directory.EnumerateDirectories("/proc").Select(d => Path.Combine(d, "stat")))
    {
        string[] fields;
        try
        {
            var text = File.ReadAllText(stat);
            fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            continue;
        }
        catch (UnauthorizedAccessException)
        {
            continue;
        }

        // After "pid (comm) ": state, ppid, …; utime, stime, cutime, cstime are fields 14–17 of the whole line.
        var self = Path.GetFileName(Path.GetDirectoryName(stat)) == root.ToString(CultureInfo.InvariantCulture);
        if (self || fields[1] == root.ToString(CultureInfo.InvariantCulture))
        {
            total += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            if (self)
            {
                total += long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
            }
        }
    }

    return total;
}

void SqliteCleanup()
{
    if (sqliteFile is null)
    {
        return;
    }

    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    foreach (var suffix in new[] { "", "-wal", "-shm" })
    {
        File.Delete(sqliteFile + suffix);
    }
}

static async Task Admin(string server, string sql)
{
    await using var connection = new NpgsqlConnection(server);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection);
    await command.ExecuteNonQueryAsync();
}

int Option(string name, int fallback) =>
    TextOption(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

string? TextOption(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
