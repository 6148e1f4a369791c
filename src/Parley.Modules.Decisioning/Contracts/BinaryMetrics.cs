namespace Parley.Modules.Decisioning.Contracts;

/// <summary>One reliability bin: rows whose predicted probability falls in the bin, their mean prediction and observed rate.</summary>
public sealed record CalibrationBin(int Decile, int Rows, double MeanPredicted, double ObservedRate);

public sealed record BinaryMetrics(
    int Rows,
    int Positives,
    double Auc,
    double Brier,
    double LogLoss,
    double Accuracy,
    double ExpectedCalibrationError,
    IReadOnlyList<CalibrationBin> Calibration)
{
    /// <summary>Clamp for log loss so a confident miss costs a large finite amount, not infinity.</summary>
    private const double Epsilon = 1e-15;

    public static BinaryMetrics Compute(IReadOnlyList<bool> labels, IReadOnlyList<float> probabilities)
    {
        if (labels.Count != probabilities.Count || labels.Count == 0)
        {
            throw new ArgumentException("Need one probability per label and at least one row.", nameof(probabilities));
        }

        var rows = labels.Count;
        var positives = labels.Count(l => l);
        double brier = 0;
        double logLoss = 0;
        var correct = 0;
        for (var i = 0; i < rows; i++)
        {
            var p = (double)probabilities[i];
            var y = labels[i] ? 1.0 : 0.0;
            brier += (p - y) * (p - y);
            var clamped = Math.Clamp(p, Epsilon, 1 - Epsilon);
            logLoss -= (y * Math.Log(clamped)) + ((1 - y) * Math.Log(1 - clamped));
            correct += (p >= 0.5) == labels[i] ? 1 : 0;
        }

        var calibration = Deciles(labels, probabilities);
        var ece = calibration.Sum(b => b.Rows * Math.Abs(b.MeanPredicted - b.ObservedRate)) / rows;
        return new BinaryMetrics(rows, positives, AreaUnderRoc(labels, probabilities), brier / rows, logLoss / rows, (double)correct / rows, ece, calibration);
    }

    /// <summary>Area under the ROC curve by ranks (Mann–Whitney), ties counted half; NaN when one class is absent.</summary>
    public static double AreaUnderRoc(IReadOnlyList<bool> labels, IReadOnlyList<float> probabilities)
    {
        var order = Enumerable.Range(0, labels.Count).OrderBy(i => probabilities[i]).ToArray();
        double positiveRankSum = 0;
        long positives = 0;
        var i = 0;
        while (i < order.Length)
        {
            var j = i;
            while (j + 1 < order.Length && probabilities[order[j + 1]] == probabilities[order[i]])
            {
                j++;
            }

            var averageRank = ((i + j) / 2.0) + 1;
            for (var k = i; k <= j; k++)
            {
                if (labels[order[k]])
                {
                    positiveRankSum += averageRank;
                    positives++;
                }
            }

            i = j + 1;
        }

        var negatives = labels.Count - positives;
        return positives == 0 || negatives == 0
            ? double.NaN
            : (positiveRankSum - (positives * (positives + 1) / 2.0)) / ((double)positives * negatives);
    }

    /// <summary>Ten equal-count bins by predicted probability (the reliability table of the model card).</summary>
    public static IReadOnlyList<CalibrationBin> Deciles(IReadOnlyList<bool> labels, IReadOnlyList<float> probabilities)
    {
        var order = Enumerable.Range(0, labels.Count).OrderBy(i => probabilities[i]).ThenBy(i => i).ToArray();
        var bins = new List<CalibrationBin>(10);
        for (var d = 0; d < 10; d++)
        {
            var from = (int)((long)order.Length * d / 10);
            var to = (int)((long)order.Length * (d + 1) / 10);
            if (to == from)
            {
                continue;
            }

            var slice = order[from..to];
            bins.Add(new CalibrationBin(d + 1, slice.Length, slice.Average(i => (double)probabilities[i]), slice.Average(i => labels[i] ? 1.0 : 0.0)));
        }

        return bins;
    }
}
