using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Parley.Modules.Care.Contracts;

namespace Parley.Modules.Care.Model;

/// <summary>
/// One label's head: a linear model over <see cref="TextFeatures"/> (sparse weights, pruned to the strongest), Platt
/// calibration of its margin and the threshold that flags it. <c>Code</c> is a <see cref="Contracts.CareLabels"/> code or a GoEmotions label.
/// </summary>
public sealed class LinearHead(string code, int[] indices, float[] weights, float bias, double plattA, double plattB, double threshold, double? shortThreshold = null)
{
    /// <summary>A message up to an SMS's length counts as short: the everyday reply, where the rules catch most disputes in plain words.</summary>
    public const int ShortTextChars = 160;

    private readonly Dictionary<int, float> byIndex = indices.Zip(weights).ToDictionary(p => p.First, p => p.Second);

    public string Code { get; } = code;

    public float Bias { get; } = bias;

    public double PlattA { get; } = plattA;

    public double PlattB { get; } = plattB;

    public double Threshold { get; } = threshold;

    /// <summary>The threshold for a short text (under <see cref="ShortTextChars"/> characters), when it differs; <see cref="Threshold"/> otherwise.</summary>
    public double? ShortThreshold { get; } = shortThreshold;

    public double ThresholdFor(int textLength) => textLength < ShortTextChars && ShortThreshold is { } s ? s : Threshold;

    public IReadOnlyDictionary<int, float> Weights => byIndex;

    public double Margin(SparseVector x)
    {
        double z = Bias;
        for (var k = 0; k < x.Indices.Length; k++)
        {
            if (byIndex.TryGetValue(x.Indices[k], out var w))
            {
                z += w * x.Values[k];
            }
        }

        return z;
    }

    public double Probability(SparseVector x) => Calibrate(Margin(x), PlattA, PlattB);

    public static double Calibrate(double margin, double a, double b) => 1 / (1 + Math.Exp((a * margin) + b));

    public float WeightOf(int index) => byIndex.TryGetValue(index, out var w) ? w : 0;
}

/// <summary>The heads of a Care model and its file format (<c>care-model.bin</c>: gzip of a small binary layout).</summary>
public sealed class CareModel(IReadOnlyList<LinearHead> heads, string version)
{
    private const string Magic = "PARLEY-CARE-MODEL";
    private const int FormatVersion = 2;

    public const string FileName = "care-model.bin";
    public const string CardFileName = "model-card.json";
    public const string CardMarkdownFileName = "model-card.md";

    private readonly Dictionary<string, LinearHead> byCode = heads.ToDictionary(h => h.Code, StringComparer.Ordinal);

    public IReadOnlyList<LinearHead> Heads { get; } = heads;

    public string Version { get; } = version;

    public LinearHead? Head(string code) => byCode.GetValueOrDefault(code);

    public static byte[] Serialise(IReadOnlyList<LinearHead> heads)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
        using (var writer = new BinaryWriter(gzip, Encoding.UTF8))
        {
            writer.Write(Magic);
            writer.Write(FormatVersion);
            writer.Write(TextFeatures.Version);
            writer.Write(heads.Count);
            foreach (var head in heads)
            {
                writer.Write(head.Code);
                writer.Write(head.Bias);
                writer.Write(head.PlattA);
                writer.Write(head.PlattB);
                writer.Write(head.Threshold);
                writer.Write(head.ShortThreshold ?? double.NaN);
                var weights = head.Weights.OrderBy(p => p.Key).ToArray();
                writer.Write(weights.Length);
                foreach (var (index, weight) in weights)
                {
                    writer.Write(index);
                    writer.Write(weight);
                }
            }
        }

        return buffer.ToArray();
    }

    public static CareModel Deserialise(byte[] bytes, string source)
    {
        try
        {
            using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var reader = new BinaryReader(gzip, Encoding.UTF8);
            // Format 1 had one threshold per head; 2 adds the short-text threshold (NaN when there is none).
            var magic = reader.ReadString();
            var format = magic == Magic ? reader.ReadInt32() : 0;
            if (format is not (1 or FormatVersion))
            {
                throw new CareModelException($"{source} is not a Care model (format 1 or {FormatVersion})");
            }

            var features = reader.ReadString();
            if (features != TextFeatures.Version)
            {
                throw new CareModelException($"{source} was trained on features '{features}'; this build computes '{TextFeatures.Version}'");
            }

            var count = reader.ReadInt32();
            var heads = new List<LinearHead>(count);
            for (var h = 0; h < count; h++)
            {
                var code = reader.ReadString();
                var bias = reader.ReadSingle();
                var a = reader.ReadDouble();
                var b = reader.ReadDouble();
                var threshold = reader.ReadDouble();
                double? shortThreshold = format >= 2 && reader.ReadDouble() is var st && !double.IsNaN(st) ? st : null;
                var n = reader.ReadInt32();
                if (n < 0 || n > TextFeatures.Dimension)
                {
                    throw new CareModelException($"{source}: head '{code}' has {n} weights");
                }

                var indices = new int[n];
                var weights = new float[n];
                for (var k = 0; k < n; k++)
                {
                    indices[k] = reader.ReadInt32();
                    weights[k] = reader.ReadSingle();
                }

                heads.Add(new LinearHead(code, indices, weights, bias, a, b, threshold, shortThreshold));
            }

            if (heads.GroupBy(h => h.Code).FirstOrDefault(g => g.Count() > 1) is { } twice)
            {
                throw new CareModelException($"{source}: two heads are named '{twice.Key}'");
            }

            return new CareModel(heads, VersionOf(bytes));
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or IOException)
        {
            throw new CareModelException($"{source} is not a readable Care model: {e.Message}");
        }
    }

    /// <summary><c>care-</c> and the first 12 hex digits of the file's SHA-256.</summary>
    public static string VersionOf(byte[] bytes) => "care-" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..12];

    public static CareModel Load(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            throw new CareModelException($"{path} does not exist: a Care model directory holds {FileName} and {CardFileName}");
        }

        return Deserialise(File.ReadAllBytes(path), path);
    }

    /// <summary>The model shipped in models/care and embedded in this assembly, or null in a build without it.</summary>
    public static CareModel? Default()
    {
        using var stream = typeof(CareModel).Assembly.GetManifestResourceStream("Parley.Care.DefaultModel." + FileName);
        if (stream is null)
        {
            return null;
        }

        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return Deserialise(copy.ToArray(), "the shipped Care model");
    }
}
