using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Parley.Persistence.Conventions;

/// <summary>
/// Set-based writes of entity rows inside the context's open transaction, for bulk paths that bypass the change
/// tracker (the placement import, the ledger's placements, outreach). Every statement's table, columns and stored
/// forms come from the EF model (<see cref="BulkTable{T}"/>), so no caller lists columns by hand.
/// PostgreSQL: binary COPY, and for updates and upserts a COPY into a temporary staging table applied by one
/// statement. SQLite: one prepared single-row INSERT (or UPDATE) re-run per row.
/// </summary>
public sealed class BulkWriter
{
    private readonly DbContext _db;

    private BulkWriter(DbContext db) => _db = db;

    public static BulkWriter For(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return new BulkWriter(db);
    }

    public DatabaseProvider Provider => ProviderOf(_db);

    public BulkTable<T> Table<T>()
        where T : class => BulkTable<T>.Of(_db);

    /// <summary>A sink inserting into <typeparamref name="T"/>'s table; complete it before the transaction commits.</summary>
    public Task<IBulkRowSink<T>> OpenAsync<T>(CancellationToken cancellationToken)
        where T : class => OpenAsync<T>(null, cancellationToken);

    /// <summary>A sink inserting into <typeparamref name="T"/>'s table that writes the <paramref name="stored"/> forms it is given as they are.</summary>
    public async Task<IBulkRowSink<T>> OpenAsync<T>(StoredForms<T>? stored, CancellationToken cancellationToken)
        where T : class
    {
        var table = Table<T>();
        return table.Provider == DatabaseProvider.Postgres
            ? await PostgresCopySink<T>.BeginAsync(Npgsql(), table, table.QuotedName, stored, cancellationToken)
            : new SqliteInsertSink<T>(Sqlite(), SqliteTransaction(), table, stored);
    }

    /// <summary>Inserts new rows (keys that cannot exist yet).</summary>
    public Task InsertAsync<T>(IReadOnlyCollection<T> rows, CancellationToken cancellationToken)
        where T : class => InsertAsync(rows, null, cancellationToken);

    /// <summary>Inserts new rows, writing the <paramref name="stored"/> forms given for them as they are.</summary>
    public async Task InsertAsync<T>(IReadOnlyCollection<T> rows, StoredForms<T>? stored, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }

        await using var sink = await OpenAsync(stored, cancellationToken);
        foreach (var row in rows)
        {
            sink.Add(row);
        }

        await sink.CompleteAsync(cancellationToken);
    }

    /// <summary>Sets the <paramref name="set"/> properties' columns of the rows with these primary keys.</summary>
    public Task UpdateAsync<T>(IReadOnlyCollection<T> rows, IReadOnlyList<string> set, CancellationToken cancellationToken)
        where T : class => UpdateAsync(rows, set, null, cancellationToken);

    /// <summary>Sets the <paramref name="set"/> properties' columns of these rows, writing the <paramref name="stored"/> forms given as they are.</summary>
    public async Task UpdateAsync<T>(IReadOnlyCollection<T> rows, IReadOnlyList<string> set, StoredForms<T>? stored, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(set);
        if (rows.Count == 0)
        {
            return;
        }

        var table = Table<T>();
        if (table.Provider == DatabaseProvider.Postgres)
        {
            var assignments = string.Join(", ", set.Select(p => $"{table.Column(p)} = s.{table.Column(p)}"));
            var match = string.Join(" AND ", table.Key.Select(k => $"t.{table.Column(k)} = s.{table.Column(k)}"));
            await StageAsync(table, rows, stored, "UPDATE " + table.QuotedName + " t SET " + assignments + " FROM {0} s WHERE " + match, cancellationToken);
            return;
        }

        // The SET columns' values are bound first, then the key's: ?n is the n-th of them.
        var bound = set.Concat(table.Key).ToList();
        var sqliteAssignments = string.Join(", ", set.Select((p, i) => $"{table.Column(p)} = ?{i + 1}"));
        var sqliteMatch = string.Join(" AND ", table.Key.Select((k, i) => $"{table.Column(k)} = ?{set.Count + i + 1}"));
        using var update = SqliteBulkStatement.Positional(Sqlite(), SqliteTransaction(),
            $"UPDATE {table.QuotedName} SET {sqliteAssignments} WHERE {sqliteMatch}", bound.Count);
        var bind = table.SqliteBinderOf(bound, stored?.PropertyName);
        foreach (var row in rows)
        {
            bind(update, 0, row, stored);
            update.Execute();
        }
    }

    /// <summary>
    /// Inserts the rows; a row whose <paramref name="conflict"/> columns match an existing row's unique key instead
    /// sets that row's <paramref name="set"/> columns (its key and the other columns are kept).
    /// </summary>
    public async Task UpsertAsync<T>(IReadOnlyCollection<T> rows, IReadOnlyList<string> conflict, IReadOnlyList<string> set, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(conflict);
        ArgumentNullException.ThrowIfNull(set);
        if (rows.Count == 0)
        {
            return;
        }

        var table = Table<T>();
        var onConflict = $" ON CONFLICT ({string.Join(", ", conflict.Select(table.Column))}) DO UPDATE SET "
            + string.Join(", ", set.Select(p => $"{table.Column(p)} = excluded.{table.Column(p)}"));
        if (table.Provider == DatabaseProvider.Postgres)
        {
            await StageAsync(table, rows, null, $"INSERT INTO {table.QuotedName} ({table.ColumnList}) SELECT {table.ColumnList} FROM {{0}}" + onConflict, cancellationToken);
            return;
        }

        await using var sink = new SqliteInsertSink<T>(Sqlite(), SqliteTransaction(), table, conflict: onConflict);
        foreach (var row in rows)
        {
            sink.Add(row);
        }

        await sink.CompleteAsync(cancellationToken);
    }

    /// <summary>Copies the rows into a temporary table shaped like the target (dropped at commit at the latest), then runs <paramref name="applySql"/> with it as {0}.</summary>
    private async Task StageAsync<T>(BulkTable<T> table, IReadOnlyCollection<T> rows, StoredForms<T>? stored, string applySql, CancellationToken cancellationToken)
        where T : class
    {
        var stage = BulkTable<T>.Quote("stage_" + table.Name);
        await ExecuteAsync($"CREATE TEMP TABLE {stage} (LIKE {table.QuotedName} INCLUDING DEFAULTS) ON COMMIT DROP", cancellationToken);
        await using (var sink = await PostgresCopySink<T>.BeginAsync(Npgsql(), table, stage, stored, cancellationToken))
        {
            foreach (var row in rows)
            {
                sink.Add(row);
            }

            await sink.CompleteAsync(cancellationToken);
        }

        await ExecuteAsync(string.Format(CultureInfo.InvariantCulture, applySql, stage), cancellationToken);
        await ExecuteAsync($"DROP TABLE {stage}", cancellationToken);
    }

    internal static DatabaseProvider ProviderOf(DbContext db) =>
        db.Database.ProviderName switch
        {
            "Npgsql.EntityFrameworkCore.PostgreSQL" => DatabaseProvider.Postgres,
            "Microsoft.EntityFrameworkCore.Sqlite" => DatabaseProvider.Sqlite,
            var other => throw new NotSupportedException($"No bulk writer for {other}."),
        };

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = Npgsql().CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private NpgsqlConnection Npgsql()
    {
        RequireTransaction();
        return (NpgsqlConnection)_db.Database.GetDbConnection();
    }

    private SqliteConnection Sqlite() => (SqliteConnection)_db.Database.GetDbConnection();

    private SqliteTransaction SqliteTransaction() => (SqliteTransaction)RequireTransaction().GetDbTransaction();

    private IDbContextTransaction RequireTransaction() =>
        _db.Database.CurrentTransaction ?? throw new InvalidOperationException("Bulk writes run inside the caller's transaction; begin one first.");
}
