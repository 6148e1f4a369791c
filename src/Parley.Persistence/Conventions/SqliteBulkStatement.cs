using System.Buffers.Text;
using System.Text;
using Microsoft.Data.Sqlite;
using NodaTime;
using SQLitePCL;

namespace Parley.Persistence.Conventions;

/// <summary>
/// A statement compiled once and re-run per row, bound by position straight through SQLitePCL, for bulk writes
/// inside the connection's open transaction: Microsoft.Data.Sqlite would look every parameter up by name and
/// re-validate its statement on every execution, which costs more than the insert itself. Values are bound exactly
/// as EF stores them (<see cref="SqliteStorageFormat"/>) so EF reads them back unchanged.
/// </summary>
public sealed class SqliteBulkStatement : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly sqlite3_stmt _statement;
    private readonly int[] _indexes;
    private byte[] _utf8 = new byte[256];
    private (byte[] Utf8, string Text)?[]? _lastText;

    private SqliteBulkStatement(SqliteConnection connection, string sql, int[] indexes)
    {
        _connection = connection;
        Check(raw.sqlite3_prepare_v2(connection.Handle, sql, out _statement));
        _indexes = indexes;
    }

    /// <summary>Compiles <paramref name="sql"/>, whose parameters are named <c>$p0</c>, <c>$p1</c>, …</summary>
    public SqliteBulkStatement(SqliteConnection connection, SqliteTransaction transaction, string sql)
        : this(connection, transaction, sql, sql.Split("$p").Length - 1)
    {
    }

    // The transaction is the connection's own (SQLite has one per connection); it is taken to make that explicit.
    public SqliteBulkStatement(SqliteConnection connection, SqliteTransaction transaction, string sql, int parameterCount)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(transaction);
        _connection = connection;
        Check(raw.sqlite3_prepare_v2(connection.Handle, sql, out _statement));
        // SQLite numbers named parameters by first appearance, so $p0 is not always the first; resolve each once.
        _indexes = new int[parameterCount];
        for (var i = 0; i < parameterCount; i++)
        {
            _indexes[i] = raw.sqlite3_bind_parameter_index(_statement, $"$p{i}");
            if (_indexes[i] == 0)
            {
                throw new InvalidOperationException($"Parameter $p{i} is missing from: {sql}");
            }
        }
    }

    /// <summary>
    /// Compiles <paramref name="sql"/>, whose parameters are numbered <c>?1</c>…<c>?N</c>: parameter <c>i</c> binds
    /// <c>?(i+1)</c> with no look-up, so one statement can carry many rows' values (a multi-row INSERT).
    /// </summary>
    public static SqliteBulkStatement Positional(SqliteConnection connection, SqliteTransaction transaction, string sql, int parameterCount)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(transaction);
        var indexes = new int[parameterCount];
        for (var i = 0; i < parameterCount; i++)
        {
            indexes[i] = i + 1;
        }

        return new SqliteBulkStatement(connection, sql, indexes);
    }

    /// <summary>An INSERT of these columns with parameters $p0… in the same order.</summary>
    public static string Insert(string table, params string[] columns) =>
        $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";

    /// <summary>Binds every parameter in order, then executes; each value's type picks its binding.</summary>
    public void Run(params object?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != _indexes.Length)
        {
            throw new ArgumentException($"{values.Length} values for {_indexes.Length} parameters.", nameof(values));
        }

        for (var i = 0; i < values.Length; i++)
        {
            switch (values[i])
            {
                case null: BindNull(i); break;
                case string text: Bind(i, text); break;
                case Guid id: Bind(i, id); break;
                case LocalDate date: Bind(i, date); break;
                case Instant instant: Bind(i, instant); break;
                case long number: Bind(i, number); break;
                case int number: Bind(i, number); break;
                case bool flag: Bind(i, flag ? 1 : 0); break;
                case var other: throw new ArgumentException($"No SQLite binding for {other.GetType().Name}.", nameof(values));
            }
        }

        Execute();
    }

    public void BindNull(int parameter) => Check(raw.sqlite3_bind_null(_statement, _indexes[parameter]));

    public void Bind(int parameter, long value) => Check(raw.sqlite3_bind_int64(_statement, _indexes[parameter], value));

    public void Bind(int parameter, Instant value) => Bind(parameter, SqliteStorageFormat.Instant(value));

    public void Bind(int parameter, double value) => Check(raw.sqlite3_bind_double(_statement, _indexes[parameter], value));

    public void Bind(int parameter, byte[]? value)
    {
        if (value is null)
        {
            BindNull(parameter);
            return;
        }

        Check(raw.sqlite3_bind_blob(_statement, _indexes[parameter], value));
    }

    // SQLite copies a bound value (SQLITE_TRANSIENT), so one reused UTF-8 buffer serves every bind without allocating.
    public void Bind(int parameter, string? text)
    {
        if (text is null)
        {
            BindNull(parameter);
            return;
        }

        var needed = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (needed > _utf8.Length)
        {
            _utf8 = new byte[Math.Max(needed, _utf8.Length * 2)];
        }

        var length = Encoding.UTF8.GetBytes(text, _utf8);
        Check(raw.sqlite3_bind_text(_statement, _indexes[parameter], _utf8.AsSpan(0, length)));
    }

    // As SqliteStorageFormat.Guid stores it: upper-case text in the 8-4-4-4-12 form.
    public void Bind(int parameter, Guid id)
    {
        Span<byte> text = stackalloc byte[36];
        id.TryFormat(text, out _, "D");
        Ascii.ToUpperInPlace(text, out _);
        Check(raw.sqlite3_bind_text(_statement, _indexes[parameter], text));
    }

    // As SqliteStorageFormat.Date stores it (ISO yyyy-MM-dd); outside years 1–9999 the pattern's own form.
    public void Bind(int parameter, LocalDate date)
    {
        if (date.Year is < 1 or > 9999)
        {
            Bind(parameter, SqliteStorageFormat.Date(date));
            return;
        }

        Span<byte> ascii = stackalloc byte[10];
        Digits(ascii[..4], date.Year);
        ascii[4] = (byte)'-';
        Digits(ascii.Slice(5, 2), date.Month);
        ascii[7] = (byte)'-';
        Digits(ascii.Slice(8, 2), date.Day);
        Check(raw.sqlite3_bind_text(_statement, _indexes[parameter], ascii));
    }

    /// <summary>Runs the statement with the values bound so far and resets it for the next row.</summary>
    public void Execute()
    {
        var step = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (step != raw.SQLITE_DONE)
        {
            Check(step);
        }
    }

    /// <summary>
    /// Steps a query bound so far: true with a row to read (<see cref="IsNull"/>, <see cref="ReadInt64"/>, …), false
    /// when there is none left, after which the statement is reset for the next bind.
    /// </summary>
    public bool Read()
    {
        var step = raw.sqlite3_step(_statement);
        if (step == raw.SQLITE_ROW)
        {
            return true;
        }

        raw.sqlite3_reset(_statement);
        if (step != raw.SQLITE_DONE)
        {
            Check(step);
        }

        return false;
    }

    /// <summary>Resets a query that was not read to its end, keeping its bindings' slots for the next row.</summary>
    public void Reset() => raw.sqlite3_reset(_statement);

    public bool IsNull(int column) => raw.sqlite3_column_type(_statement, column) == raw.SQLITE_NULL;

    public long ReadInt64(int column) => raw.sqlite3_column_int64(_statement, column);

    public double ReadDouble(int column) => raw.sqlite3_column_double(_statement, column);

    public byte[] ReadBlob(int column) => raw.sqlite3_column_blob(_statement, column).ToArray();

    /// <summary>
    /// A text column as a string; a column whose bytes equal its previous row's gives back the same string, so the
    /// repeated values of a batch (a currency, a waterfall) cost no allocation per row.
    /// </summary>
    public string ReadText(int column)
    {
        var bytes = raw.sqlite3_column_blob(_statement, column);
        _lastText ??= new (byte[] Utf8, string Text)?[raw.sqlite3_column_count(_statement)];
        if (_lastText[column] is { } last && bytes.SequenceEqual(last.Utf8))
        {
            return last.Text;
        }

        var text = Encoding.UTF8.GetString(bytes);
        // Only short values are kept: long ones rarely repeat and would be copied for nothing.
        _lastText[column] = bytes.Length <= 64 ? (bytes.ToArray(), text) : null;
        return text;
    }

    /// <summary>A GUID as SQLite stores it: text (<see cref="SqliteStorageFormat.Guid"/>, either case) or 16 bytes.</summary>
    public Guid ReadGuid(int column)
    {
        var blob = raw.sqlite3_column_type(_statement, column) == raw.SQLITE_BLOB;
        var bytes = raw.sqlite3_column_blob(_statement, column);
        if (blob && bytes.Length == 16)
        {
            return new Guid(bytes);
        }

        return Utf8Parser.TryParse(bytes, out Guid id, out var consumed, 'D') && consumed == bytes.Length
            ? id
            : throw new FormatException($"Column {column} holds no GUID.");
    }

    public void Dispose() => _statement.Dispose();

    private static void Digits(Span<byte> target, int value)
    {
        for (var i = target.Length - 1; i >= 0; i--)
        {
            target[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }

    private void Check(int rc) => SqliteException.ThrowExceptionForRC(rc, _connection.Handle);
}
