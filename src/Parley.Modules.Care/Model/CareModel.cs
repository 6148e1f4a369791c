using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Parley.Modules.Care.Contracts;

namespace Parley.Modules.Care.Model;

/// <summary>
/// An emotion head's second reader (ADR 20): a linear model over the <see cref="SentenceEmbeddings"/> of the text, and
/// the logistic regression, fitted out of fold, that stacks its margin with the n-gram head's into one probability.
/// </summary>
public sealed record EmbeddingStack(float[] Weights, float Bias, double NGramWeight, double EmbeddingWeight, double Intercept)
{
    public double Margin(float[] embedding)
    {
        ArgumentNullException.ThrowIfNull(embedding);
        double z = Bias;
        for (var k = 0; k < Weights.Length && k < embedding.Length; k++)
        {
            z += Weights[k] * embedding[k];
        }

        return z;
    }

    public double Probability(double nGramMargin, float[] embedding) => Combine(nGramMargin, Margin(embedding));

    /// <summary>The stacked probability from the two heads' margins (training calls it on out-of-fold margins).</summary>
    public double Combine(double nGramMargin, double embeddingMargin) =>
        1 / (1 + Math.Exp(-((NGramWeight * nGramMargin) + (EmbeddingWeight * embeddingMargin) + Intercept)));
}

/// <summary>
/// One label's head: a linear model over <see cref="TextFeatures"/> (sparse weights, pruned to the strongest), Platt
/// calibration of its margin and the threshold that flags it; an emotion head may also read the sentence embedding
/// (<see cref="Stack"/>), whose probability then replaces Platt's. <c>Code</c> is a <see cref="Contracts.CareLabels"/> code or a GoEmotions label.
/// </summary>
public sealed class LinearHead(string code, int[] indices, float[] weights, float bias, double plattA, double plattB, double threshold, double? shortThreshold = null, EmbeddingStack? stack = null)
{
    /// <summary>A message up to an SMS's length counts as short: the everyday reply, where the rules catch most disputes in plain words.</summary>
    public const int ShortTextChars = 160;

    /// <summary>The threshold of a head whose model adds nothing over the rules: the model never flags on its own, whatever its probability.</summary>
    public const double RulesAlone = 1.0;

    private readonly Dictionary<int, float> byIndex = indices.Zip(weights).ToDictionary(p => p.First, p => p.Second);

    public string Code { get; } = code;

    public float Bias { get; } = bias;

    public double PlattA { get; } = plattA;

    public double PlattB { get; } = plattB;

    public double Threshold { get; } = threshold;

    /// <summary>The threshold for a short text (under <see cref="ShortTextChars"/> characters), when it differs; <see cref="Threshold"/> otherwise.</summary>
    public double? ShortThreshold { get; } = shortThreshold;

    public double ThresholdFor(int textLength) => textLength < ShortTextChars && ShortThreshold is { } s ? s : Threshold;

    /// <summary>
    /// Whether the model alone flags at this probability. A probability can round to exactly 1 in floating point (a large
    /// margin), so the rules-alone threshold is a rule, not a number to compare with.
    /// </summary>
    public static bool ModelFlags(double probability, double threshold) => threshold < RulesAlone && probability >= threshold;

    public IReadOnlyDictionary<int, float> Weights => byIndex;

    /// <summary>The embedding head stacked with this one, when the head reads the sentence embedding.</summary>
    public EmbeddingStack? Stack { get; } = stack;

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

    /// <summary>The calibrated probability; a stacked head needs the text's embedding, since its threshold was chosen for both readers together.</summary>
    public double Probability(SparseVector x, float[]? embedding = null) => Stack switch
    {
        null => Calibrate(Margin(x), PlattA, PlattB),
        { } s when embedding is not null => s.Probability(Margin(x), embedding),
        _ => throw new InvalidOperationException($"Head '{Code}' reads the sentence embedding and was given none"),
    };

    public static double Calibrate(double margin, double a, double b) => 1 / (1 + Math.Exp((a * margin) + b));

    public float WeightOf(int index) => byIndex.TryGetValue(index, out var w) ? w : 0;
}

/// <summary>The heads of a Care model and its file format (<c>care-model.bin</c>: gzip of a small binary layout).</summary>
public sealed class CareModel(IReadOnlyList<LinearHead> heads, string version)
{
    private const string Magic = "PARLEY-CARE-MODEL";
    private const int FormatVersion = 3;

    public const string FileName = "care-model.bin";
    public const string CardFileName = "model-card.json";
    public const string CardMarkdownFileName = "model-card.md";

    private readonly Dictionary<string, LinearHead> byCode = heads.ToDictionary(h => h.Code, StringComparer.Ordinal);

    public IReadOnlyList<LinearHead> Heads { get; } = heads;

    public string Version { get; } = version;

    public LinearHead? Head(string code) => byCode.GetValueOrDefault(code);

    /// <summary>Whether a head reads the sentence embedding: then every message is encoded as well as featurised.</summary>
    public bool ReadsEmbeddings { get; } = heads.Any(h => h.Stack is not null);

    public static byte[] Serialise(IReadOnlyList<LinearHead> heads)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
        using (var writer = new BinaryWriter(gzip, Encoding.UTF8))
        {
            writer.Write(Magic);
            writer.Write(FormatVersion);
            writer.Write(TextFeatures.Version);
            writer.Write(heads.Any(h => h.Stack is not null) ? SentenceEmbeddings.Version : "");
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

                writer.Write(head.Stack is not null);
                if (head.Stack is { } stack)
                {
                    writer.Write(stack.Weights.Length);
                    foreach (var weight in stack.Weights)
                    {
                        writer.Write(weight);
                    }

                    writer.Write(stack.Bias);
                    writer.Write(stack.NGramWeight);
                    writer.Write(stack.EmbeddingWeight);
                    writer.Write(stack.Intercept);
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
            // Format 1 had one threshold per head; 2 adds the short-text threshold (NaN when there is none); 3 the sentence encoder and the embedding stacks.
            var magic = reader.ReadString();
            var format = magic == Magic ? reader.ReadInt32() : 0;
            if (format is not (1 or 2 or FormatVersion))
            {
                throw new CareModelException($"{source} is not a Care model (format 1 to {FormatVersion})");
            }

            var features = reader.ReadString();
            if (features != TextFeatures.Version)
            {
                throw new CareModelException($"{source} was trained on features '{features}'; this build computes '{TextFeatures.Version}'");
            }

            var encoder = format >= 3 ? reader.ReadString() : "";
            if (encoder.Length > 0 && encoder != SentenceEmbeddings.Version)
            {
                throw new CareModelException($"{source} was trained on the sentence encoder '{encoder}'; this build runs '{SentenceEmbeddings.Version}'");
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

                EmbeddingStack? stack = null;
                if (format >= 3 && reader.ReadBoolean())
                {
                    var dimension = reader.ReadInt32();
                    if (encoder.Length == 0 || dimension != SentenceEmbeddings.Dimension)
                    {
                        throw new CareModelException($"{source}: head '{code}' stacks {dimension} embedding weights; the encoder gives {SentenceEmbeddings.Dimension}");
                    }

                    var embeddingWeights = new float[dimension];
                    for (var k = 0; k < dimension; k++)
                    {
                        embeddingWeights[k] = reader.ReadSingle();
                    }

                    stack = new EmbeddingStack(embeddingWeights, reader.ReadSingle(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble());
                }

                heads.Add(new LinearHead(code, indices, weights, bias, a, b, threshold, shortThreshold, stack));
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
