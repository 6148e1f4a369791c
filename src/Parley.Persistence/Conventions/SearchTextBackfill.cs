using System.Text;
using Parley.SharedKernel;

namespace Parley.Persistence.Conventions;

/// <summary>
/// SQL that fills a <see cref="SearchText"/> column from existing text in place, for a migration: the same fold,
/// character by character, as nested <c>replace()</c> calls both providers run (no extension, no collation needed).
/// Characters outside <see cref="SearchText.BackfilledRanges"/> are kept as stored; the next write of the row
/// normalises it fully.
/// </summary>
public static class SearchTextBackfill
{
    // Nested replace() calls per statement: well inside SQLite's expression depth limit of 1,000.
    private const int ChainLength = 100;

    /// <summary>The statements, in order: fill the column with ASCII folded, fold the rest chunk by chunk where non-ASCII remains, collapse spaces.</summary>
    public static IReadOnlyList<string> Statements(DatabaseProvider provider, string table, string column, string sourceExpression)
    {
        var target = $"\"{column}\"";
        var folds = SearchText.FoldedCharacters().ToList();
        var ascii = folds.Where(f => f.Character < 128).ToList();
        var others = folds.Where(f => f.Character >= 128).ToList();
        var nonAscii = provider == DatabaseProvider.Postgres ? $"{target} ~ '[^ -~]'" : $"{target} GLOB '*[^ -~]*'";

        var statements = new List<string> { $"UPDATE {table} SET {target} = {Chain(sourceExpression, ascii)}" };
        for (var i = 0; i < others.Count; i += ChainLength)
        {
            statements.Add($"UPDATE {table} SET {target} = {Chain(target, others.Skip(i).Take(ChainLength))} WHERE {nonAscii}");
        }

        // Each pass at least halves every run of spaces; names are short, so a handful of passes leaves none.
        for (var pass = 0; pass < 6; pass++)
        {
            statements.Add($"UPDATE {table} SET {target} = replace({target}, '  ', ' ') WHERE {target} LIKE '%  %'");
        }

        statements.Add($"UPDATE {table} SET {target} = trim({target}) WHERE {target} LIKE ' %' OR {target} LIKE '% '");
        return statements;
    }

    private static string Chain(string expression, IEnumerable<(char Character, string Folded)> folds)
    {
        var sql = new StringBuilder(expression);
        foreach (var (character, folded) in folds)
        {
            sql.Insert(0, "replace(").Append(", ").Append(Literal(character.ToString())).Append(", ").Append(Literal(folded)).Append(')');
        }

        return sql.ToString();
    }

    private static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
