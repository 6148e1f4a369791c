using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Parley.Modules.Decisioning.Scoring;

/// <summary>
/// A <see cref="FlatForest"/> laid out for batch scoring. Each tree is padded to a complete binary tree of its own
/// depth (a padded split has threshold +∞, so every row goes left, and a leaf's value is copied to all its padded
/// descendants), so a walk is exactly <c>depth</c> steps of <c>i = 2i + 1 + (x &gt; t)</c>: no branch to mispredict.
/// Trees are grouped by depth, so the step loop's trip count is the same for a whole group. Rows are scored in small
/// blocks tree by tree, so one tree's nodes stay in L1 while the block passes through it.
/// </summary>
public sealed class CompiledForest
{
    /// <summary>Rows scored together tree by tree: 64 rows × 19 features is under 5 KB, well inside L1.</summary>
    private const int BlockRows = 64;

    /// <summary>Rows one parallel task scores: large enough that scheduling costs nothing, small enough to balance two cores.</summary>
    private const int ChunkRows = 8192;

    private readonly int _featureCount;
    private readonly double _constant;
    private readonly double _slope;
    private readonly double _offset;
    private readonly Group[] _groups;
    private readonly int[] _splitFeature;
    private readonly float[] _threshold;
    private readonly float[] _leafValue;

    public CompiledForest(FlatForest forest)
    {
        ArgumentNullException.ThrowIfNull(forest);
        _featureCount = forest.FeatureCount;
        _slope = forest.PlattSlope;
        _offset = forest.PlattOffset;
        var constant = forest.Bias;
        var byDepth = new SortedDictionary<int, List<int>>();
        for (var t = 0; t < forest.TreeCount; t++)
        {
            var depth = Depth(forest, t, 0, 0);
            if (depth == 0)
            {
                // A single-leaf tree adds the same to every row.
                constant += forest.LeafValue[forest.LeafStart[t]];
                continue;
            }

            if (!byDepth.TryGetValue(depth, out var trees))
            {
                byDepth[depth] = trees = [];
            }

            trees.Add(t);
        }

        _constant = constant;
        var splits = new List<int>();
        var thresholds = new List<float>();
        var leaves = new List<float>();
        var groups = new List<Group>();
        foreach (var (depth, trees) in byDepth)
        {
            groups.Add(new Group(depth, trees.Count, splits.Count, leaves.Count));
            foreach (var t in trees)
            {
                var inner = (1 << depth) - 1;
                var feature = new int[inner];
                var threshold = new float[inner];
                var leaf = new float[inner + 1];
                Array.Fill(threshold, float.PositiveInfinity);
                Pad(forest, t, 0, 0, depth, feature, threshold, leaf);
                splits.AddRange(feature);
                thresholds.AddRange(threshold);
                leaves.AddRange(leaf);
            }
        }

        _groups = [.. groups];
        _splitFeature = [.. splits];
        _threshold = [.. thresholds];
        _leafValue = [.. leaves];
    }

    public int FeatureCount => _featureCount;

    /// <summary>Probabilities for rows laid out one after another (<c>rows × FeatureCount</c> floats), on one core.</summary>
    public void Score(ReadOnlySpan<float> features, Span<float> probabilities)
    {
        var rows = CheckShape(features, probabilities);
        Span<double> raw = stackalloc double[BlockRows];
        for (var start = 0; start < rows; start += BlockRows)
        {
            var count = Math.Min(BlockRows, rows - start);
            ScoreBlock(features.Slice(start * _featureCount, count * _featureCount), raw[..count]);
            for (var r = 0; r < count; r++)
            {
                probabilities[start + r] = (float)(1.0 / (1.0 + Math.Exp((_slope * raw[r]) + _offset)));
            }
        }
    }

    /// <summary>As <see cref="Score(ReadOnlySpan{float}, Span{float})"/>, chunks spread over all cores.</summary>
    public void ScoreParallel(float[] features, float[] probabilities)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(probabilities);
        var rows = CheckShape(features, probabilities);
        var chunks = (rows + ChunkRows - 1) / ChunkRows;
        Parallel.For(0, chunks, c =>
        {
            var start = c * ChunkRows;
            var count = Math.Min(ChunkRows, rows - start);
            Score(features.AsSpan(start * _featureCount, count * _featureCount), probabilities.AsSpan(start, count));
        });
    }

    private int CheckShape(ReadOnlySpan<float> features, Span<float> probabilities)
    {
        if (features.Length != probabilities.Length * _featureCount)
        {
            throw new ArgumentException($"Expected {_featureCount} features per probability.", nameof(features));
        }

        return probabilities.Length;
    }

    /// <summary>Raw scores of up to <see cref="BlockRows"/> rows. Indexes were validated when the forest was read, so the walk skips bounds checks.</summary>
    private void ScoreBlock(ReadOnlySpan<float> block, Span<double> raw)
    {
        raw.Fill(_constant);
        ref var x0 = ref MemoryMarshal.GetReference(block);
        ref var split0 = ref MemoryArrayStart(_splitFeature);
        ref var threshold0 = ref MemoryArrayStart(_threshold);
        ref var leaf0 = ref MemoryArrayStart(_leafValue);
        var rows = raw.Length;
        var width = _featureCount;
        foreach (var group in _groups)
        {
            var depth = group.Depth;
            var inner = (1 << depth) - 1;
            for (var t = 0; t < group.Trees; t++)
            {
                ref var split = ref Unsafe.Add(ref split0, group.NodeOffset + (t * inner));
                ref var threshold = ref Unsafe.Add(ref threshold0, group.NodeOffset + (t * inner));
                ref var leaf = ref Unsafe.Add(ref leaf0, group.LeafOffset + (t * (inner + 1)));
                for (var r = 0; r < rows; r++)
                {
                    ref var x = ref Unsafe.Add(ref x0, r * width);
                    var i = 0;
                    for (var level = 0; level < depth; level++)
                    {
                        // "Not at most", as ML.NET compares, so a NaN goes right there and here.
                        var goRight = !(Unsafe.Add(ref x, Unsafe.Add(ref split, i)) <= Unsafe.Add(ref threshold, i));
                        i = (2 * i) + 1 + Unsafe.BitCast<bool, byte>(goRight);
                    }

                    raw[r] += Unsafe.Add(ref leaf, i - inner);
                }
            }
        }
    }

    private static ref T MemoryArrayStart<T>(T[] array) => ref MemoryMarshal.GetArrayDataReference(array);

    private static int Depth(FlatForest forest, int tree, int node, int depth)
    {
        if (forest.NodeStart[tree + 1] == forest.NodeStart[tree] || node < 0)
        {
            return depth;
        }

        var n = forest.NodeStart[tree] + node;
        return Math.Max(Depth(forest, tree, forest.Left[n], depth + 1), Depth(forest, tree, forest.Right[n], depth + 1));
    }

    /// <summary>Copies the subtree at <paramref name="node"/> into complete-tree slot <paramref name="slot"/> (its level follows from the slot number).</summary>
    private static void Pad(FlatForest forest, int tree, int node, int slot, int depth, int[] feature, float[] threshold, float[] leaf)
    {
        var level = 31 - int.LeadingZeroCount(slot + 1);
        if (node < 0 || forest.NodeStart[tree + 1] == forest.NodeStart[tree])
        {
            var value = (float)forest.LeafValue[forest.LeafStart[tree] + (node < 0 ? ~node : 0)];
            // Every complete-tree leaf under this slot: padded splits send rows left, but all of them carry the value.
            var first = ((slot + 1) << (depth - level)) - 1;
            var count = 1 << (depth - level);
            Array.Fill(leaf, value, first - ((1 << depth) - 1), count);
            return;
        }

        var n = forest.NodeStart[tree] + node;
        feature[slot] = forest.SplitFeature[n];
        threshold[slot] = forest.Threshold[n];
        Pad(forest, tree, forest.Left[n], (2 * slot) + 1, depth, feature, threshold, leaf);
        Pad(forest, tree, forest.Right[n], (2 * slot) + 2, depth, feature, threshold, leaf);
    }

    private readonly record struct Group(int Depth, int Trees, int NodeOffset, int LeafOffset);
}
