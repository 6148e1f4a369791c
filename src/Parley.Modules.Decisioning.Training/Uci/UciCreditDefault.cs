using Parley.Modules.Decisioning.Features;

namespace Parley.Modules.Decisioning.Training.Uci;

/// <summary>The four sensitive columns: kept beside a row for the fairness audit, never handed to the feature pipeline.</summary>
public sealed record SensitiveAttributes(int Sex, int Education, int Marriage, int Age);

/// <summary>One UCI client mapped into the feature pipeline's input: the account facts and six statements (oldest first), and the label.</summary>
public sealed record UciClient(long Id, AccountFacts Facts, StatementMonth[] Statements, bool DefaultedNextMonth, SensitiveAttributes Sensitive);

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

    public static readonly IReadOnlyList<string> Columns = UciLayout.AllColumns;

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
        var layout = UciLayout.Parse(header, source, UciLayout.AllColumns);
        var clients = new List<UciClient>();
        var values = new long[layout.Width];
        var row = 1;
        while (reader.ReadLine() is { } line)
        {
            row++;
            if (line.Length == 0)
            {
                continue;
            }

            layout.ParseCells(line, source, row, values);
            var statements = new StatementMonth[UciLayout.Months];
            var facts = layout.Map(values, statements, source, row);
            var label = values[layout.Index("default_payment_next_month")] switch
            {
                0 => false,
                1 => true,
                _ => throw layout.Error(source, row, "default_payment_next_month", "is not 0 or 1"),
            };
            clients.Add(new UciClient(
                values[layout.Index("ID")],
                facts,
                statements,
                label,
                new SensitiveAttributes(Int(layout, values, source, row, "SEX"), Int(layout, values, source, row, "EDUCATION"), Int(layout, values, source, row, "MARRIAGE"), Int(layout, values, source, row, "AGE"))));
        }

        if (clients.Count == 0)
        {
            throw new UciFormatException($"{source}: no data rows");
        }

        return clients;
    }

    private static int Int(UciLayout layout, long[] values, string source, int row, string column)
    {
        var value = values[layout.Index(column)];
        return value is >= int.MinValue and <= int.MaxValue ? (int)value : throw layout.Error(source, row, column, $"{value} is out of range");
    }
}
