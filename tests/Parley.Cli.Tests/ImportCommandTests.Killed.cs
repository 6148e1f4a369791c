using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Parley.Cli.Commands;
using Parley.Modules.Accounts.Contracts;
using Parley.Persistence;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;
using Parley.Testing;
using Shouldly;

namespace Parley.Cli.Tests;

/// <summary>
/// A real crash (ADR 0014): <c>parley import</c> as a process of its own, killed with SIGKILL after its first batches
/// committed, leaves its run "running"; the next <c>parley import</c> marks it interrupted with exactly what was
/// committed, says so, and finishes the file with every row once.
/// </summary>
public sealed partial class ImportCommandTests
{
    // Twenty batches: after the first commit the import needs seconds more, far longer than the test takes to hold the
    // writers (with six batches a loaded CI machine once saw the import finish first).
    private const int KilledFileRows = 100_000;

    // The advisory lock every PostgreSQL import batch takes (PostgresPlacementStore.ImportLockKey): held here, the next batch waits.
    private const long ImportLockKey = 0x5041524C4559_01;

    [Theory]
    [DatabaseProviders]
    public async Task A_parley_import_killed_mid_file_is_marked_interrupted_with_what_it_committed_and_the_same_file_again_adds_every_row_once(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var scope = database.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<IUseCase<CreateCreditorRequest, CreditorView>>()
                .HandleAsync(Actor.System("test"), new CreateCreditorRequest("ACME", "Acme Bank", "USD"), ct);
        }

        var directory = Directory.CreateTempSubdirectory("parley-killed-");
        try
        {
            var file = Path.Combine(directory.FullName, "placements.csv");
            var text = new StringBuilder(Header).Append('\n');
            for (var n = 1; n <= KilledFileRows; n++)
            {
                text.Append(Row(n, "Maria")).Append('\n');
            }

            await File.WriteAllTextAsync(file, text.ToString(), ct);

            long committedRows;
            int childPid;
            using (var child = CliProcess.Start(database, "import", file))
            {
                childPid = child.Id;

                // 1. Once a batch is committed, the writers are held (the next batch waits), so the import cannot finish; then it is killed.
                await Until(async () => child.HasExited || await CommittedRowsAsync(database, ct) >= 5000, child, ct);
                child.HasExited.ShouldBeFalse(child.Output);
                await using (await WriterLock.TakeAsync(database, ct))
                {
                    var (status, rows, owner) = await RunStateAsync(database, ct);
                    (status, owner).ShouldBe(("Running", childPid), child.Output);
                    child.Kill();
                    await child.ExitedAsync(ct);
                    child.ExitCode.ShouldBe(128 + 9, "killed by SIGKILL");
                    committedRows = rows;
                }

                // What the killed process left: its run still says running, with the batches it committed, and those rows only.
                var (after, afterRows, _) = await RunStateAsync(database, ct);
                (after, afterRows).ShouldBe(("Running", committedRows));
                committedRows.ShouldBeInRange(5000, KilledFileRows - 5000);
                (committedRows % 5000).ShouldBe(0, "whole batches");
                (await ScalarAsync(database, "SELECT COUNT(*) FROM accounts_accounts", ct)).ShouldBe(committedRows);
            }

            // 2. The next `parley import` marks it interrupted first, says this run finishes it, and does.
            var (code, output, error) = await Run(database, "import", file);

            code.ShouldBe(ImportCommand.Processed, output + error);
            var words = System.Text.RegularExpressions.Regex.Replace(Ansi().Replace(output, ""), @"\s+", " ");
            words.ShouldContain("The last import of placements.csv was interrupted: it stopped at");
            words.ShouldContain(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"after {committedRows:N0} rows were saved. Running the same file again finishes it: rows already saved are recognised and not added twice."));
            Cell(output, "Accounts created").ShouldBe((KilledFileRows - committedRows).ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
            Cell(output, "Accounts unchanged").ShouldBe(committedRows.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));

            var runs = await RunsAsync(database, ct);
            runs.Count.ShouldBe(2);
            runs[0].ShouldBe(new KilledRun("Interrupted", committedRows, committedRows, committedRows, childPid));
            runs[1].ShouldBe(new KilledRun("Completed", KilledFileRows, KilledFileRows, KilledFileRows - committedRows, Environment.ProcessId));

            // Every row once: one account per row, and each account's ledger opened once (as many entries as any other's).
            (await ScalarAsync(database, "SELECT COUNT(*) FROM accounts_accounts", ct)).ShouldBe(KilledFileRows);
            (await ScalarAsync(database, "SELECT COUNT(DISTINCT \"CreditorReference\") FROM accounts_accounts", ct)).ShouldBe(KilledFileRows);
            (await ScalarAsync(database, "SELECT COUNT(DISTINCT \"AccountId\") FROM payments_ledger_entries", ct)).ShouldBe(KilledFileRows);
            (await ScalarAsync(database, "SELECT COUNT(*) FROM (SELECT DISTINCT n FROM (SELECT COUNT(*) AS n FROM payments_ledger_entries GROUP BY \"AccountId\") per_account) counts", ct))
                .ShouldBe(1, "every account has the same number of ledger entries");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private sealed record KilledRun(string Status, long RowsRead, long RowsAccepted, long AccountsCreated, int? OwnerProcessId);

    private static async Task<List<KilledRun>> RunsAsync(TestDatabase database, CancellationToken ct)
    {
        await using var connection = Open(database);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"Status\", \"RowsRead\", \"RowsAccepted\", \"AccountsCreated\", \"OwnerProcessId\" FROM accounts_import_runs ORDER BY \"StartedAt\"";
        await using var reader = await command.ExecuteReaderAsync(ct);
        var runs = new List<KilledRun>();
        while (await reader.ReadAsync(ct))
        {
            runs.Add(new KilledRun(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.IsDBNull(4) ? null : reader.GetInt32(4)));
        }

        return runs;
    }

    private static async Task<long> CommittedRowsAsync(TestDatabase database, CancellationToken ct) =>
        (await RunStateAsync(database, ct)).Rows;

    /// <summary>The one import run's status, committed rows and owning process, or ("", 0, null) before it exists.</summary>
    private static async Task<(string Status, long Rows, int? Owner)> RunStateAsync(TestDatabase database, CancellationToken ct)
    {
        await using var connection = Open(database);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"Status\", \"RowsRead\", \"OwnerProcessId\" FROM accounts_import_runs";
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? (reader.GetString(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetInt32(2)) : ("", 0, null);
    }

    private static async Task<long> ScalarAsync(TestDatabase database, string sql, CancellationToken ct)
    {
        await using var connection = Open(database);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    // Unpooled: a session's advisory lock must end with the connection, not go back to a pool with it.
    private static DbConnection Open(TestDatabase database) => database.Provider == DatabaseProvider.Sqlite
        ? new SqliteConnection(database.ConnectionString + ";Pooling=False")
        : new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ConnectionString);

    /// <summary>Waits on a condition (never on a duration), failing with the child's output after a generous deadline.</summary>
    private static async Task Until(Func<Task<bool>> condition, CliProcess child, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromMinutes(4));
        try
        {
            while (!await condition())
            {
                await Task.Delay(20, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new Xunit.Sdk.XunitException($"The import never committed a batch.{Environment.NewLine}{child.Output}");
        }
    }

    /// <summary>
    /// Holds the database's import writers: on PostgreSQL the import's advisory lock, on SQLite the one write lock
    /// (BEGIN IMMEDIATE). An import's next batch waits on it. Disposing lets go.
    /// </summary>
    private sealed class WriterLock(DbConnection connection, DbTransaction? transaction) : IAsyncDisposable
    {
        public static async Task<WriterLock> TakeAsync(TestDatabase database, CancellationToken ct)
        {
            var connection = Open(database);
            await connection.OpenAsync(ct);
            if (connection is SqliteConnection sqlite)
            {
                // Waits, if need be, for the batch the import is writing to commit.
                sqlite.DefaultTimeout = 240;
                return new WriterLock(connection, await connection.BeginTransactionAsync(ct));
            }

            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT pg_advisory_lock({ImportLockKey})";
            await command.ExecuteNonQueryAsync(ct);
            return new WriterLock(connection, null);
        }

        public async ValueTask DisposeAsync()
        {
            if (transaction is not null)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                await transaction.DisposeAsync();
            }

            await connection.DisposeAsync();
        }
    }

    /// <summary><c>parley</c> from the build (beside the tests) as a process of its own, configured by environment variables as a deployment is.</summary>
    private sealed class CliProcess : IDisposable
    {
        private readonly Process _process;
        private readonly ConcurrentQueue<string> _output = new();

        private CliProcess(Process process) => _process = process;

        public int Id => _process.Id;

        public bool HasExited => _process.HasExited;

        public int ExitCode => _process.ExitCode;

        public string Output => string.Join(Environment.NewLine, _output.TakeLast(100));

        public static CliProcess Start(TestDatabase database, params string[] args)
        {
            var start = new ProcessStartInfo(DotnetHost())
            {
                WorkingDirectory = AppContext.BaseDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "parley.dll"));
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }

            start.Environment["Database__Provider"] = database.Provider.ToString();
            start.Environment["ConnectionStrings__Parley"] = database.ConnectionString;
            start.Environment["Parley__FieldEncryption__Key"] = TestDatabase.FieldEncryptionKey;
            var process = new Process { StartInfo = start };
            var cli = new CliProcess(process);
            process.OutputDataReceived += (_, e) => cli.Read(e.Data);
            process.ErrorDataReceived += (_, e) => cli.Read(e.Data is null ? null : $"stderr: {e.Data}");
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return cli;
        }

        public void Kill() => _process.Kill(entireProcessTree: true);

        public Task ExitedAsync(CancellationToken ct) => _process.WaitForExitAsync(ct);

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }

            _process.Dispose();
        }

        // The test's own dotnet, so the CLI runs on the runtime the tests run on.
        private static string DotnetHost() =>
            Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";

        private void Read(string? line)
        {
            if (line is not null)
            {
                _output.Enqueue(line);
            }
        }
    }
}
