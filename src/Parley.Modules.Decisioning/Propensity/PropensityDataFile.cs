using System.Globalization;
using System.Text;
using NodaTime;
using NodaTime.Text;
using Parley.Modules.Decisioning.Contracts;
using Parley.Modules.Decisioning.Features;

namespace Parley.Modules.Decisioning.Propensity;

/// <summary>One labelled account of a propensity data file: its reference, facts and whether it paid within 30 days.</summary>
public sealed record PropensityExample(string Reference, PropensityFacts Facts, bool PaidWithin30Days);

/// <summary>
/// The propensity training file (docs/models.md): one account per row, its <see cref="PropensityFacts"/> in plain
/// columns — dates ISO, amounts in minor units, the latest six statements in slots s1 (oldest) to s6, empty when the
/// account has fewer — and the label <c>paid_within_30d</c> (0 or 1). Written by <c>parley demo outcomes</c>, read
/// by <c>parley model train --kind propensity</c>; every column is required and no other is allowed.
/// </summary>
public static class PropensityDataFile
{
    public const string Label = "paid_within_30d";

    private static readonly string[] FactColumns =
    [
        "reference", "as_of", "minor_units", "balance_minor", "days_past_due", "charge_off_date", "last_payment_date",
        "first_statement_date", "payments_90d", "paid_90d_minor", "active_holds", "consented_channels",
    ];

    public static IReadOnlyList<string> Columns { get; } =
        [.. FactColumns, .. Enumerable.Range(1, PropensityFacts.StatementsKept).SelectMany(k => new[] { $"s{k}_due_minor", $"s{k}_paid_minor", $"s{k}_days_past_due" }), Label];

    public static string Header => string.Join(',', Columns);

    public static string Row(PropensityExample example)
    {
        ArgumentNullException.ThrowIfNull(example);
        var f = example.Facts;
        var c = CultureInfo.InvariantCulture;
        var cells = new List<string>(Columns.Count)
        {
            example.Reference, Date(f.AsOf), f.MinorUnits.ToString(c), f.BalanceMinor.ToString(c), f.DaysPastDue.ToString(c),
            Date(f.ChargeOffDate), Date(f.LastPaymentDate), Date(f.FirstStatementDate), f.Payments90Days.ToString(c),
            f.Paid90DaysMinor.ToString(c), f.ActiveHolds.ToString(c), f.ConsentedChannels.ToString(c),
        };
        var empty = PropensityFacts.StatementsKept - f.Statements.Count;
        for (var k = 0; k < PropensityFacts.StatementsKept; k++)
        {
            if (k < empty)
            {
                cells.AddRange(["", "", ""]);
                continue;
            }

            var m = f.Statements[k - empty];
            cells.AddRange([m.AmountDueMinor.ToString(c), m.AmountPaidMinor.ToString(c), m.DaysPastDue.ToString(c)]);
        }

        cells.Add(example.PaidWithin30Days ? "1" : "0");
        return string.Join(',', cells);
    }

    /// <summary>Writes the rows under a temporary name and renames it into place, so a failed run leaves no file.</summary>
    public static int Write(string path, IEnumerable<PropensityExample> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var partial = path + ".partial";
        var rows = 0;
        try
        {
            using (var writer = new StreamWriter(partial, false, new UTF8Encoding(false)))
            {
                writer.WriteLine(Header);
                foreach (var example in examples)
                {
                    writer.WriteLine(Row(example));
                    rows++;
                }
            }

            File.Move(partial, path, overwrite: true);
            return rows;
        }
        finally
        {
            File.Delete(partial);
        }
    }

    public static IReadOnlyList<PropensityExample> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new PropensityFormatException($"{path}: no such file");
        }

        using var reader = new StreamReader(path);
        return Read(reader, Path.GetFileName(path));
    }

    public static IReadOnlyList<PropensityExample> Read(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var header = reader.ReadLine() ?? throw new PropensityFormatException($"{source}: the file is empty (no header row)");
        var names = header.Split(',').Select(h => h.Trim()).ToArray();
        var missing = Columns.Except(names, StringComparer.Ordinal).ToArray();
        if (missing.Length > 0)
        {
            throw new PropensityFormatException($"{source}: row 1: missing column(s) {string.Join(", ", missing)}");
        }

        var extra = names.Except(Columns, StringComparer.Ordinal).ToArray();
        if (extra.Length > 0 || names.Length != Columns.Count)
        {
            throw new PropensityFormatException($"{source}: row 1: unexpected column(s) {string.Join(", ", extra.Length > 0 ? extra : ["(a repeated column)"])}");
        }

        var index = names.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i, StringComparer.Ordinal);
        var examples = new List<PropensityExample>();
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
                throw new PropensityFormatException($"{source}: row {row}: {cells.Length} cells, the header has {names.Length}");
            }

            examples.Add(ParseRow(new Cells(cells, index, source, row)));
        }

        if (examples.Count == 0)
        {
            throw new PropensityFormatException($"{source}: no data rows after the header");
        }

        return examples;
    }

    private static PropensityExample ParseRow(Cells cells)
    {
        var statements = new List<StatementMonth>(PropensityFacts.StatementsKept);
        for (var k = 1; k <= PropensityFacts.StatementsKept; k++)
        {
            var due = cells.OptionalLong($"s{k}_due_minor");
            var paid = cells.OptionalLong($"s{k}_paid_minor");
            var dpd = cells.OptionalLong($"s{k}_days_past_due");
            if (due is null && paid is null && dpd is null)
            {
                if (statements.Count > 0)
                {
                    throw cells.Error($"s{k}_due_minor", "is empty after a filled statement slot (slots fill from s6 backwards)");
                }

                continue;
            }

            statements.Add(new StatementMonth(
                due ?? throw cells.Error($"s{k}_due_minor", "is empty while the slot's other cells are filled"),
                paid ?? throw cells.Error($"s{k}_paid_minor", "is empty while the slot's other cells are filled"),
                (int)(dpd ?? throw cells.Error($"s{k}_days_past_due", "is empty while the slot's other cells are filled"))));
        }

        var label = cells.Long(Label) switch
        {
            0 => false,
            1 => true,
            _ => throw cells.Error(Label, "is not 0 or 1"),
        };
        var reference = cells.Text("reference");
        var facts = new PropensityFacts(
            cells.Date("as_of") ?? throw cells.Error("as_of", "is empty"),
            (int)cells.Long("minor_units", 0, 4),
            cells.Long("balance_minor", 0),
            (int)cells.Long("days_past_due", 0, 100_000),
            cells.Date("charge_off_date"),
            cells.Date("last_payment_date"),
            cells.Date("first_statement_date"),
            statements,
            (int)cells.Long("payments_90d", 0, 10_000),
            cells.Long("paid_90d_minor", 0),
            (int)cells.Long("active_holds", 0, 100),
            (int)cells.Long("consented_channels", 0, 100));
        return new PropensityExample(reference, facts, label);
    }

    private static string Date(LocalDate? date) => date is { } d ? LocalDatePattern.Iso.Format(d) : "";

    private readonly record struct Cells(string[] Values, Dictionary<string, int> Index, string Source, int Row)
    {
        public PropensityFormatException Error(string field, string problem) =>
            new($"{Source}: row {Row}, field {field}: {problem}");

        public string Text(string field) => Values[Index[field]].Trim();

        public long Long(string field, long min = long.MinValue, long max = long.MaxValue) =>
            OptionalLong(field, min, max) ?? throw Error(field, "is empty");

        public long? OptionalLong(string field, long min = long.MinValue, long max = long.MaxValue)
        {
            var text = Text(field);
            if (text.Length == 0)
            {
                return null;
            }

            if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                throw Error(field, $"'{text}' is not a whole number");
            }

            return value < min || value > max ? throw Error(field, $"{value} is out of range ({min}..{max})") : value;
        }

        public LocalDate? Date(string field)
        {
            var text = Text(field);
            if (text.Length == 0)
            {
                return null;
            }

            var parsed = LocalDatePattern.Iso.Parse(text);
            return parsed.Success ? parsed.Value : throw Error(field, $"'{text}' is not a date (YYYY-MM-DD)");
        }
    }
}
