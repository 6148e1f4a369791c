using Microsoft.Data.Sqlite;
using Npgsql;

namespace Parley.Persistence.Conventions;

/// <summary>
/// Rows of one entity type streamed into its table inside the caller's transaction, in the provider's fastest way.
/// Columns, names and stored forms come from the EF model (<see cref="BulkTable{T}"/>). Nothing is visible to
/// others before the transaction commits. A PostgreSQL sink disposed without <see cref="CompleteAsync"/> keeps
/// nothing; a SQLite one has written each row as it was added, so a caller that gives up rolls the transaction back.
/// </summary>
public interface IBulkRowSink<in T> : IAsyncDisposable
    where T : class
{
    void Add(T row);

    /// <summary>Writes what is buffered; the rows are then in the table (constraints checked).</summary>
    Task CompleteAsync(CancellationToken cancellationToken);
}

/// <summary>PostgreSQL: one binary <c>COPY … FROM STDIN</c> of every column, written straight into its buffer.</summary>
internal sealed class PostgresCopySink<T> : IBulkRowSink<T>
    where T : class
{
    private readonly PostgresBinaryCopy _copy;
    private readonly Action<PostgresBinaryCopy, T, StoredForms<T>?> _write;
    private readonly StoredForms<T>? _stored;

    private PostgresCopySink(PostgresBinaryCopy copy, Action<PostgresBinaryCopy, T, StoredForms<T>?> write, StoredForms<T>? stored) =>
        (_copy, _write, _stored) = (copy, write, stored);

    /// <summary>Starts the COPY into <paramref name="target"/> (the entity's table, or a staging table shaped like it).</summary>
    public static async Task<PostgresCopySink<T>> BeginAsync(NpgsqlConnection connection, BulkTable<T> table, string target, StoredForms<T>? stored, CancellationToken cancellationToken)
    {
        var copy = await PostgresBinaryCopy.BeginAsync(connection, $"COPY {target} ({table.ColumnList}) FROM STDIN (FORMAT BINARY)", checked((short)table.Columns.Count), cancellationToken);
        return new PostgresCopySink<T>(copy, table.PostgresWriter(stored?.PropertyName), stored);
    }

    public void Add(T row)
    {
        _copy.StartRow();
        _write(_copy, row, _stored);
    }

    public Task CompleteAsync(CancellationToken cancellationToken) => _copy.CompleteAsync(cancellationToken);

    public ValueTask DisposeAsync() => _copy.DisposeAsync();
}

/// <summary>
/// SQLite: one prepared single-row <c>INSERT … VALUES (…)</c> of every column, bound by position through SQLitePCL
/// (<see cref="SqliteBulkStatement"/>) and re-run per row. Not multi-row: SQLite runs a multi-row INSERT with a
/// statement journal, so every statement copied each page the transaction had already changed to a temporary file
/// (20× the writes and twice the CPU of the loop it replaced, docs/benchmarks.md §2); a single-row INSERT needs none.
/// An optional <c>ON CONFLICT …</c> clause makes it an upsert.
/// </summary>
internal sealed class SqliteInsertSink<T> : IBulkRowSink<T>
    where T : class
{
    private readonly SqliteBulkStatement _insert;
    private readonly Action<SqliteBulkStatement, int, T, StoredForms<T>?> _bind;
    private readonly StoredForms<T>? _stored;

    public SqliteInsertSink(SqliteConnection connection, SqliteTransaction transaction, BulkTable<T> table, StoredForms<T>? stored = null, string conflict = "")
    {
        var values = string.Join(", ", Enumerable.Range(1, table.Columns.Count).Select(i => "?" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        _insert = SqliteBulkStatement.Positional(connection, transaction,
            $"INSERT INTO {table.QuotedName} ({table.ColumnList}) VALUES ({values}){conflict}", table.Columns.Count);
        _bind = table.SqliteBinder(stored?.PropertyName);
        _stored = stored;
    }

    public void Add(T row)
    {
        _bind(_insert, 0, row, _stored);
        _insert.Execute();
    }

    // Every row is written as it is added.
    public Task CompleteAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync()
    {
        _insert.Dispose();
        return ValueTask.CompletedTask;
    }
}
