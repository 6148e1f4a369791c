using Microsoft.Data.Sqlite;
using Npgsql;

namespace Parley.Persistence.Conventions;

/// <summary>
/// Rows of one entity type streamed into its table inside the caller's transaction, in the provider's fastest way.
/// Columns, names and stored forms come from the EF model (<see cref="BulkTable{T}"/>). Nothing is visible to
/// others before the transaction commits; a sink disposed without <see cref="CompleteAsync"/> keeps nothing.
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
    private readonly Action<PostgresBinaryCopy, T> _write;

    private PostgresCopySink(PostgresBinaryCopy copy, Action<PostgresBinaryCopy, T> write) => (_copy, _write) = (copy, write);

    /// <summary>Starts the COPY into <paramref name="target"/> (the entity's table, or a staging table shaped like it).</summary>
    public static async Task<PostgresCopySink<T>> BeginAsync(NpgsqlConnection connection, BulkTable<T> table, string target, CancellationToken cancellationToken)
    {
        var copy = await PostgresBinaryCopy.BeginAsync(connection, $"COPY {target} ({table.ColumnList}) FROM STDIN (FORMAT BINARY)", checked((short)table.Columns.Count), cancellationToken);
        return new PostgresCopySink<T>(copy, table.PostgresWriter);
    }

    public void Add(T row)
    {
        _copy.StartRow();
        _write(_copy, row);
    }

    public Task CompleteAsync(CancellationToken cancellationToken) => _copy.CompleteAsync(cancellationToken);

    public ValueTask DisposeAsync() => _copy.DisposeAsync();
}

/// <summary>
/// SQLite: a prepared multi-row <c>INSERT … VALUES (…), (…)</c> of every column, bound by position through SQLitePCL
/// (<see cref="SqliteBulkStatement"/>) and re-run per <see cref="RowsPerStatement"/> rows; the last, shorter group
/// gets a statement of its own length. An optional <c>ON CONFLICT …</c> clause makes it an upsert.
/// </summary>
internal sealed class SqliteInsertSink<T> : IBulkRowSink<T>
    where T : class
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly BulkTable<T> _table;
    private readonly string _conflict;
    private readonly T[] _pending;
    private readonly Action<SqliteBulkStatement, int, T> _bind;
    private SqliteBulkStatement? _full;
    private int _count;

    public SqliteInsertSink(SqliteConnection connection, SqliteTransaction transaction, BulkTable<T> table, string conflict = "")
    {
        (_connection, _transaction, _table, _conflict) = (connection, transaction, table, conflict);
        _pending = new T[RowsPerStatement(table.Columns.Count)];
        _bind = table.SqliteBinder;
    }

    /// <summary>
    /// Rows per statement: enough to spread a statement's start-up over many rows, few enough that its parameters
    /// stay well under SQLite's limit (32,766) and its program small.
    /// </summary>
    public static int RowsPerStatement(int columns) => Math.Clamp(MaxParameters / columns, 1, MaxRows);

    internal const int MaxParameters = 512;
    internal const int MaxRows = 64;

    public void Add(T row)
    {
        _pending[_count++] = row;
        if (_count == _pending.Length)
        {
            _full ??= Prepare(_pending.Length);
            Run(_full, _pending.Length);
        }
    }

    public Task CompleteAsync(CancellationToken cancellationToken)
    {
        if (_count > 0)
        {
            using var tail = Prepare(_count);
            Run(tail, _count);
        }

        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        _full?.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Run(SqliteBulkStatement statement, int rows)
    {
        var columns = _table.Columns.Count;
        for (var i = 0; i < rows; i++)
        {
            _bind(statement, i * columns, _pending[i]);
        }

        statement.Execute();
        Array.Clear(_pending, 0, rows);
        _count = 0;
    }

    private SqliteBulkStatement Prepare(int rows)
    {
        var columns = _table.Columns.Count;
        var sql = new System.Text.StringBuilder($"INSERT INTO {_table.QuotedName} ({_table.ColumnList}) VALUES ");
        for (var r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns; c++)
            {
                sql.Append(c == 0 ? "?" : ", ?").Append((r * columns) + c + 1);
            }

            sql.Append(')');
        }

        sql.Append(_conflict);
        return SqliteBulkStatement.Positional(_connection, _transaction, sql.ToString(), rows * columns);
    }
}
