using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using Parley.Modules.Decisioning.Fairness;
using Parley.Modules.Decisioning.Features;
using Parley.Modules.Decisioning.Scoring;
using Parley.Modules.Decisioning.Uci;

namespace Parley.Modules.Decisioning.EarlyWarning;

public sealed record FeatureCardEntry(string ReasonCode, string Name, string Template);

public sealed record LearnerReport(string Learner, IReadOnlyList<double> FoldAucs, double AucMean, double AucSd, BinaryMetrics OutOfFold);

/// <summary>The training data; <see cref="Currency"/> is the currency the credit-limit feature is in.</summary>
public sealed record DataCard(string Source, int Rows, int Positives, string Currency, string Attribution);

public sealed partial record ModelCard(
    string Format,
    string FeatureSet,
    string Model,
    int Seed,
    BoostingSettings Boosting,
    int Folds,
    Instant TrainedAt,
    double TrainingSeconds,
    string ModelSha256,
    DataCard Data,
    IReadOnlyList<FeatureCardEntry> Features,
    LearnerReport CrossValidated,
    LearnerReport Baseline)
{
    /// <summary>The fairness audit on the out-of-fold predictions; absent from cards written before it existed.</summary>
    public FairnessReport? Fairness { get; init; }
}

/// <summary>A model directory that is missing, of another format, or whose model file does not match its card's hash.</summary>
public sealed class ModelDirectoryException(string message) : Exception(message);

/// <summary>Trains the early-warning model with k-fold cross-validation beside a logistic baseline and writes model + card.</summary>
public static class EarlyWarningTraining
{
    public const string Format = "parley-early-warning/2";
    public const string ModelFile = "model.zip";
    public const string CardJsonFile = "model-card.json";
    public const string CardMarkdownFile = "model-card.md";
    public const int Folds = 5;

    public const string UciAttribution =
        "UCI Machine Learning Repository, dataset 350 \"Default of Credit Card Clients\" (Yeh, I-C. & Lien, C-H. (2009), " +
        "Expert Systems with Applications 36(2):2473-2480), licensed CC BY 4.0.";

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        // The card is read by people: keep quotes and ampersands as they are (it is never embedded in HTML).
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new InstantIsoConverter() },
    };

    public static (EarlyWarningModel Model, ModelCard Card) Train(IReadOnlyList<UciClient> clients, string source, int seed, Instant trainedAt)
    {
        var started = Stopwatch.GetTimestamp();
        var rows = EarlyWarningModel.Featurize(clients);
        var labels = rows.Select(r => r.Label).ToArray();
        var folds = EarlyWarningModel.AssignFolds(labels, Folds, seed);
        var (model, outOfFold) = CrossValidateWithPredictions(rows, folds, Learner.LightGbm, seed);
        var baseline = CrossValidate(rows, folds, Learner.LogisticRegression, seed);
        var final = EarlyWarningModel.Train(rows, Learner.LightGbm, seed);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var card = new ModelCard(
            Format,
            EarlyWarningFeatures.FeatureSetVersion,
            "LightGBM binary classifier (ML.NET), probability of missing the next payment",
            seed,
            BoostingSettings.Default,
            Folds,
            trainedAt,
            Math.Round(seconds, 1),
            "",
            new DataCard(source, rows.Count, labels.Count(l => l), "TWD", UciAttribution),
            [.. EarlyWarningFeatures.Definitions.Select(d => new FeatureCardEntry(d.ReasonCode, d.Name, d.Template))],
            model,
            baseline)
        {
            Fairness = FairnessAudit.OfEarlyWarning($"out-of-fold predictions of the {Folds}-fold cross-validation", outOfFold, rows, [.. clients.Select(c => c.Sensitive)]),
        };
        return (final, card);
    }

    public static LearnerReport CrossValidate(IReadOnlyList<LabelledFeatures> rows, int[] folds, Learner learner, int seed, BoostingSettings? boosting = null) =>
        CrossValidateWithPredictions(rows, folds, learner, seed, boosting).Report;

    internal static (LearnerReport Report, float[] OutOfFold) CrossValidateWithPredictions(IReadOnlyList<LabelledFeatures> rows, int[] folds, Learner learner, int seed, BoostingSettings? boosting = null)
    {
        var predictions = EarlyWarningModel.OutOfFold(rows, folds, learner, seed, boosting);
        var labels = rows.Select(r => r.Label).ToArray();
        var foldAucs = folds.Distinct().Order().Select(f =>
        {
            var index = Enumerable.Range(0, rows.Count).Where(i => folds[i] == f).ToArray();
            return BinaryMetrics.AreaUnderRoc([.. index.Select(i => labels[i])], [.. index.Select(i => predictions[i])]);
        }).ToArray();
        var mean = foldAucs.Average();
        // Sample standard deviation across folds.
        var sd = foldAucs.Length > 1 ? Math.Sqrt(foldAucs.Sum(a => (a - mean) * (a - mean)) / (foldAucs.Length - 1)) : 0;
        return (new LearnerReport(learner.ToString(), foldAucs, mean, sd, BinaryMetrics.Compute(labels, predictions)), predictions);
    }

    /// <summary>Writes model, card JSON and card markdown into a fresh sibling directory, then swaps it in: no half-written model.</summary>
    public static ModelCard Write(EarlyWarningModel model, ModelCard card, string directory)
    {
        var target = Path.GetFullPath(directory);
        // Replace an earlier model, never a directory holding anything else.
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any() && !File.Exists(Path.Combine(target, CardJsonFile)))
        {
            throw new ModelDirectoryException($"{target}: exists and is not a model directory; choose an empty or new directory");
        }

        var staging = target.TrimEnd(Path.DirectorySeparatorChar) + ".partial";
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }

        Directory.CreateDirectory(staging);
        var modelPath = Path.Combine(staging, ModelFile);
        model.Save(modelPath);
        var forestPath = Path.Combine(staging, FlatForest.FileName);
        model.ToFlatForest().Write(forestPath);
        var written = card with { ModelSha256 = Sha256(modelPath), ForestSha256 = Sha256(forestPath) };
        File.WriteAllText(Path.Combine(staging, CardJsonFile), JsonSerializer.Serialize(written, Json) + "\n");
        File.WriteAllText(Path.Combine(staging, CardMarkdownFile), ModelCardMarkdown.Render(written));
        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }

        Directory.Move(staging, target);
        return written;
    }

    public static (EarlyWarningModel Model, ModelCard Card) Read(string directory)
    {
        var card = ReadCard(directory);
        var modelPath = Path.Combine(directory, ModelFile);
        if (!File.Exists(modelPath))
        {
            throw new ModelDirectoryException($"{directory}: not a model directory (needs {ModelFile} and {CardJsonFile})");
        }

        if (!string.Equals(Sha256(modelPath), card.ModelSha256, StringComparison.Ordinal))
        {
            throw new ModelDirectoryException($"{modelPath}: content hash does not match the model card");
        }

        return (EarlyWarningModel.Load(modelPath, card.Seed), card);
    }

    /// <summary>The model card of a directory, checked to be of the format and feature set this build reads.</summary>
    public static ModelCard ReadCard(string directory)
    {
        var (card, cardPath) = DeserializeCard(directory, ModelFile);

        if (card.Format != Format || card.FeatureSet != EarlyWarningFeatures.FeatureSetVersion)
        {
            throw new ModelDirectoryException($"{cardPath}: format {card.Format} / {card.FeatureSet}; this command reads {Format} / {EarlyWarningFeatures.FeatureSetVersion}");
        }

        return card;
    }

    /// <summary>The model card of a directory of any kind this build reads (early warning or propensity to pay).</summary>
    public static ModelCard ReadAnyCard(string directory)
    {
        var (card, cardPath) = DeserializeCard(directory, FlatForest.FileName);

        if (ModelFormats.Of(card) is null)
        {
            throw new ModelDirectoryException($"{cardPath}: format {card.Format} / {card.FeatureSet}; this build reads {string.Join(", ", ModelFormats.All.Select(f => $"{f.Format} / {f.Features.Version}"))}");
        }

        return card;
    }

    /// <summary>A directory's model card as written, before any check of its format.</summary>
    private static (ModelCard Card, string CardPath) DeserializeCard(string directory, string modelFile)
    {
        var cardPath = Path.Combine(directory, CardJsonFile);
        if (!File.Exists(cardPath))
        {
            throw new ModelDirectoryException($"{directory}: not a model directory (needs {modelFile} and {CardJsonFile})");
        }

        try
        {
            return (JsonSerializer.Deserialize<ModelCard>(File.ReadAllText(cardPath), Json)
                ?? throw new ModelDirectoryException($"{cardPath}: empty model card"), cardPath);
        }
        catch (JsonException e)
        {
            throw new ModelDirectoryException($"{cardPath}: unreadable model card ({e.Message})");
        }
    }

    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private sealed class InstantIsoConverter : JsonConverter<Instant>
    {
        public override Instant Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            NodaTime.Text.InstantPattern.ExtendedIso.Parse(reader.GetString() ?? "").GetValueOrThrow();

        public override void Write(Utf8JsonWriter writer, Instant value, JsonSerializerOptions options) =>
            writer.WriteStringValue(NodaTime.Text.InstantPattern.ExtendedIso.Format(value));
    }
}
