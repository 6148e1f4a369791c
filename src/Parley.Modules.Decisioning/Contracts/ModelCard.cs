using NodaTime;

namespace Parley.Modules.Decisioning.Contracts;

public sealed record FeatureCardEntry(string ReasonCode, string Name, string Template);

public sealed record LearnerReport(string Learner, IReadOnlyList<double> FoldAucs, double AucMean, double AucSd, BinaryMetrics OutOfFold);

/// <summary>The training data; <see cref="Currency"/> is the currency the credit-limit feature is in.</summary>
public sealed record DataCard(string Source, int Rows, int Positives, string Currency, string Attribution);

/// <summary>LightGBM's shape and pace; recorded in the model card.</summary>
public sealed record BoostingSettings(int Leaves, int MinimumRowsPerLeaf, double LearningRate, int Iterations, double RowFraction, double FeatureFraction)
{
    /// <summary>Small trees: on the UCI share 7–8 leaves cross-validated best (0.773 AUC vs 0.768 for 31 leaves, before EW19), and score fastest.</summary>
    public static BoostingSettings Default { get; } = new(7, 50, 0.05, 300, 0.8, 0.6);
}

/// <summary>
/// What a trained model says of itself: written by training (Parley.Modules.Decisioning.Training), read by scoring, the
/// registry and the Models page. One declaration, so the JSON keeps its property order.
/// </summary>
public sealed record ModelCard(
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

    /// <summary>SHA-256 of <c>forest.bin</c> (the flat forest); scoring refuses a forest that does not match it.</summary>
    public string ForestSha256 { get; init; } = "";
}
