using System.Diagnostics;
using System.Globalization;
using System.Text;
using NodaTime;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Decisioning.Features;
using Parley.Modules.Decisioning.Uci;

namespace Parley.Modules.Decisioning.Scoring;

/// <summary>What a batch scoring run did.</summary>
public sealed record BatchScoringResult(int Rows, double Seconds)
{
    public double RowsPerSecond => Rows / Math.Max(Seconds, 1e-9);
}

/// <summary>
/// Scores a UCI-format CSV into <c>row,[ID,]probability,reason_1,reason_2,reason_3</c>, streaming: lines are read in
/// chunks, each chunk is parsed, featurised, scored and explained on all cores, then written in order. The output goes
/// to a temporary file beside the target and is renamed over it only when every row scored, so a bad row leaves no
/// half-written file. <c>row</c> is the input line number (the header is line 1), as in error messages.
/// </summary>
public static class UciBatchScoring
{
    /// <summary>The columns the features read; a file without any of them cannot be scored.</summary>
    public static readonly IReadOnlyList<string> RequiredColumns =
    [
        "LIMIT_BAL", "PAY_0", "PAY_2", "PAY_3", "PAY_4", "PAY_5", "PAY_6",
        "BILL_AMT1", "BILL_AMT2", "BILL_AMT3", "BILL_AMT4", "BILL_AMT5", "BILL_AMT6",
        "PAY_AMT1", "PAY_AMT2", "PAY_AMT3", "PAY_AMT4", "PAY_AMT5", "PAY_AMT6",
    ];

    /// <summary>UCI columns a file may carry and scoring ignores (the ID is copied to the output); any other column is refused.</summary>
    public static readonly IReadOnlyList<string> OptionalColumns = ["ID", "SEX", "EDUCATION", "MARRIAGE", "AGE", "default_payment_next_month"];

    /// <summary>Lines read before a chunk is scored: enough to keep two cores busy, few enough to stay a few megabytes.</summary>
    private const int ChunkLines = 16_384;

    /// <summary>The UCI reader's statement dates, April to September 2005 month ends.</summary>
    private static readonly LocalDate[] Dates = [.. Enumerable.Range(4, 6).Select(month => new LocalDate(2005, month, 1).PlusMonths(1).PlusDays(-1))];

    public static BatchScoringResult Run(EarlyWarningScorer scorer, string inputPath, string outputPath)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        if (!File.Exists(inputPath))
        {
            throw new UciFormatException($"{inputPath}: no such file");
        }

        var started = Stopwatch.GetTimestamp();
        var source = Path.GetFileName(inputPath);
        var target = Path.GetFullPath(outputPath);
        var temporary = $"{target}.partial-{Environment.ProcessId}";
        var rows = 0;
        try
        {
            using (var reader = new StreamReader(inputPath, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16))
            using (var writer = new StreamWriter(temporary, append: false, new UTF8Encoding(false), bufferSize: 1 << 16))
            {
                var header = Header.Parse(reader.ReadLine() ?? throw new UciFormatException($"{source}: the file is empty (no header row)"), source);
                writer.Write(header.IdIndex >= 0 ? "row,ID,probability,reason_1,reason_2,reason_3\n" : "row,probability,reason_1,reason_2,reason_3\n");
                var lines = new string[ChunkLines];
                var numbers = new int[ChunkLines];
                var output = new string[ChunkLines];
                var lineNumber = 1;
                while (true)
                {
                    var count = 0;
                    while (count < ChunkLines && reader.ReadLine() is { } line)
                    {
                        lineNumber++;
                        if (line.Length == 0)
                        {
                            continue;
                        }

                        lines[count] = line;
                        numbers[count] = lineNumber;
                        count++;
                    }

                    if (count == 0)
                    {
                        break;
                    }

                    ScoreChunk(scorer, header, source, lines, numbers, count, output);
                    for (var i = 0; i < count; i++)
                    {
                        writer.Write(output[i]);
                    }

                    rows += count;
                }
            }

            if (rows == 0)
            {
                throw new UciFormatException($"{source}: no data rows");
            }

            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        return new BatchScoringResult(rows, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    private static void ScoreChunk(EarlyWarningScorer scorer, Header header, string source, string[] lines, int[] numbers, int count, string[] output)
    {
        var errors = new UciFormatException?[count];
        Parallel.For(0, count, () => new float[EarlyWarningFeatures.FeatureCount], (i, _, features) =>
        {
            try
            {
                var id = ParseFeatures(header, source, lines[i], numbers[i], features);
                var (probability, reasons) = scorer.Explain(features);
                output[i] = Line(numbers[i], id, probability, reasons);
            }
            catch (UciFormatException e)
            {
                errors[i] = e;
            }

            return features;
        }, _ => { });

        // Report the first bad row of the chunk, whichever core found it first.
        if (errors.FirstOrDefault(e => e is not null) is { } error)
        {
            throw error;
        }
    }

    /// <summary>Parses one line into <paramref name="features"/> through the same statement mapping and feature code as training; returns the ID cell, if any.</summary>
    private static string? ParseFeatures(Header header, string source, string line, int number, float[] features)
    {
        Span<long> values = stackalloc long[header.Width];
        var rest = line.AsSpan();
        string? id = null;
        for (var i = 0; i < header.Width; i++)
        {
            var comma = rest.IndexOf(',');
            if ((comma < 0) != (i == header.Width - 1))
            {
                throw new UciFormatException($"{source}: row {number}: {line.Split(',').Length} fields where the header has {header.Width}");
            }

            var cell = comma < 0 ? rest : rest[..comma];
            values[i] = Whole(cell, source, number, header.Names[i]);
            id = i == header.IdIndex ? cell.Trim().ToString() : id;
            rest = comma < 0 ? [] : rest[(comma + 1)..];
        }

        var statements = new MonthlyStatement[6];
        for (var i = 0; i < 6; i++)
        {
            // As UciCreditDefault maps a row: index 0 = April (BILL_AMT6, PAY_6), 5 = September; a month's payment is the next month's PAY_AMT.
            var month = 6 - i;
            var bill = values[header.Bill[month - 1]] * 100;
            var paid = month > 1 ? values[header.Paid[month - 2]] * 100 : 0;
            var delay = values[header.Delay[month - 1]];
            if (delay is < -2 or > 9)
            {
                throw new UciFormatException($"{source}: row {number}, field {header.Names[header.Delay[month - 1]]}: {delay} is not a repayment status (-2 to 9)");
            }

            statements[i] = new MonthlyStatement(Dates[i], bill, 0, paid, delay > 0 ? (int)delay * 30 : 0);
        }

        EarlyWarningFeatures.Compute(new AccountFacts(values[header.Limit] * 100, UciCreditDefault.CurrencyMinorUnits), StatementHistory.Of(statements), features);
        return id;
    }

    private static long Whole(ReadOnlySpan<char> cell, string source, int number, string column)
    {
        var text = cell.Trim();
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) && Math.Abs(whole) <= 1_000_000_000_000)
        {
            return whole;
        }

        // The shared export writes round amounts as "2e+05", as the training reader accepts.
        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            && value == decimal.Truncate(value) && value is >= -1_000_000_000_000m and <= 1_000_000_000_000m
            ? (long)value
            : throw new UciFormatException($"{source}: row {number}, field {column}: '{text}' is not a whole number");
    }

    private static string Line(int number, string? id, float probability, IReadOnlyList<Reason> reasons)
    {
        var line = new StringBuilder(160);
        var c = CultureInfo.InvariantCulture;
        line.Append(number.ToString(c)).Append(',');
        if (id is not null)
        {
            line.Append(id).Append(',');
        }

        line.Append(probability.ToString("0.000000", c));
        for (var k = 0; k < EarlyWarningScorer.ReasonCount; k++)
        {
            line.Append(',');
            if (k < reasons.Count)
            {
                // Texts may hold a comma ("credit limit of 50,000"): quote the cell.
                line.Append('"').Append(reasons[k].Code).Append(": ").Append(reasons[k].Text.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
        }

        return line.Append('\n').ToString();
    }

    private sealed class Header
    {
        private Header(string[] names, Dictionary<string, int> index)
        {
            Names = names;
            IdIndex = index.GetValueOrDefault("ID", -1);
            Limit = index["LIMIT_BAL"];
            Delay = [index["PAY_0"], .. Enumerable.Range(2, 5).Select(m => index[$"PAY_{m}"])];
            Bill = [.. Enumerable.Range(1, 6).Select(m => index[$"BILL_AMT{m}"])];
            Paid = [.. Enumerable.Range(1, 6).Select(m => index[$"PAY_AMT{m}"])];
        }

        public string[] Names { get; }

        public int IdIndex { get; }

        public int Width => Names.Length;

        public int Limit { get; }

        /// <summary>Cell indexes of PAY_0, PAY_2 … PAY_6 (September back to April).</summary>
        public int[] Delay { get; }

        /// <summary>Cell indexes of BILL_AMT1 … BILL_AMT6.</summary>
        public int[] Bill { get; }

        /// <summary>Cell indexes of PAY_AMT1 … PAY_AMT6.</summary>
        public int[] Paid { get; }

        public static Header Parse(string line, string source)
        {
            var names = line.Split(',').Select(n => n.Trim().Trim('"')).ToArray();
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < names.Length; i++)
            {
                if (!RequiredColumns.Contains(names[i]) && !OptionalColumns.Contains(names[i]))
                {
                    throw new UciFormatException($"{source}: row 1: unexpected column '{names[i]}'");
                }

                if (!index.TryAdd(names[i], i))
                {
                    throw new UciFormatException($"{source}: row 1: column '{names[i]}' appears twice");
                }
            }

            var missing = RequiredColumns.Where(c => !index.ContainsKey(c)).ToArray();
            return missing.Length > 0
                ? throw new UciFormatException($"{source}: row 1: missing column(s) {string.Join(", ", missing)}")
                : new Header(names, index);
        }
    }
}
