using System.Diagnostics;
using NodaTime;
using Parley.Modules.Decisioning.Contracts;
using Parley.Modules.Decisioning.EarlyWarning;
using Parley.Modules.Decisioning.Training.EarlyWarning;

namespace Parley.Modules.Decisioning.Training;

/// <summary>Where a model's training rows came from, as its card records it (rows and positives are counted from the rows).</summary>
public sealed record TrainingData(string Source, string Currency, string Attribution);

/// <summary>
/// The training both insight models share: LightGBM cross-validated beside a logistic baseline on the same stratified
/// folds, the final model fitted on every row, and the card that records it all. Each model's own training only turns
/// its data into rows and adds what is its alone (early warning's fairness audit, propensity's label check).
/// </summary>
public static class ModelTraining
{
    public const int Folds = 5;

    /// <summary>The final model, its card, and the cross-validation's out-of-fold predictions (in row order) for an audit.</summary>
    public sealed record Trained(EarlyWarningModel Model, ModelCard Card, float[] OutOfFold);

    /// <param name="started">The <see cref="Stopwatch"/> timestamp the caller began at, so its featurizing counts in the card's seconds.</param>
    public static Trained Train(ModelFormat format, string description, IReadOnlyList<LabelledFeatures> rows, TrainingData data, int seed, Instant trainedAt, long started)
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(data);
        var labels = rows.Select(r => r.Label).ToArray();
        var folds = EarlyWarningModel.AssignFolds(labels, Folds, seed);
        var (model, outOfFold) = CrossValidateWithPredictions(rows, folds, Learner.LightGbm, seed);
        var baseline = CrossValidate(rows, folds, Learner.LogisticRegression, seed);
        var final = EarlyWarningModel.Train(rows, Learner.LightGbm, seed);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var card = new ModelCard(
            format.Format,
            format.Features.Version,
            description,
            seed,
            BoostingSettings.Default,
            Folds,
            trainedAt,
            Math.Round(seconds, 1),
            "",
            new DataCard(data.Source, rows.Count, labels.Count(l => l), data.Currency, data.Attribution),
            [.. format.Features.Definitions.Select(d => new FeatureCardEntry(d.ReasonCode, d.Name, d.Template))],
            model,
            baseline);
        return new Trained(final, card, outOfFold);
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
}
