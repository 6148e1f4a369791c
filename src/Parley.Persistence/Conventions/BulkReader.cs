using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Parley.Persistence.Conventions;

/// <summary>
/// Set-based reads of entity rows inside the context's open transaction, for a bulk path that reads a batch's rows,
/// changes them through the domain and writes them back through <see cref="BulkWriter"/> (the ledger's placements).
/// Tables, columns, stored forms and the members set come from the EF model (<see cref="BulkTable{T}"/>), as for the
/// writer; no EF query is compiled and nothing is tracked: EF compiling and materialising a batch's look-ups cost
/// more than the writes (docs/benchmarks.md §2). PostgreSQL: one statement per call with an array parameter. SQLite:
/// one prepared single-row look-up re-run per key (an index probe each, no round trips to save).
/// </summary>
public sealed class BulkReader
{
    private readonly DbContext _db;

    private BulkReader(DbContext db) => _db = db;

    public static BulkReader For(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return new BulkReader(db);
    }

    /// <summary>
    /// The rows whose primary key (a single property) is one of <paramref name="keys"/>, which must be distinct. With
    /// <paramref name="lockRows"/>, PostgreSQL locks them in key order (so two batches cannot deadlock) until the
    /// transaction ends; SQLite's write transaction already excludes every other writer.
    /// </summary>
    public async Task<List<T>> FindAsync<T, TKey>(IReadOnlyCollection<TKey> keys, bool lockRows, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(keys);
        var table = BulkTable<T>.Of(_db);
        var key = table.Key.Count == 1 ? table.Key[0] : throw new NotSupportedException($"{typeof(T).Name} has a composite key; find its rows another way.");
        var rows = new List<T>(keys.Count);
        if (keys.Count == 0)
        {
            return rows;
        }

        var select = "SELECT " + table.ColumnList + " FROM " + table.QuotedName + " WHERE " + table.Column(key);
        if (table.Provider == DatabaseProvider.Postgres)
        {
            var sql = select + " = ANY($1)" + (lockRows ? " ORDER BY " + table.Column(key) + " FOR UPDATE" : "");
            await using var command = new NpgsqlCommand(sql, Npgsql());
            command.Parameters.Add(table.PostgresArray<TKey>(key)(keys));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var read = table.PostgresRow();
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(read(reader));
            }

            return rows;
        }

        using var lookup = SqliteBulkStatement.Positional(Sqlite(), SqliteTransaction(), select + " = ?1", 1);
        var bind = table.SqliteValue<TKey>(key);
        var row = table.SqliteRow();
        foreach (var value in keys)
        {
            bind(lookup, 0, value);
            while (lookup.Read())
            {
                rows.Add(row(lookup));
            }
        }

        return rows;
    }

    /// <summary>
    /// For each pair, in order, whether a row of <typeparamref name="T"/> holds <paramref name="first"/> = its first
    /// value and <paramref name="second"/> = its second (e.g. a unique index's two columns, probed per pair).
    /// </summary>
    public async Task<bool[]> ContainsAsync<T, TFirst, TSecond>(IReadOnlyList<(TFirst First, TSecond Second)> pairs, string first, string second, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var found = new bool[pairs.Count];
        if (pairs.Count == 0)
        {
            return found;
        }

        var table = BulkTable<T>.Of(_db);
        var match = "SELECT 1 FROM " + table.QuotedName + " t WHERE t." + table.Column(first) + " = {0} AND t." + table.Column(second) + " = {1}";
        if (table.Provider == DatabaseProvider.Postgres)
        {
            // A lateral probe per pair (LIMIT 1 keeps the planner from hashing the whole table, whose size it would cost with every batch).
            var sql = "SELECT k.i FROM unnest($1, $2) WITH ORDINALITY AS k(a, b, i) CROSS JOIN LATERAL (" + string.Format(System.Globalization.CultureInfo.InvariantCulture, match, "k.a", "k.b") + " LIMIT 1) e";
            await using var command = new NpgsqlCommand(sql, Npgsql());
            command.Parameters.Add(table.PostgresArray<TFirst>(first)(pairs.Select(p => p.First)));
            command.Parameters.Add(table.PostgresArray<TSecond>(second)(pairs.Select(p => p.Second)));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                found[reader.GetInt64(0) - 1] = true;
            }

            return found;
        }

        using var probe = SqliteBulkStatement.Positional(Sqlite(), SqliteTransaction(), string.Format(System.Globalization.CultureInfo.InvariantCulture, match, "?1", "?2") + " LIMIT 1", 2);
        var bindFirst = table.SqliteValue<TFirst>(first);
        var bindSecond = table.SqliteValue<TSecond>(second);
        for (var i = 0; i < pairs.Count; i++)
        {
            bindFirst(probe, 0, pairs[i].First);
            bindSecond(probe, 1, pairs[i].Second);
            if (probe.Read())
            {
                found[i] = true;
                probe.Reset();
            }
        }

        return found;
    }

    private NpgsqlConnection Npgsql()
    {
        RequireTransaction();
        return (NpgsqlConnection)_db.Database.GetDbConnection();
    }

    private SqliteConnection Sqlite() => (SqliteConnection)_db.Database.GetDbConnection();

    private SqliteTransaction SqliteTransaction() => (SqliteTransaction)RequireTransaction().GetDbTransaction();

    private IDbContextTransaction RequireTransaction() =>
        _db.Database.CurrentTransaction ?? throw new InvalidOperationException("Bulk reads run inside the caller's transaction; begin one first.");
}
