using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Parley.Modules.Decisioning.Scoring;

/// <summary>
/// A <see cref="FlatForest"/> laid out for batch scoring, two ways. With AVX2 and trees of at most eight leaves (the
/// early-warning model has seven), eight rows are scored at once by the QuickScorer method: the rows are transposed so
/// one vector holds a feature of all eight, every split is one vector compare, and a row that goes right at a split
/// loses the leaves of its left subtree from an 8-bit candidate set; the exit leaf is the leftmost survivor, and its
/// value comes from one in-register permute of the tree's eight leaf values. No branch depends on the data.
/// Otherwise each tree is padded to a complete binary tree of its own
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

    /// <summary>The vector layout, or null when the hardware or the trees do not allow it.</summary>
    private readonly VectorTrees? _vector;

    public CompiledForest(FlatForest forest)
        : this(forest, allowVector: true)
    {
    }

    /// <summary>Tests turn the vector path off to check the padded scalar path on the same hardware.</summary>
    internal CompiledForest(FlatForest forest, bool allowVector)
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
        _vector = allowVector && Avx2.IsSupported ? VectorTrees.TryBuild(forest) : null;
    }

    /// <summary>Whether batches are scored eight rows at a time with AVX2.</summary>
    public bool Vectorised => _vector is not null;

    public int FeatureCount => _featureCount;

    /// <summary>Probabilities for rows laid out one after another (<c>rows × FeatureCount</c> floats), on one core.</summary>
    public void Score(ReadOnlySpan<float> features, Span<float> probabilities)
    {
        var rows = CheckShape(features, probabilities);
        Span<double> raw = stackalloc double[BlockRows];
        for (var start = 0; start < rows; start += BlockRows)
        {
            var count = Math.Min(BlockRows, rows - start);
            var block = features.Slice(start * _featureCount, count * _featureCount);
            if (_vector is not null)
            {
                _vector.ScoreBlock(block, _featureCount, _constant, raw[..count]);
            }
            else
            {
                ScoreBlock(block, raw[..count]);
            }

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

    /// <summary>The QuickScorer layout: per tree its splits (feature, threshold, left-subtree leaf bits) and eight leaf values in left-to-right order.</summary>
    private sealed class VectorTrees
    {
        private const int Lanes = 8;

        private readonly int[] _splitStart;
        private readonly int[] _feature;
        private readonly float[] _threshold;
        private readonly int[] _leftLeaves;
        private readonly Vector256<float>[] _leaves;

        private VectorTrees(int[] splitStart, int[] feature, float[] threshold, int[] leftLeaves, Vector256<float>[] leaves)
        {
            _splitStart = splitStart;
            _feature = feature;
            _threshold = threshold;
            _leftLeaves = leftLeaves;
            _leaves = leaves;
        }

        public static VectorTrees? TryBuild(FlatForest forest)
        {
            var splitStart = new List<int> { 0 };
            var feature = new List<int>();
            var threshold = new List<float>();
            var leftLeaves = new List<int>();
            var leaves = new List<Vector256<float>>();
            for (var t = 0; t < forest.TreeCount; t++)
            {
                var splits = forest.NodeStart[t + 1] - forest.NodeStart[t];
                if (splits + 1 > Lanes)
                {
                    return null;
                }

                if (splits == 0)
                {
                    // Single-leaf trees are in the constant already.
                    continue;
                }

                var values = new float[Lanes];
                var next = 0;
                InOrder(forest, t, 0, feature, threshold, leftLeaves, values, ref next);
                leaves.Add(Vector256.Create(values));
                splitStart.Add(feature.Count);
            }

            return new VectorTrees([.. splitStart], [.. feature], [.. threshold], [.. leftLeaves], [.. leaves]);
        }

        /// <summary>Raw scores of the block's rows, eight at a time; a last partial group is padded with its first row.</summary>
        public void ScoreBlock(ReadOnlySpan<float> block, int width, double constant, Span<double> raw)
        {
            var rows = raw.Length;
            Span<float> columns = stackalloc float[Lanes * width];
            Span<double> sums = stackalloc double[Lanes];
            for (var start = 0; start < rows; start += Lanes)
            {
                var count = Math.Min(Lanes, rows - start);
                for (var lane = 0; lane < Lanes; lane++)
                {
                    var row = block.Slice((start + Math.Min(lane, count - 1)) * width, width);
                    for (var f = 0; f < width; f++)
                    {
                        columns[(f * Lanes) + lane] = row[f];
                    }
                }

                Sum(columns, constant, sums);
                sums[..count].CopyTo(raw.Slice(start, count));
            }
        }

        private void Sum(ReadOnlySpan<float> columns, double constant, Span<double> sums)
        {
            ref var column0 = ref Unsafe.As<float, Vector256<float>>(ref MemoryMarshal.GetReference(columns));
            ref var feature0 = ref MemoryMarshal.GetArrayDataReference(_feature);
            ref var threshold0 = ref MemoryMarshal.GetArrayDataReference(_threshold);
            ref var left0 = ref MemoryMarshal.GetArrayDataReference(_leftLeaves);
            var low = Vector256.Create(constant);
            var high = low;
            var allLeaves = Vector256.Create(0xFF);
            var exponentBias = Vector256.Create(127);
            for (var t = 0; t < _leaves.Length; t++)
            {
                var candidates = allLeaves;
                for (var s = _splitStart[t]; s < _splitStart[t + 1]; s++)
                {
                    var x = Unsafe.Add(ref column0, Unsafe.Add(ref feature0, s));
                    // "Not at most", as ML.NET compares: such rows go right and lose the left subtree's leaves.
                    var right = Avx.CompareNotLessThanOrEqual(x, Vector256.Create(Unsafe.Add(ref threshold0, s))).AsInt32();
                    candidates = Vector256.AndNot(candidates, right & Vector256.Create(Unsafe.Add(ref left0, s)));
                }

                // The leftmost candidate is the lowest set bit; its index is the exponent of that power of two as a float.
                var lowest = candidates & -candidates;
                var leaf = (Vector256.ConvertToSingle(lowest).AsInt32() >>> 23) - exponentBias;
                var values = Avx2.PermuteVar8x32(_leaves[t], leaf);
                low += Avx.ConvertToVector256Double(values.GetLower());
                high += Avx.ConvertToVector256Double(values.GetUpper());
            }

            low.CopyTo(sums);
            high.CopyTo(sums[4..]);
        }

        /// <summary>Numbers the leaves left to right; each split records the bits of the leaves in its left subtree. Returns the subtree's bits.</summary>
        private static int InOrder(FlatForest forest, int tree, int node, List<int> feature, List<float> threshold, List<int> leftLeaves, float[] values, ref int next)
        {
            if (node < 0)
            {
                values[next] = (float)forest.LeafValue[forest.LeafStart[tree] + ~node];
                return 1 << next++;
            }

            var n = forest.NodeStart[tree] + node;
            var slot = feature.Count;
            feature.Add(forest.SplitFeature[n]);
            threshold.Add(forest.Threshold[n]);
            leftLeaves.Add(0);
            var left = InOrder(forest, tree, forest.Left[n], feature, threshold, leftLeaves, values, ref next);
            leftLeaves[slot] = left;
            return left | InOrder(forest, tree, forest.Right[n], feature, threshold, leftLeaves, values, ref next);
        }
    }
}
