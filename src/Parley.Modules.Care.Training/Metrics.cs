namespace Parley.Modules.Care.Training;

/// <summary>A figure and its 95 % bootstrap interval.</summary>
public sealed record Interval(double Value, double Low, double High);

/// <summary>Precision, recall and F1 of one label on one set, with bootstrap intervals, and its support.</summary>
public sealed record LabelMetrics(string Label, int Rows, int Positives, int Flagged, Interval Precision, Interval Recall, Interval F1);

/// <summary>One bin of a reliability table: rows whose probability fell in it, the mean probability and the observed rate.</summary>
public sealed record ReliabilityBin(double From, double To, int Rows, double MeanPredicted, double ObservedRate);

public static class Metrics
{
    public const int BootstrapResamples = 1000;

    public static (double Precision, double Recall, double F1) Prf(IReadOnlyList<bool> truth, IReadOnlyList<bool> flagged, IReadOnlyList<int>? sample = null)
    {
        int tp = 0, fp = 0, fn = 0;
        var n = sample?.Count ?? truth.Count;
        for (var k = 0; k < n; k++)
        {
            var i = sample?[k] ?? k;
            if (flagged[i] && truth[i])
            {
                tp++;
            }
            else if (flagged[i])
            {
                fp++;
            }
            else if (truth[i])
            {
                fn++;
            }
        }

        var precision = tp + fp == 0 ? 0 : (double)tp / (tp + fp);
        var recall = tp + fn == 0 ? 0 : (double)tp / (tp + fn);
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return (precision, recall, f1);
    }

    /// <summary>Percentile bootstrap over rows (seeded, so a card is reproducible).</summary>
    public static LabelMetrics Label(string label, IReadOnlyList<bool> truth, IReadOnlyList<bool> flagged, int seed)
    {
        var point = Prf(truth, flagged);
        var random = new Random(seed);
        var ps = new double[BootstrapResamples];
        var rs = new double[BootstrapResamples];
        var fs = new double[BootstrapResamples];
        var sample = new int[truth.Count];
        for (var b = 0; b < BootstrapResamples; b++)
        {
            for (var k = 0; k < sample.Length; k++)
            {
                sample[k] = random.Next(truth.Count);
            }

            (ps[b], rs[b], fs[b]) = Prf(truth, flagged, sample);
        }

        return new LabelMetrics(label, truth.Count, truth.Count(t => t), flagged.Count(f => f),
            Interval(point.Precision, ps), Interval(point.Recall, rs), Interval(point.F1, fs));
    }

    /// <summary>Macro-F1 over labels with its bootstrap interval (rows resampled jointly for every label).</summary>
    public static Interval MacroF1(IReadOnlyList<IReadOnlyList<bool>> truths, IReadOnlyList<IReadOnlyList<bool>> flags, int seed)
    {
        var n = truths[0].Count;
        double Macro(IReadOnlyList<int>? sample) => truths.Select((t, l) => Prf(t, flags[l], sample).F1).Average();
        var random = new Random(seed);
        var values = new double[BootstrapResamples];
        var sample = new int[n];
        for (var b = 0; b < BootstrapResamples; b++)
        {
            for (var k = 0; k < n; k++)
            {
                sample[k] = random.Next(n);
            }

            values[b] = Macro(sample);
        }

        return Interval(Macro(null), values);
    }

    private static Interval Interval(double value, double[] resampled)
    {
        Array.Sort(resampled);
        return new Interval(Math.Round(value, 4), Math.Round(resampled[(int)(0.025 * resampled.Length)], 4), Math.Round(resampled[(int)(0.975 * resampled.Length) - 1], 4));
    }

    public static IReadOnlyList<ReliabilityBin> Reliability(IReadOnlyList<bool> truth, IReadOnlyList<double> probability, int bins = 10)
    {
        var table = new List<ReliabilityBin>();
        for (var b = 0; b < bins; b++)
        {
            var from = (double)b / bins;
            var to = (double)(b + 1) / bins;
            var rows = Enumerable.Range(0, truth.Count).Where(i => probability[i] >= from && (probability[i] < to || (b == bins - 1 && probability[i] <= to))).ToList();
            if (rows.Count > 0)
            {
                table.Add(new ReliabilityBin(from, to, rows.Count, Math.Round(rows.Average(i => probability[i]), 4), Math.Round(rows.Average(i => truth[i] ? 1.0 : 0.0), 4)));
            }
        }

        return table;
    }

    public static double ExpectedCalibrationError(IReadOnlyList<bool> truth, IReadOnlyList<double> probability) =>
        Math.Round(Reliability(truth, probability).Sum(b => (double)b.Rows / truth.Count * Math.Abs(b.MeanPredicted - b.ObservedRate)), 4);
}
