using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Parley.Modules.Care.Model;

namespace Parley.Modules.Care.Training;

/// <summary>ML.NET's L-BFGS logistic regression over Care's sparse features, pruned to its strongest weights; Platt calibration and the F1 threshold fitted on held-out margins.</summary>
public static class HeadTrainer
{
    private sealed class FeatureRow
    {
        public bool Label { get; set; }

        [VectorType(TextFeatures.Dimension)]
        public VBuffer<float> Features { get; set; }
    }

    public sealed record Fitted(int[] Indices, float[] Weights, float Bias)
    {
        public double Margin(SparseVector x)
        {
            double z = Bias;
            int i = 0, k = 0;
            while (i < Indices.Length && k < x.Indices.Length)
            {
                if (Indices[i] == x.Indices[k])
                {
                    z += Weights[i] * x.Values[k];
                    i++;
                    k++;
                }
                else if (Indices[i] < x.Indices[k])
                {
                    i++;
                }
                else
                {
                    k++;
                }
            }

            return z;
        }
    }

    /// <summary>Weights kept per head: enough for the signal, small enough that the model ships in a few MB.</summary>
    public const int KeptWeights = 4000;

    /// <summary>Weights kept per emotion head. 12,000 were tried on 2026-12-07: dev odd-row macro-F1 0.467 against 0.466, held-out 0.436 against 0.437, for a model twice the size.</summary>
    public const int KeptEmotionWeights = KeptWeights;

    public static Fitted Fit(MLContext ml, IReadOnlyList<SparseVector> x, IReadOnlyList<bool> y, float l2 = 0.5f, float l1 = 0.05f, int keep = KeptWeights)
    {
        if (y.All(v => v) || !y.Any(v => v))
        {
            // One class only: a constant head that never flags on its own.
            return new Fitted([], [], y.Any(v => v) ? 5f : -5f);
        }

        var rows = x.Select((v, i) => new FeatureRow { Label = y[i], Features = new VBuffer<float>(TextFeatures.Dimension, v.Indices.Length, v.Values, v.Indices) });

        // Cached: single-threaded L-BFGS streams the data on every evaluation, and re-reading the objects each pass was most of the training time.
        var data = ml.Data.Cache(ml.Data.LoadFromEnumerable(rows));
        var trainer = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            L2Regularization = l2,
            L1Regularization = l1,
            NumberOfThreads = 1,
            MaximumNumberOfIterations = 200,
        });
        var model = trainer.Fit(data);
        var linear = model.Model.SubModel;
        var weights = linear.Weights;
        var kept = Enumerable.Range(0, weights.Count)
            .Where(i => weights[i] != 0)
            .OrderByDescending(i => Math.Abs(weights[i]))
            .Take(keep)
            .Order()
            .ToArray();
        return new Fitted(kept, [.. kept.Select(i => weights[i])], linear.Bias);
    }

    /// <summary>Platt scaling: p = 1 / (1 + exp(A·margin + B)), fitted by Newton's method on Platt's smoothed targets.</summary>
    public static (double A, double B) Platt(IReadOnlyList<double> margins, IReadOnlyList<bool> y)
    {
        var positives = y.Count(v => v);
        var negatives = y.Count - positives;
        if (positives == 0 || negatives == 0)
        {
            return (-1, 0);
        }

        var hi = (positives + 1.0) / (positives + 2.0);
        var lo = 1.0 / (negatives + 2.0);
        double a = -1, b = 0;
        var loss = PlattLoss(margins, y, hi, lo, a, b);
        for (var iteration = 0; iteration < 100; iteration++)
        {
            double g1 = 0, g2 = 0, h11 = 1e-9, h22 = 1e-9, h21 = 0;
            for (var i = 0; i < margins.Count; i++)
            {
                var t = y[i] ? hi : lo;
                var p = LinearHead.Calibrate(margins[i], a, b);
                var d1 = t - p;
                var d2 = p * (1 - p);
                g1 += margins[i] * d1;
                g2 += d1;
                h11 += margins[i] * margins[i] * d2;
                h22 += d2;
                h21 += margins[i] * d2;
            }

            var det = (h11 * h22) - (h21 * h21);
            if (Math.Abs(det) < 1e-12)
            {
                break;
            }

            var da = -((h22 * g1) - (h21 * g2)) / det;
            var db = -((-h21 * g1) + (h11 * g2)) / det;

            // Newton with backtracking (Platt 1999; Lin, Lin and Weng 2007): a full step can overshoot on near-separable margins.
            var step = 1.0;
            var improved = false;
            while (step > 1e-10)
            {
                var next = PlattLoss(margins, y, hi, lo, a + (step * da), b + (step * db));
                if (next < loss - 1e-12)
                {
                    a += step * da;
                    b += step * db;
                    loss = next;
                    improved = true;
                    break;
                }

                step /= 2;
            }

            if (!improved || Math.Abs(step * da) + Math.Abs(step * db) < 1e-9)
            {
                break;
            }
        }

        return (a, b);
    }

    private static double PlattLoss(IReadOnlyList<double> margins, IReadOnlyList<bool> y, double hi, double lo, double a, double b)
    {
        double loss = 0;
        for (var i = 0; i < margins.Count; i++)
        {
            var t = y[i] ? hi : lo;
            var f = (a * margins[i]) + b;

            // log(1 + e^f) computed without overflow; p = 1 / (1 + e^f).
            var softplus = f > 0 ? f + Math.Log(1 + Math.Exp(-f)) : Math.Log(1 + Math.Exp(f));
            loss += (t * softplus) + ((1 - t) * (softplus - f));
        }

        return loss;
    }

    /// <summary>
    /// Stacking: the logistic regression p = σ(n·nGram + e·embedding + c) over two heads' margins, fitted by Newton's
    /// method (a touch of ridge keeps it defined when the margins are collinear). Fitted on out-of-fold margins.
    /// </summary>
    public static (double NGram, double Embedding, double Intercept) Stack(IReadOnlyList<double> nGram, IReadOnlyList<double> embedding, IReadOnlyList<bool> y)
    {
        if (y.All(v => v) || !y.Any(v => v))
        {
            return (1, 0, 0);
        }

        var w = new double[3] { 1, 0, 0 };
        for (var iteration = 0; iteration < 50; iteration++)
        {
            var g = new double[3];
            var h = new double[3, 3];
            for (var i = 0; i < y.Count; i++)
            {
                double[] x = [nGram[i], embedding[i], 1];
                var p = 1 / (1 + Math.Exp(-((w[0] * x[0]) + (w[1] * x[1]) + w[2])));
                var d = p - (y[i] ? 1 : 0);
                for (var j = 0; j < 3; j++)
                {
                    g[j] += d * x[j];
                    for (var k = 0; k < 3; k++)
                    {
                        h[j, k] += p * (1 - p) * x[j] * x[k];
                    }
                }
            }

            for (var j = 0; j < 2; j++)
            {
                g[j] += 1e-3 * w[j];
                h[j, j] += 1e-3;
            }

            var step = Solve3(h, g);
            for (var j = 0; j < 3; j++)
            {
                w[j] -= step[j];
            }

            if (step.Max(Math.Abs) < 1e-9)
            {
                break;
            }
        }

        return (w[0], w[1], w[2]);
    }

    /// <summary>Gaussian elimination with partial pivoting for the 3×3 Newton step.</summary>
    private static double[] Solve3(double[,] a, double[] b)
    {
        var m = new double[3, 4];
        for (var r = 0; r < 3; r++)
        {
            for (var c = 0; c < 3; c++)
            {
                m[r, c] = a[r, c];
            }

            m[r, 3] = b[r];
        }

        for (var c = 0; c < 3; c++)
        {
            var pivot = c;
            for (var r = c + 1; r < 3; r++)
            {
                if (Math.Abs(m[r, c]) > Math.Abs(m[pivot, c]))
                {
                    pivot = r;
                }
            }

            for (var k = 0; k < 4; k++)
            {
                (m[c, k], m[pivot, k]) = (m[pivot, k], m[c, k]);
            }

            if (Math.Abs(m[c, c]) < 1e-12)
            {
                return new double[3];
            }

            for (var r = 0; r < 3; r++)
            {
                if (r != c)
                {
                    var f = m[r, c] / m[c, c];
                    for (var k = 0; k < 4; k++)
                    {
                        m[r, k] -= f * m[c, k];
                    }
                }
            }
        }

        return [m[0, 3] / m[0, 0], m[1, 3] / m[1, 1], m[2, 3] / m[2, 2]];
    }

    /// <summary>The highest probability at which recall on held-out rows is still at least <paramref name="recall"/>: for a label whose miss costs more than a false alarm.</summary>
    public static double RecallThreshold(IReadOnlyList<double> probabilities, IReadOnlyList<bool> y, double recall)
    {
        var positives = probabilities.Where((_, i) => y[i]).OrderDescending().ToList();
        if (positives.Count == 0)
        {
            return 0.5;
        }

        var needed = (int)Math.Ceiling(recall * positives.Count);
        return Math.Round(positives[Math.Max(needed - 1, 0)] - 1e-6, 6);
    }

    /// <summary>The probability that maximises F1 on held-out rows (the lowest among ties), within [floor, 0.9].</summary>
    public static double F1Threshold(IReadOnlyList<double> probabilities, IReadOnlyList<bool> y, double floor = 0.05)
    {
        if (!y.Any(v => v))
        {
            return 0.5;
        }

        // One sweep from the highest probability down: at each distinct value, the counts flagged at "p >= value".
        var order = Enumerable.Range(0, probabilities.Count).OrderByDescending(i => probabilities[i]).ToArray();
        var positives = y.Count(v => v);
        var candidates = new List<(double Threshold, double F1)>();
        int truePositives = 0, flaggedCount = 0;
        for (var k = 0; k < order.Length; k++)
        {
            flaggedCount++;
            if (y[order[k]])
            {
                truePositives++;
            }

            var value = probabilities[order[k]];
            if (k + 1 < order.Length && probabilities[order[k + 1]] == value)
            {
                continue;
            }

            if (value >= floor && value <= 0.9)
            {
                var precision = (double)truePositives / flaggedCount;
                var recall = (double)truePositives / positives;
                candidates.Add((value, precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)));
            }
        }

        var best = (F1: -1.0, Threshold: 0.5);
        foreach (var (threshold, f1) in candidates.OrderBy(c => c.Threshold))
        {
            if (f1 > best.F1 + 1e-12)
            {
                best = (f1, threshold);
            }
        }

        return best.F1 < 0 ? 0.5 : Math.Round(best.Threshold - 1e-6, 6);
    }

    /// <summary>
    /// The threshold for what a person is shown — the rules' flag OR the model's — chosen on held-out rows: the one that
    /// maximises F1 of the combined flag, never below <paramref name="floor"/> (the model-alone choice). A row a rule
    /// flags is flagged at every threshold, so only the model's extra flags are weighed; when none of them helps,
    /// <see cref="LinearHead.RulesAlone"/>. Among ties the higher threshold wins (fewer flags a person must dismiss).
    /// </summary>
    public static double ShownThreshold(IReadOnlyList<double> probabilities, IReadOnlyList<bool> ruleFlagged, IReadOnlyList<bool> y, double floor)
    {
        var positives = y.Count(v => v);
        int ruleTruePositives = 0, ruleFlaggedCount = 0;
        for (var i = 0; i < y.Count; i++)
        {
            if (ruleFlagged[i])
            {
                ruleFlaggedCount++;
                ruleTruePositives += y[i] ? 1 : 0;
            }
        }

        static double F1(int tp, int flagged, int positives) => tp == 0 ? 0 : 2.0 * tp / (flagged + positives);

        // Start from the rules alone, then sweep the rows no rule flags from the highest probability down.
        var best = (F1: F1(ruleTruePositives, ruleFlaggedCount, positives), Threshold: LinearHead.RulesAlone);
        var order = Enumerable.Range(0, y.Count).Where(i => !ruleFlagged[i] && probabilities[i] >= floor).OrderByDescending(i => probabilities[i]).ToArray();
        int truePositives = ruleTruePositives, flaggedCount = ruleFlaggedCount;
        for (var k = 0; k < order.Length; k++)
        {
            flaggedCount++;
            truePositives += y[order[k]] ? 1 : 0;
            var value = probabilities[order[k]];
            if (k + 1 < order.Length && probabilities[order[k + 1]] == value)
            {
                continue;
            }

            var f1 = F1(truePositives, flaggedCount, positives);
            if (f1 > best.F1 + 1e-12)
            {
                best = (f1, Math.Max(floor, Math.Round(value - 1e-6, 6)));
            }
        }

        return best.Threshold;
    }

    /// <summary>Mean log loss of calibrated probabilities: how a regularisation strength is chosen out of fold (lower is better).</summary>
    public static double LogLoss(IReadOnlyList<double> probabilities, IReadOnlyList<bool> y)
    {
        double loss = 0;
        for (var i = 0; i < y.Count; i++)
        {
            var p = Math.Clamp(probabilities[i], 1e-6, 1 - 1e-6);
            loss -= y[i] ? Math.Log(p) : Math.Log(1 - p);
        }

        return loss / Math.Max(y.Count, 1);
    }
}
