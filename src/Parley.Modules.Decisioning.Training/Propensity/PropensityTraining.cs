using System.Diagnostics;
using NodaTime;
using Parley.Modules.Decisioning.Contracts;
using Parley.Modules.Decisioning.EarlyWarning;
using Parley.Modules.Decisioning.Features;
using Parley.Modules.Decisioning.Propensity;
using Parley.Modules.Decisioning.Training.EarlyWarning;

namespace Parley.Modules.Decisioning.Training.Propensity;

/// <summary>
/// Trains the propensity-to-pay model exactly as early warning is trained (<see cref="ModelTraining"/>: same learners,
/// folds, calibration and card) on a propensity data file. The labels are the demo portfolio's SIMULATED outcomes until real ones exist.
/// </summary>
public static class PropensityTraining
{
    public const string Format = ModelCards.PropensityFormat;

    public const string SimulatedLabels =
        "SIMULATED outcomes: 'paid within 30 days' is drawn by Parley's demo portfolio simulator (parley demo outcomes) from "
        + "each synthetic account's hidden capacity and willingness to pay, its arrears, balance, age, recent payments, holds and "
        + "contactability, plus noise. No real customer's outcome is in this data; retrain on real outcomes when they exist.";

    public static IReadOnlyList<LabelledFeatures> Featurize(IEnumerable<PropensityExample> examples) =>
        [.. examples.Select(e => new LabelledFeatures(PropensityFeatures.Compute(e.Facts), e.PaidWithin30Days))];

    /// <summary>Trains on a propensity data file (docs/models.md); the card names the file.</summary>
    public static (EarlyWarningModel Model, ModelCard Card) Train(string dataFile, int seed, Instant trainedAt) =>
        Train(PropensityDataFile.Read(dataFile), Path.GetFileName(dataFile), seed, trainedAt);

    public static (EarlyWarningModel Model, ModelCard Card) Train(IReadOnlyList<PropensityExample> examples, string source, int seed, Instant trainedAt)
    {
        var started = Stopwatch.GetTimestamp();
        var rows = Featurize(examples);
        var labels = rows.Select(r => r.Label).ToArray();
        if (labels.All(l => l) || !labels.Any(l => l))
        {
            throw new PropensityFormatException($"{source}: every row has the same {PropensityDataFile.Label}; training needs both outcomes");
        }

        var (final, card, _) = ModelTraining.Train(
            ModelFormats.Propensity,
            "LightGBM binary classifier (ML.NET), probability of a payment within 30 days for an account in collections",
            rows,
            new TrainingData(source, "the account's own currency", SimulatedLabels),
            seed,
            trainedAt,
            started);
        return (final, card);
    }
}
