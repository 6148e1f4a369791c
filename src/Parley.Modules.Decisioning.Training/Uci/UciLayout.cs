using System.Globalization;
using Parley.Modules.Decisioning.Features;

namespace Parley.Modules.Decisioning.Training.Uci;

/// <summary>
/// Where each UCI column sits in a file's header, and the one mapping of a row's values into account facts and
/// statements, shared by the training reader (<see cref="UciCreditDefault"/>) and the streaming scorer.
/// </summary>
public sealed class UciLayout
{
    public const int Months = EarlyWarningFeatures.StatementMonths;

    /// <summary>Every column of the UCI file, in its order.</summary>
    public static readonly IReadOnlyList<string> AllColumns =
    [
        "ID", "LIMIT_BAL", "SEX", "EDUCATION", "MARRIAGE", "AGE",
        "PAY_0", "PAY_2", "PAY_3", "PAY_4", "PAY_5", "PAY_6",
        "BILL_AMT1", "BILL_AMT2", "BILL_AMT3", "BILL_AMT4", "BILL_AMT5", "BILL_AMT6",
        "PAY_AMT1", "PAY_AMT2", "PAY_AMT3", "PAY_AMT4", "PAY_AMT5", "PAY_AMT6",
        "default_payment_next_month",
    ];

    /// <summary>The columns the features read.</summary>
    public static readonly IReadOnlyList<string> FeatureColumns = [.. AllColumns.Where(c => c is "LIMIT_BAL" || c.StartsWith("PAY_", StringComparison.Ordinal) || c.StartsWith("BILL_AMT", StringComparison.Ordinal))];

    private const long MinorPerUnit = 100;

    private const long Largest = 1_000_000_000_000;

    private readonly Dictionary<string, int> _index;

    private UciLayout(string[] names, Dictionary<string, int> index)
    {
        Names = names;
        _index = index;
        IdIndex = index.GetValueOrDefault("ID", -1);
        Limit = index["LIMIT_BAL"];
        Delay = [index["PAY_0"], .. Enumerable.Range(2, 5).Select(m => index[$"PAY_{m}"])];
        Bill = [.. Enumerable.Range(1, 6).Select(m => index[$"BILL_AMT{m}"])];
        Paid = [.. Enumerable.Range(1, 6).Select(m => index[$"PAY_AMT{m}"])];
    }

    public string[] Names { get; }

    public int Width => Names.Length;

    /// <summary>The ID cell's index, or -1 when the file has none.</summary>
    public int IdIndex { get; }

    private int Limit { get; }

    /// <summary>Cell indexes of PAY_0, PAY_2 … PAY_6 (September back to April).</summary>
    private int[] Delay { get; }

    /// <summary>Cell indexes of BILL_AMT1 … BILL_AMT6.</summary>
    private int[] Bill { get; }

    /// <summary>Cell indexes of PAY_AMT1 … PAY_AMT6.</summary>
    private int[] Paid { get; }

    public int Index(string column) => _index[column];

    /// <summary>Reads a header: every name must be a UCI column, none twice, and all of <paramref name="required"/> present.</summary>
    public static UciLayout Parse(string line, string source, IReadOnlyList<string> required)
    {
        var names = line.Split(',').Select(n => n.Trim().Trim('"')).ToArray();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            if (!AllColumns.Contains(names[i]))
            {
                throw new UciFormatException($"{source}: row 1: unexpected column '{names[i]}'");
            }

            if (!index.TryAdd(names[i], i))
            {
                throw new UciFormatException($"{source}: row 1: column '{names[i]}' appears twice");
            }
        }

        var missing = required.Where(c => !index.ContainsKey(c)).ToArray();
        return missing.Length > 0
            ? throw new UciFormatException($"{source}: row 1: missing column(s) {string.Join(", ", missing)}")
            : new UciLayout(names, index);
    }

    /// <summary>Parses every cell of <paramref name="line"/> as a whole number, so a bad cell is reported even in a column the features skip.</summary>
    public void ParseCells(ReadOnlySpan<char> line, string source, int row, Span<long> values)
    {
        var rest = line;
        for (var i = 0; i < Width; i++)
        {
            var comma = rest.IndexOf(',');
            if ((comma < 0) != (i == Width - 1))
            {
                throw new UciFormatException($"{source}: row {row}: {line.Count(',') + 1} fields where the header has {Width}");
            }

            var cell = comma < 0 ? rest : rest[..comma];
            values[i] = Whole(cell, source, row, Names[i]);
            rest = comma < 0 ? [] : rest[(comma + 1)..];
        }
    }

    /// <summary>
    /// The row's account facts, with its six statements written oldest first into <paramref name="statements"/>: index
    /// 0 = April (BILL_AMT6, PAY_6), 5 = September (BILL_AMT1, PAY_0); a month's payment is the next month's PAY_AMT.
    /// </summary>
    public AccountFacts Map(ReadOnlySpan<long> values, Span<StatementMonth> statements, string source, int row)
    {
        for (var i = 0; i < Months; i++)
        {
            var month = Months - i;
            var bill = values[Bill[month - 1]] * MinorPerUnit;
            var paid = month > 1 ? values[Paid[month - 2]] * MinorPerUnit : 0;
            var delay = values[Delay[month - 1]];
            if (delay is < -2 or > 9)
            {
                throw Error(source, row, Names[Delay[month - 1]], $"{delay} is not a repayment status (-2 to 9)");
            }

            statements[i] = new StatementMonth(bill, paid, delay > 0 ? (int)delay * 30 : 0);
        }

        return new AccountFacts(values[Limit] * MinorPerUnit, UciCreditDefault.CurrencyMinorUnits);
    }

    public UciFormatException Error(string source, int row, string column, string problem) =>
        new($"{source}: row {row}, field {column}: {problem}");

    private static long Whole(ReadOnlySpan<char> cell, string source, int row, string column)
    {
        var text = cell.Trim();
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) && Math.Abs(whole) <= Largest)
        {
            return whole;
        }

        // Amounts are whole dollars, but the shared export writes round ones as "2e+05".
        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            && value == decimal.Truncate(value) && value is >= -Largest and <= Largest
            ? (long)value
            : throw new UciFormatException($"{source}: row {row}, field {column}: '{text}' is not a whole number");
    }
}
