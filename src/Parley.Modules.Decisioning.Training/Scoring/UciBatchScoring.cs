using System.Diagnostics;
using System.Globalization;
using System.Text;
using Parley.Modules.Decisioning.Features;
using Parley.Modules.Decisioning.Scoring;
using Parley.Modules.Decisioning.Training.Uci;
using Parley.SharedKernel;

namespace Parley.Modules.Decisioning.Training.Scoring;

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
    public static readonly IReadOnlyList<string> RequiredColumns = UciLayout.FeatureColumns;

    /// <summary>UCI columns a file may carry and scoring ignores (the ID is copied to the output); any other column is refused.</summary>
    public static readonly IReadOnlyList<string> OptionalColumns = [.. UciLayout.AllColumns.Except(UciLayout.FeatureColumns)];

    /// <summary>Lines read before a chunk is scored: enough to keep two cores busy, few enough to stay a few megabytes.</summary>
    private const int ChunkLines = 16_384;

    /// <summary>Scores with the model directory's forest (only its forest.bin and card are read).</summary>
    public static BatchScoringResult Run(string modelDirectory, string inputPath, string outputPath) =>
        Run(ForestScorer.Load(modelDirectory), inputPath, outputPath);

    public static BatchScoringResult Run(ForestScorer scorer, string inputPath, string outputPath)
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
                var header = UciLayout.Parse(reader.ReadLine() ?? throw new UciFormatException($"{source}: the file is empty (no header row)"), source, RequiredColumns);
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

    private static void ScoreChunk(ForestScorer scorer, UciLayout header, string source, string[] lines, int[] numbers, int count, string[] output)
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

    /// <summary>Parses one line into <paramref name="features"/> through the same row mapping and feature code as training; returns the ID cell, if any.</summary>
    private static string? ParseFeatures(UciLayout layout, string source, string line, int number, float[] features)
    {
        Span<long> values = stackalloc long[layout.Width];
        layout.ParseCells(line, source, number, values);
        Span<StatementMonth> statements = stackalloc StatementMonth[UciLayout.Months];
        var facts = layout.Map(values, statements, source, number);
        EarlyWarningFeatures.Compute(facts, statements, features);
        return layout.IdIndex >= 0 ? Cell(line, layout.IdIndex) : null;
    }

    private static string Cell(string line, int index)
    {
        var rest = line.AsSpan();
        for (var i = 0; i < index; i++)
        {
            rest = rest[(rest.IndexOf(',') + 1)..];
        }

        var comma = rest.IndexOf(',');
        return (comma < 0 ? rest : rest[..comma]).Trim().ToString();
    }

    private static string Line(int number, string? id, float probability, IReadOnlyList<Reason> reasons)
    {
        var line = new StringBuilder(160);
        var c = CultureInfo.InvariantCulture;
        line.Append(number.ToString(c)).Append(',');
        if (id is not null)
        {
            line.Append(CsvCells.Cell(id)).Append(',');
        }

        line.Append(probability.ToString("0.000000", c));
        for (var k = 0; k < ForestScorer.ReasonCount; k++)
        {
            line.Append(',');
            if (k < reasons.Count)
            {
                // Texts may hold a comma ("credit limit of 50,000"): quote the cell.
                line.Append(CsvCells.Quoted($"{reasons[k].Code}: {reasons[k].Text}"));
            }
        }

        return line.Append('\n').ToString();
    }
}
