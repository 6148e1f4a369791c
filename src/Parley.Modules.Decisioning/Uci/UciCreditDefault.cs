using System.Globalization;
using NodaTime;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Decisioning.Features;

namespace Parley.Modules.Decisioning.Uci;

/// <summary>The four sensitive columns: kept beside a row for the fairness audit, never handed to the feature pipeline.</summary>
public sealed record SensitiveAttributes(int Sex, int Education, int Marriage, int Age);

/// <summary>One UCI client mapped into the domain: the account facts and statements live accounts carry, and the label.</summary>
public sealed record UciClient(long Id, AccountFacts Facts, StatementHistory Statements, bool DefaultedNextMonth, SensitiveAttributes Sensitive);

/// <summary>A malformed UCI file: names the file, the row (1-based, header is row 1) and the field where known.</summary>
public sealed class UciFormatException(string message) : Exception(message);

/// <summary>
/// Reads the UCI "Default of Credit Card Clients" CSV (April–September 2005) into <see cref="UciClient"/>s.
/// Statement for month m carries the bill of month m and the payment made in month m+1 (PAY_AMT1 in September pays
/// August's bill); September's payment falls in October, after the data ends, so the latest statement shows none —
/// as a live account's latest statement does before its due date. PAY_x of 1..8 months late becomes 30·x days past due.
/// </summary>
public static class UciCreditDefault
{
    /// <summary>New Taiwan dollars have two minor digits.</summary>
    public const int CurrencyMinorUnits = 2;

    private const long MinorPerUnit = 100;

    public static readonly IReadOnlyList<string> Columns =
    [
        "ID", "LIMIT_BAL", "SEX", "EDUCATION", "MARRIAGE", "AGE",
        "PAY_0", "PAY_2", "PAY_3", "PAY_4", "PAY_5", "PAY_6",
        "BILL_AMT1", "BILL_AMT2", "BILL_AMT3", "BILL_AMT4", "BILL_AMT5", "BILL_AMT6",
        "PAY_AMT1", "PAY_AMT2", "PAY_AMT3", "PAY_AMT4", "PAY_AMT5", "PAY_AMT6",
        "default_payment_next_month",
    ];

    /// <summary>Statement dates oldest first: the last day of April … September 2005 (index 0 is BILL_AMT6).</summary>
    private static readonly LocalDate[] StatementDates =
        [.. Enumerable.Range(4, 6).Select(month => new LocalDate(2005, month, 1).PlusMonths(1).PlusDays(-1))];

    private static readonly string[] DelayColumns = ["PAY_0", "PAY_2", "PAY_3", "PAY_4", "PAY_5", "PAY_6"];

    public static IReadOnlyList<UciClient> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new UciFormatException($"{path}: no such file");
        }

        using var reader = new StreamReader(path);
        return Read(reader, Path.GetFileName(path));
    }

    public static IReadOnlyList<UciClient> Read(TextReader reader, string source)
    {
        var header = reader.ReadLine() ?? throw new UciFormatException($"{source}: the file is empty (no header row)");
        var names = header.Split(',').Select(n => n.Trim().Trim('"')).ToArray();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            if (!Columns.Contains(names[i]))
            {
                throw new UciFormatException($"{source}: row 1: unexpected column '{names[i]}'");
            }

            if (!index.TryAdd(names[i], i))
            {
                throw new UciFormatException($"{source}: row 1: column '{names[i]}' appears twice");
            }
        }

        var missing = Columns.Where(c => !index.ContainsKey(c)).ToArray();
        if (missing.Length > 0)
        {
            throw new UciFormatException($"{source}: row 1: missing column(s) {string.Join(", ", missing)}");
        }

        var clients = new List<UciClient>();
        var row = 1;
        while (reader.ReadLine() is { } line)
        {
            row++;
            if (line.Length == 0)
            {
                continue;
            }

            var cells = line.Split(',');
            if (cells.Length != names.Length)
            {
                throw new UciFormatException($"{source}: row {row}: {cells.Length} fields where the header has {names.Length}");
            }

            clients.Add(ToClient(new Row(source, row, cells, index)));
        }

        if (clients.Count == 0)
        {
            throw new UciFormatException($"{source}: no data rows");
        }

        return clients;
    }

    private static UciClient ToClient(Row r)
    {
        var statements = new MonthlyStatement[6];
        for (var i = 0; i < 6; i++)
        {
            // index 0 = April (BILL_AMT6, PAY_6), 5 = September (BILL_AMT1, PAY_0); its payment is the next month's PAY_AMT.
            var monthNumber = 6 - i;
            var bill = r.Long($"BILL_AMT{monthNumber}") * MinorPerUnit;
            var paid = monthNumber > 1 ? r.Long($"PAY_AMT{monthNumber - 1}") * MinorPerUnit : 0;
            var delay = r.Int(DelayColumns[monthNumber - 1]);
            statements[i] = new MonthlyStatement(StatementDates[i], bill, 0, paid, delay > 0 ? delay * 30 : 0);
        }

        var label = r.Int("default_payment_next_month") switch
        {
            0 => false,
            1 => true,
            _ => throw r.Error("default_payment_next_month", "is not 0 or 1"),
        };
        return new UciClient(
            r.Long("ID"),
            new AccountFacts(r.Long("LIMIT_BAL") * MinorPerUnit, CurrencyMinorUnits),
            StatementHistory.Of(statements),
            label,
            new SensitiveAttributes(r.Int("SEX"), r.Int("EDUCATION"), r.Int("MARRIAGE"), r.Int("AGE")));
    }

    /// <summary>A data row with every cell parsed up front, so a bad number is reported even in a column the features skip.</summary>
    private readonly struct Row
    {
        private readonly string _source;
        private readonly int _number;
        private readonly long[] _values;
        private readonly Dictionary<string, int> _index;

        public Row(string source, int number, string[] cells, Dictionary<string, int> index)
        {
            _source = source;
            _number = number;
            _index = index;
            _values = new long[cells.Length];
            foreach (var (column, i) in index)
            {
                var text = cells[i].Trim();
                // Amounts are whole dollars, but the shared export writes round ones as "2e+05".
                _values[i] = decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                    && value == decimal.Truncate(value) && value is >= -1_000_000_000_000m and <= 1_000_000_000_000m
                    ? (long)value
                    : throw Error(column, $"'{text}' is not a whole number");
            }
        }

        public long Long(string column) => _values[_index[column]];

        public int Int(string column)
        {
            var value = Long(column);
            return value is >= int.MinValue and <= int.MaxValue ? (int)value : throw Error(column, $"{value} is out of range");
        }

        public UciFormatException Error(string column, string problem) =>
            new($"{_source}: row {_number}, field {column}: {problem}");
    }
}
