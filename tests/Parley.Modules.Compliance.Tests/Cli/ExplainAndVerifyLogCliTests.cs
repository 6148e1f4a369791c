using System.Text.Json;
using Microsoft.Data.Sqlite;
using Shouldly;

namespace Parley.Modules.Compliance.Tests.Cli;

/// <summary>A SQLite database made by the CLI itself (<c>db migrate</c>, <c>demo seed</c>) in its own folder.</summary>
public sealed class SeededCliDatabase : IAsyncLifetime
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("parley-cli-");

    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string> { ["Database__DataFolder"] = folder.FullName };

    public string ConnectionString => $"Data Source={Path.Combine(folder.FullName, "parley.db")};Pooling=False";

    public async ValueTask InitializeAsync()
    {
        (await ParleyCli.RunAsync(Environment, "db", "migrate")).ExitCode.ShouldBe(0);
        var seed = await ParleyCli.RunAsync(Environment, "demo", "seed", "--customers", "4");
        seed.ExitCode.ShouldBe(0, seed.Error);
    }

    public ValueTask DisposeAsync()
    {
        folder.Delete(recursive: true);
        return ValueTask.CompletedTask;
    }

    public async Task<int> ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteNonQueryAsync();
    }

    public async Task<string> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (string)(await command.ExecuteScalarAsync())!;
    }
}

/// <summary>
/// <c>parley compliance explain</c> on a stored account and <c>parley compliance verify-log</c> on the database's log and
/// on a log file: an intact chain exits 0; an edited or a deleted record exits 1 naming the record and what is wrong.
/// The tests share one database; none depends on another having run.
/// </summary>
public sealed class ExplainAndVerifyLogCliTests(SeededCliDatabase database) : IClassFixture<SeededCliDatabase>
{
    private const string At = "2026-11-10T17:00:00Z";

    [Fact]
    public async Task Explain_names_a_mobile_without_call_consent_by_medium_not_as_a_landline()
    {
        var account = await database.ScalarAsync("select Id from accounts_accounts order by Id limit 1");
        await database.ExecuteAsync(
            "update accounts_phones set ConsentToCall = 0, Type = 'Mobile' where CustomerId = (select CustomerId from accounts_accounts where Id = $id)", ("$id", account));

        var run = await ParleyCli.RunAsync(database.Environment, "compliance", "explain", "--account", account, "--channel", "call", "--at", At);

        run.ExitCode.ShouldBe(0, run.Error);
        using var doc = JsonDocument.Parse(run.Out);
        var result = doc.RootElement.EnumerateArray().Single();
        result.GetProperty("id").GetString().ShouldBe($"{account.ToLowerInvariant()}/call");
        result.GetProperty("decision").GetString().ShouldBe("deny");
        result.GetProperty("rule_ids").EnumerateArray().Select(r => r.GetString()).ShouldContain("US-REGF-MEDIUM-OPTOUT");
        var explanation = result.GetProperty("explanation").GetString()!;
        explanation.ShouldContain("opted out of calls to +");
        explanation.ShouldNotContain("landline:");
    }

    [Fact]
    public async Task Explain_refuses_a_bad_channel_and_an_unknown_account()
    {
        var badChannel = await ParleyCli.RunAsync(database.Environment, "compliance", "explain", "--account", "01A2079D-9DC7-7C61-84C3-CAB8C23F275A", "--channel", "fax");
        badChannel.ExitCode.ShouldBe(2);
        badChannel.Error.ShouldContain("--channel: 'fax'");

        var unknown = await ParleyCli.RunAsync(database.Environment, "compliance", "explain", "--account", "01A2079D-0000-7000-8000-000000000000", "--channel", "letter", "--at", At);
        unknown.ExitCode.ShouldBe(1);
        unknown.Error.ShouldContain("does not exist");
    }

    [Fact]
    public async Task Verify_log_detects_an_edited_and_a_deleted_record_in_the_database()
    {
        var account = await database.ScalarAsync("select Id from accounts_accounts order by Id limit 1");
        foreach (var channel in new[] { "call", "sms", "email", "letter" })
        {
            (await ParleyCli.RunAsync(database.Environment, "compliance", "explain", "--account", account, "--channel", channel, "--at", At)).ExitCode.ShouldBe(0);
        }

        var intact = await ParleyCli.RunAsync(database.Environment, "compliance", "verify-log");
        intact.ExitCode.ShouldBe(0, intact.Error);
        intact.Out.ShouldContain("chain intact");

        var verdict = await database.ScalarAsync("select Verdict from compliance_decisions where Sequence = 2");
        await database.ExecuteAsync("update compliance_decisions set Verdict = case when Verdict = 'allow' then 'deny' else 'allow' end where Sequence = 2");
        var edited = await ParleyCli.RunAsync(database.Environment, "compliance", "verify-log");
        edited.ExitCode.ShouldBe(1);
        edited.Error.ShouldContain("chain broken at record 2: the record's content does not match its hash: it was edited");

        await database.ExecuteAsync("update compliance_decisions set Verdict = $v where Sequence = 2", ("$v", verdict));
        (await ParleyCli.RunAsync(database.Environment, "compliance", "verify-log")).ExitCode.ShouldBe(0);
        await database.ExecuteAsync("delete from compliance_decisions where Sequence = 3");
        var deleted = await ParleyCli.RunAsync(database.Environment, "compliance", "verify-log");
        deleted.ExitCode.ShouldBe(1);
        deleted.Error.ShouldContain("chain broken at record 3: expected sequence 3, found 4: a record was deleted or reordered");
    }

    [Fact]
    public async Task Verify_log_detects_an_edited_and_a_deleted_line_in_a_log_file()
    {
        var folder = Directory.CreateTempSubdirectory("parley-log-");
        try
        {
            await VerifyLogFileAsync(Path.Combine(folder.FullName, "decisions.jsonl"));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task VerifyLogFileAsync(string log)
    {
        var scenarios = Path.Combine(AppContext.BaseDirectory, "Scenarios", "public-scenarios.json");
        (await ParleyCli.RunAsync("compliance", "evaluate", scenarios, "--log", log)).ExitCode.ShouldBe(0);
        var lines = await File.ReadAllLinesAsync(log, TestContext.Current.CancellationToken);
        lines.Length.ShouldBe(13);

        var intact = await ParleyCli.RunAsync("compliance", "verify-log", log);
        intact.ExitCode.ShouldBe(0, intact.Error);
        intact.Out.ShouldContain("13 records, chain intact");

        var tampered = lines.ToArray();
        tampered[4] = tampered[4].Replace("SCN-017", "SCN-999", StringComparison.Ordinal);
        tampered[4].ShouldNotBe(lines[4]);
        await File.WriteAllLinesAsync(log, tampered, TestContext.Current.CancellationToken);
        var edited = await ParleyCli.RunAsync("compliance", "verify-log", log);
        edited.ExitCode.ShouldBe(1);
        edited.Error.ShouldContain("chain broken at record 5: the record's content does not match its hash: it was edited");

        await File.WriteAllLinesAsync(log, lines.Where((_, i) => i != 6), TestContext.Current.CancellationToken);
        var deleted = await ParleyCli.RunAsync("compliance", "verify-log", log);
        deleted.ExitCode.ShouldBe(1);
        deleted.Error.ShouldContain("chain broken at record 7: expected sequence 7, found 8: a record was deleted or reordered");
    }
}
