using System.Text;
using Parley.Modules.Decisioning.Contracts;

namespace Parley.Modules.Decisioning.Scoring;

/// <summary>
/// The boosted trees of an early-warning model as plain arrays (struct of arrays), with the Platt calibrator and the
/// training rows' leaf covers. This is what scoring and explanations read; ML.NET is needed only to train.
/// Node <c>n</c> of tree <c>t</c> sits at <c>NodeStart[t] + n</c>; a child below zero is the leaf <c>~child</c>, at
/// <c>LeafStart[t] + ~child</c>. A row goes left when <c>feature &lt;= threshold</c>, as in ML.NET.
/// </summary>
public sealed class FlatForest
{
    public const string FileName = "forest.bin";

    private const string Magic = "parley-flat-forest";
    private const int FileVersion = 1;

    public FlatForest(
        int featureCount,
        double bias,
        double plattSlope,
        double plattOffset,
        int[] nodeStart,
        int[] leafStart,
        int[] splitFeature,
        float[] threshold,
        int[] left,
        int[] right,
        double[] leafValue,
        long[] leafCover)
    {
        FeatureCount = featureCount;
        Bias = bias;
        PlattSlope = plattSlope;
        PlattOffset = plattOffset;
        NodeStart = nodeStart;
        LeafStart = leafStart;
        SplitFeature = splitFeature;
        Threshold = threshold;
        Left = left;
        Right = right;
        LeafValue = leafValue;
        LeafCover = leafCover;
        Validate();
    }

    public int FeatureCount { get; }

    /// <summary>Added to the trees' sum to give the raw score (log-odds scaled by the calibrator).</summary>
    public double Bias { get; }

    /// <summary>Probability = 1 / (1 + exp(slope · raw + offset)), ML.NET's Platt form.</summary>
    public double PlattSlope { get; }

    public double PlattOffset { get; }

    public int TreeCount => NodeStart.Length - 1;

    internal int[] NodeStart { get; }

    internal int[] LeafStart { get; }

    internal int[] SplitFeature { get; }

    internal float[] Threshold { get; }

    internal int[] Left { get; }

    internal int[] Right { get; }

    internal double[] LeafValue { get; }

    /// <summary>Training rows that reached each leaf: the node weights of the path-attribution explainer.</summary>
    internal long[] LeafCover { get; }

    public double Probability(double raw) => 1.0 / (1.0 + Math.Exp((PlattSlope * raw) + PlattOffset));

    /// <summary>The raw score of one row by walking every tree: the reference the fast scorer is tested against.</summary>
    public double RawScore(ReadOnlySpan<float> features)
    {
        var sum = Bias;
        for (var t = 0; t < TreeCount; t++)
        {
            sum += LeafValue[LeafStart[t] + Leaf(t, features)];
        }

        return sum;
    }

    /// <summary>The tree-local leaf a row reaches in tree <paramref name="tree"/>.</summary>
    internal int Leaf(int tree, ReadOnlySpan<float> features)
    {
        var nodes = NodeStart[tree];
        if (NodeStart[tree + 1] == nodes)
        {
            return 0;
        }

        var node = 0;
        while (node >= 0)
        {
            var n = nodes + node;
            node = features[SplitFeature[n]] <= Threshold[n] ? Left[n] : Right[n];
        }

        return ~node;
    }

    /// <summary>The same trees with leaf covers counted from <paramref name="rows"/> (the training rows).</summary>
    public FlatForest WithCovers(IEnumerable<float[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var cover = new long[LeafValue.Length];
        foreach (var row in rows)
        {
            for (var t = 0; t < TreeCount; t++)
            {
                cover[LeafStart[t] + Leaf(t, row)]++;
            }
        }

        return new FlatForest(FeatureCount, Bias, PlattSlope, PlattOffset, NodeStart, LeafStart, SplitFeature, Threshold, Left, Right, LeafValue, cover);
    }

    public void Write(string path)
    {
        using var stream = File.Create(path);
        using var writer = new BinaryWriter(stream, Encoding.UTF8);
        writer.Write(Magic);
        writer.Write(FileVersion);
        writer.Write(FeatureCount);
        writer.Write(Bias);
        writer.Write(PlattSlope);
        writer.Write(PlattOffset);
        WriteArray(writer, NodeStart, (w, v) => w.Write(v));
        WriteArray(writer, LeafStart, (w, v) => w.Write(v));
        WriteArray(writer, SplitFeature, (w, v) => w.Write(v));
        WriteArray(writer, Threshold, (w, v) => w.Write(v));
        WriteArray(writer, Left, (w, v) => w.Write(v));
        WriteArray(writer, Right, (w, v) => w.Write(v));
        WriteArray(writer, LeafValue, (w, v) => w.Write(v));
        WriteArray(writer, LeafCover, (w, v) => w.Write(v));
    }

    /// <summary>Reads a forest file; anything but a whole, well-formed forest of this version is a <see cref="ModelDirectoryException"/>.</summary>
    public static FlatForest Read(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return Read(stream, path);
        }
        catch (IOException e)
        {
            throw new ModelDirectoryException($"{path}: unreadable forest file ({e.Message})");
        }
    }

    /// <summary>Reads a forest from a stream (a registered model's stored bytes); <paramref name="name"/> names it in errors.</summary>
    public static FlatForest Read(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var path = name;
        try
        {
            using var reader = new BinaryReader(stream, Encoding.UTF8);
            if (reader.ReadString() != Magic)
            {
                throw new ModelDirectoryException($"{path}: not a Parley forest file");
            }

            var version = reader.ReadInt32();
            if (version != FileVersion)
            {
                throw new ModelDirectoryException($"{path}: forest file version {version}; this build reads {FileVersion}");
            }

            var forest = new FlatForest(
                reader.ReadInt32(),
                reader.ReadDouble(),
                reader.ReadDouble(),
                reader.ReadDouble(),
                ReadArray(reader, r => r.ReadInt32()),
                ReadArray(reader, r => r.ReadInt32()),
                ReadArray(reader, r => r.ReadInt32()),
                ReadArray(reader, r => r.ReadSingle()),
                ReadArray(reader, r => r.ReadInt32()),
                ReadArray(reader, r => r.ReadInt32()),
                ReadArray(reader, r => r.ReadDouble()),
                ReadArray(reader, r => r.ReadInt64()));
            return stream.Position == stream.Length ? forest : throw new ModelDirectoryException($"{path}: trailing bytes after the forest");
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or ArgumentException or FormatException)
        {
            throw new ModelDirectoryException($"{path}: unreadable forest file ({e.Message})");
        }
    }

    private static void WriteArray<T>(BinaryWriter writer, T[] values, Action<BinaryWriter, T> write)
    {
        writer.Write(values.Length);
        foreach (var v in values)
        {
            write(writer, v);
        }
    }

    private static T[] ReadArray<T>(BinaryReader reader, Func<BinaryReader, T> read)
    {
        var length = reader.ReadInt32();
        // A corrupt length must not allocate gigabytes before the read fails.
        if (length < 0 || length > reader.BaseStream.Length - reader.BaseStream.Position)
        {
            throw new FormatException($"array length {length} exceeds the file");
        }

        var values = new T[length];
        for (var i = 0; i < length; i++)
        {
            values[i] = read(reader);
        }

        return values;
    }

    /// <summary>Checks every index so scoring never reads outside an array, whatever file it was given.</summary>
    private void Validate()
    {
        var trees = NodeStart.Length - 1;
        var nodes = SplitFeature.Length;
        if (FeatureCount <= 0 || trees < 0 || LeafStart.Length != trees + 1 || Threshold.Length != nodes || Left.Length != nodes || Right.Length != nodes
            || LeafCover.Length != LeafValue.Length || (trees >= 0 && (NodeStart[0] != 0 || LeafStart[0] != 0 || NodeStart[trees] != nodes || LeafStart[trees] != LeafValue.Length)))
        {
            throw new FormatException("inconsistent forest arrays");
        }

        for (var t = 0; t < trees; t++)
        {
            var nodeCount = NodeStart[t + 1] - NodeStart[t];
            var leafCount = LeafStart[t + 1] - LeafStart[t];
            // A binary tree has one leaf more than it has splits.
            if (nodeCount < 0 || leafCount != nodeCount + 1)
            {
                throw new FormatException($"tree {t}: {nodeCount} splits and {leafCount} leaves");
            }

            for (var n = NodeStart[t]; n < NodeStart[t + 1]; n++)
            {
                // Children point forward only, so every walk ends in a leaf.
                var local = n - NodeStart[t];
                if ((uint)SplitFeature[n] >= (uint)FeatureCount || !ValidChild(Left[n], local, nodeCount) || !ValidChild(Right[n], local, nodeCount))
                {
                    throw new FormatException($"tree {t}, node {local}: split or child out of range");
                }
            }
        }
    }

    private static bool ValidChild(int child, int node, int nodeCount) =>
        child >= 0 ? child > node && child < nodeCount : ~child <= nodeCount;
}
