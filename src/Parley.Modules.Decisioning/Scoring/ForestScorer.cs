using Parley.Modules.Decisioning.Contracts;
using Parley.Modules.Decisioning.EarlyWarning;
using Parley.Modules.Decisioning.Features;

namespace Parley.Modules.Decisioning.Scoring;

/// <summary>A factor that raised an account's risk: its stable reason code and plain-language text with the account's value.</summary>
public sealed record Reason(string Code, string Feature, string Text, double Contribution);

/// <summary>
/// Scores and explains a model's probabilities from its flat forest (early warning or propensity to pay, each with its
/// own <see cref="FeatureSet"/>); needs no ML.NET at run time.
/// Explanations use the Saabas path method: walking a row's path, each split's feature is credited with the change in
/// the subtree's expected value (leaf values weighted by how many training rows reached them). It is exact — the
/// contributions and the bias sum to the raw score — and costs one walk per tree, the same as scoring. TreeSHAP would
/// also split credit between features met on the same path fairly, but with trees of at most seven leaves the paths are
/// short and the two rank the leading factors alike; the reason codes only need that ranking.
/// </summary>
public sealed class ForestScorer
{
    public const int ReasonCount = 3;

    private readonly FlatForest _forest;

    private readonly FeatureSet _features;

    /// <summary>Expected raw value of each split node's subtree over the training rows, indexed like the forest's nodes.</summary>
    private readonly double[] _nodeExpectation;

    /// <summary>The forest's bias plus every tree's expected value: the raw score of an "average" training row.</summary>
    private readonly double _expectedRaw;

    /// <summary>A scorer over <paramref name="features"/> (the early-warning set when none is given).</summary>
    public ForestScorer(FlatForest forest, FeatureSet? features = null)
    {
        ArgumentNullException.ThrowIfNull(forest);
        _features = features ?? EarlyWarningFeatures.Set;
        if (forest.FeatureCount != _features.Count)
        {
            throw new ModelDirectoryException($"the forest reads {forest.FeatureCount} features; this build computes {_features.Count} for {_features.Version}");
        }

        _forest = forest;
        Compiled = new CompiledForest(forest);
        _nodeExpectation = new double[forest.SplitFeature.Length];
        var expected = forest.Bias;
        for (var t = 0; t < forest.TreeCount; t++)
        {
            expected += Expectation(t, 0).Value;
        }

        _expectedRaw = expected;
    }

    public CompiledForest Compiled { get; }

    public FeatureSet Features => _features;

    /// <summary>Loads the flat forest of a model directory, checking its format and content hash against the card.</summary>
    public static ForestScorer Load(string directory)
    {
        var card = ModelCards.ReadCard(directory);
        var path = Path.Combine(directory, FlatForest.FileName);
        if (!File.Exists(path))
        {
            throw new ModelDirectoryException($"{directory}: not a model directory (needs {FlatForest.FileName})");
        }

        if (!string.Equals(ModelCards.Sha256(path), card.ForestSha256, StringComparison.Ordinal))
        {
            throw new ModelDirectoryException($"{path}: content hash does not match the model card");
        }

        return new ForestScorer(FlatForest.Read(path));
    }

    public float Probability(ReadOnlySpan<float> features)
    {
        Span<float> probability = stackalloc float[1];
        Compiled.Score(features, probability);
        return probability[0];
    }

    /// <summary>The probability and the up to three factors that raised it most, largest first.</summary>
    public (float Probability, IReadOnlyList<Reason> Reasons) Explain(float[] features)
    {
        ArgumentNullException.ThrowIfNull(features);
        Span<double> contributions = stackalloc double[_features.Count];
        var raw = Contributions(features, contributions);
        return ((float)_forest.Probability(raw), TopReasons(features, contributions));
    }

    /// <summary>
    /// Per-feature contributions to the raw score (before the calibrator); returns the raw score, which equals
    /// <see cref="ExpectedRaw"/> plus the contributions.
    /// </summary>
    public double Contributions(ReadOnlySpan<float> features, Span<double> contributions)
    {
        if (features.Length != _features.Count || contributions.Length != _features.Count)
        {
            throw new ArgumentException($"Expected {_features.Count} features and contributions.", nameof(features));
        }

        contributions.Clear();
        var raw = _expectedRaw;
        var f = _forest;
        for (var t = 0; t < f.TreeCount; t++)
        {
            var start = f.NodeStart[t];
            if (f.NodeStart[t + 1] == start)
            {
                continue;
            }

            var node = 0;
            var before = _nodeExpectation[start];
            while (node >= 0)
            {
                var n = start + node;
                node = features[f.SplitFeature[n]] <= f.Threshold[n] ? f.Left[n] : f.Right[n];
                var after = node >= 0 ? _nodeExpectation[start + node] : f.LeafValue[f.LeafStart[t] + ~node];
                contributions[f.SplitFeature[n]] += after - before;
                raw += after - before;
                before = after;
            }
        }

        return raw;
    }

    /// <summary>The expected raw score of a row with no information: what the contributions are measured from.</summary>
    public double ExpectedRaw => _expectedRaw;

    /// <summary>Whether a positive raw contribution raises the probability (ML.NET's Platt slope is negative).</summary>
    private bool RawRaisesRisk => _forest.PlattSlope < 0;

    private IReadOnlyList<Reason> TopReasons(float[] features, ReadOnlySpan<double> contributions)
    {
        var sign = RawRaisesRisk ? 1.0 : -1.0;
        var definitions = _features.Definitions;
        var reasons = new List<Reason>(ReasonCount);
        Span<bool> taken = stackalloc bool[contributions.Length];
        for (var k = 0; k < ReasonCount; k++)
        {
            var best = -1;
            for (var i = 0; i < contributions.Length; i++)
            {
                // Ties go to the lower reason code, so the order is stable.
                if (!taken[i] && sign * contributions[i] > 0 && (best < 0 || sign * contributions[i] > sign * contributions[best]))
                {
                    best = i;
                }
            }

            if (best < 0)
            {
                break;
            }

            taken[best] = true;
            var d = definitions[best];
            reasons.Add(new Reason(d.ReasonCode, d.Name, d.Explain(features[best]), sign * contributions[best]));
        }

        return reasons;
    }

    /// <summary>Fills <see cref="_nodeExpectation"/> for the subtree at <paramref name="node"/>; returns its expected value and cover.</summary>
    private (double Value, long Cover) Expectation(int tree, int node)
    {
        var f = _forest;
        if (node < 0 || f.NodeStart[tree + 1] == f.NodeStart[tree])
        {
            var leaf = f.LeafStart[tree] + (node < 0 ? ~node : 0);
            return (f.LeafValue[leaf], f.LeafCover[leaf]);
        }

        var n = f.NodeStart[tree] + node;
        var (left, leftCover) = Expectation(tree, f.Left[n]);
        var (right, rightCover) = Expectation(tree, f.Right[n]);
        var cover = leftCover + rightCover;
        // No training row reached this split (cannot happen for the training rows' own trees): weigh both sides alike.
        var value = cover > 0 ? ((left * leftCover) + (right * rightCover)) / cover : (left + right) / 2;
        _nodeExpectation[n] = value;
        return (value, cover);
    }
}
