using System.Diagnostics;
using System.Text.Json;
using NodaTime;
using Parley.Modules.Decisioning.Contracts;
using Parley.Modules.Decisioning.EarlyWarning;
using Parley.Modules.Decisioning.Scoring;
using Parley.Modules.Decisioning.Training.Fairness;
using Parley.Modules.Decisioning.Training.Uci;

namespace Parley.Modules.Decisioning.Training.EarlyWarning;

/// <summary>Trains the early-warning model on UCI rows (see <see cref="ModelTraining"/>), audits its fairness, and writes and reads model + card.</summary>
public static class EarlyWarningTraining
{
    public const string Format = ModelCards.EarlyWarningFormat;
    public const int Folds = ModelTraining.Folds;

    public const string UciAttribution =
        "UCI Machine Learning Repository, dataset 350 \"Default of Credit Card Clients\" (Yeh, I-C. & Lien, C-H. (2009), " +
        "Expert Systems with Applications 36(2):2473-2480), licensed CC BY 4.0.";

    public static (EarlyWarningModel Model, ModelCard Card) Train(IReadOnlyList<UciClient> clients, string source, int seed, Instant trainedAt)
    {
        var started = Stopwatch.GetTimestamp();
        var rows = EarlyWarningModel.Featurize(clients);
        var (final, card, outOfFold) = ModelTraining.Train(
            ModelFormats.EarlyWarning,
            "LightGBM binary classifier (ML.NET), probability of missing the next payment",
            rows,
            new TrainingData(source, "TWD", UciAttribution),
            seed,
            trainedAt,
            started);
        return (final, card with
        {
            Fairness = FairnessAudit.OfEarlyWarning($"out-of-fold predictions of the {Folds}-fold cross-validation", outOfFold, rows, [.. clients.Select(c => c.Sensitive)]),
        });
    }

    /// <summary>Writes model, card JSON and card markdown into a fresh sibling directory, then swaps it in: no half-written model.</summary>
    public static ModelCard Write(EarlyWarningModel model, ModelCard card, string directory)
    {
        var target = Path.GetFullPath(directory);
        // Replace an earlier model, never a directory holding anything else.
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any() && !File.Exists(Path.Combine(target, ModelCards.CardJsonFile)))
        {
            throw new ModelDirectoryException($"{target}: exists and is not a model directory; choose an empty or new directory");
        }

        var staging = target.TrimEnd(Path.DirectorySeparatorChar) + ".partial";
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }

        Directory.CreateDirectory(staging);
        var modelPath = Path.Combine(staging, ModelCards.ModelFile);
        model.Save(modelPath);
        var forestPath = Path.Combine(staging, FlatForest.FileName);
        model.ToFlatForest().Write(forestPath);
        var written = card with { ModelSha256 = ModelCards.Sha256(modelPath), ForestSha256 = ModelCards.Sha256(forestPath) };
        File.WriteAllText(Path.Combine(staging, ModelCards.CardJsonFile), JsonSerializer.Serialize(written, ModelCards.Json) + "\n");
        File.WriteAllText(Path.Combine(staging, ModelCards.CardMarkdownFile), ModelCardMarkdown.Render(written));
        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }

        Directory.Move(staging, target);
        return written;
    }

    public static (EarlyWarningModel Model, ModelCard Card) Read(string directory)
    {
        var card = ModelCards.ReadCard(directory);
        var modelPath = Path.Combine(directory, ModelCards.ModelFile);
        if (!File.Exists(modelPath))
        {
            throw new ModelDirectoryException($"{directory}: not a model directory (needs {ModelCards.ModelFile} and {ModelCards.CardJsonFile})");
        }

        if (!string.Equals(ModelCards.Sha256(modelPath), card.ModelSha256, StringComparison.Ordinal))
        {
            throw new ModelDirectoryException($"{modelPath}: content hash does not match the model card");
        }

        return (EarlyWarningModel.Load(modelPath, card.Seed), card);
    }
}
