using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.LightGbm;
using Parley.Modules.Decisioning.Contracts;
using Parley.Modules.Decisioning.Features;
using Parley.Modules.Decisioning.Scoring;
using Parley.Modules.Decisioning.Training.Uci;

namespace Parley.Modules.Decisioning.Training.EarlyWarning;

/// <summary>The learners the early-warning model can be trained with: LightGBM is the model; logistic regression the baseline beside it.</summary>
public enum Learner
{
    LightGbm,
    LogisticRegression,
}

/// <summary>One training row as ML.NET sees it.</summary>
internal sealed class FeatureRow
{
    public bool Label { get; set; }

    [VectorType(EarlyWarningFeatures.FeatureCount)]
    public float[] Features { get; set; } = [];
}

internal sealed class ScoreRow
{
    public float Probability { get; set; }
}

/// <summary>A LightGBM binary model over a feature vector: early warning (missing the next payment) and propensity to pay (a payment within 30 days).</summary>
public sealed class EarlyWarningModel
{
    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly DataViewSchema _schema;

    /// <summary>The rows the model was trained on (none once loaded from a file): the flat forest's leaf covers are counted from them.</summary>
    private readonly IReadOnlyList<float[]> _trainingFeatures;

    private EarlyWarningModel(MLContext ml, ITransformer model, DataViewSchema schema, IReadOnlyList<float[]> trainingFeatures)
    {
        _ml = ml;
        _model = model;
        _schema = schema;
        _trainingFeatures = trainingFeatures;
    }

    public static EarlyWarningModel Train(IReadOnlyList<LabelledFeatures> rows, Learner learner, int seed, BoostingSettings? boosting = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var ml = new MLContext(seed);
        var data = ml.Data.LoadFromEnumerable(ToRows(rows), Schema(rows.Count > 0 ? rows[0].Features.Length : EarlyWarningFeatures.FeatureCount));
        var model = Pipeline(ml, learner, seed, boosting ?? BoostingSettings.Default).Fit(data);
        return new EarlyWarningModel(ml, model, data.Schema, [.. rows.Select(r => r.Features)]);
    }

    public float[] Predict(IReadOnlyList<float[]> features)
    {
        var data = _ml.Data.LoadFromEnumerable(features.Select(f => new FeatureRow { Features = f }), Schema(features.Count > 0 ? features[0].Length : EarlyWarningFeatures.FeatureCount));
        return [.. _ml.Data.CreateEnumerable<ScoreRow>(_model.Transform(data), reuseRowObject: true).Select(s => s.Probability)];
    }

    /// <summary>The trained LightGBM trees and Platt calibrator as a <see cref="FlatForest"/>, leaf covers counted from the training rows.</summary>
    public FlatForest ToFlatForest()
    {
        if (_model is not BinaryPredictionTransformer<CalibratedModelParametersBase<LightGbmBinaryModelParameters, PlattCalibrator>> lightGbm || _trainingFeatures.Count == 0)
        {
            throw new InvalidOperationException("Only a freshly trained LightGBM model can be flattened.");
        }

        var ensemble = lightGbm.Model.SubModel.TrainedTreeEnsemble;
        var calibrator = lightGbm.Model.Calibrator;
        var trees = ensemble.Trees;
        var nodeStart = new int[trees.Count + 1];
        var leafStart = new int[trees.Count + 1];
        for (var t = 0; t < trees.Count; t++)
        {
            // The flat forest has no tree weights: LightGBM's are all one.
            if (ensemble.TreeWeights[t] != 1.0 || trees[t].CategoricalSplitFlags.Any(c => c))
            {
                throw new InvalidOperationException($"Tree {t} has a weight or a categorical split the flat forest does not model.");
            }

            nodeStart[t + 1] = nodeStart[t] + trees[t].NumberOfNodes;
            leafStart[t + 1] = leafStart[t] + trees[t].NumberOfLeaves;
        }

        return new FlatForest(
            _trainingFeatures[0].Length,
            ensemble.Bias,
            calibrator.Slope,
            calibrator.Offset,
            nodeStart,
            leafStart,
            [.. trees.SelectMany(t => t.NumericalSplitFeatureIndexes)],
            [.. trees.SelectMany(t => t.NumericalSplitThresholds)],
            [.. trees.SelectMany(t => t.LeftChild)],
            [.. trees.SelectMany(t => t.RightChild)],
            [.. trees.SelectMany(t => t.LeafValues)],
            new long[leafStart[^1]]).WithCovers(_trainingFeatures);
    }

    public void Save(string path) => _ml.Model.Save(_model, _schema, path);

    public static EarlyWarningModel Load(string path, int seed)
    {
        var ml = new MLContext(seed);
        var model = ml.Model.Load(path, out var schema);
        return new EarlyWarningModel(ml, model, schema, []);
    }

    /// <summary>Stratified k folds under the seed: each row's fold, so every learner is scored on the very same splits.</summary>
    public static int[] AssignFolds(IReadOnlyList<bool> labels, int folds, int seed)
    {
        var random = new Random(seed);
        var assignment = new int[labels.Count];
        foreach (var cls in new[] { false, true })
        {
            var members = Enumerable.Range(0, labels.Count).Where(i => labels[i] == cls).ToArray();
            random.Shuffle(members);
            for (var k = 0; k < members.Length; k++)
            {
                assignment[members[k]] = k % folds;
            }
        }

        return assignment;
    }

    /// <summary>Out-of-fold probabilities: each row scored by the model trained on the other folds.</summary>
    public static float[] OutOfFold(IReadOnlyList<LabelledFeatures> rows, int[] folds, Learner learner, int seed, BoostingSettings? boosting = null)
    {
        var predictions = new float[rows.Count];
        // Folds train side by side (each learner runs on one thread); each writes only its own rows, so the result is the same in any order.
        Parallel.ForEach(folds.Distinct().Order(), fold =>
        {
            var train = rows.Where((_, i) => folds[i] != fold).ToArray();
            var testIndex = Enumerable.Range(0, rows.Count).Where(i => folds[i] == fold).ToArray();
            var model = Train(train, learner, seed, boosting);
            var scores = model.Predict([.. testIndex.Select(i => rows[i].Features)]);
            for (var k = 0; k < testIndex.Length; k++)
            {
                predictions[testIndex[k]] = scores[k];
            }
        });

        return predictions;
    }

    public static IReadOnlyList<LabelledFeatures> Featurize(IEnumerable<UciClient> clients) =>
        [.. clients.Select(c => new LabelledFeatures(EarlyWarningFeatures.Compute(c.Facts, c.Statements), c.DefaultedNextMonth))];

    /// <summary>The row schema with the feature vector's width: the same learner serves every feature set.</summary>
    private static SchemaDefinition Schema(int width)
    {
        var schema = SchemaDefinition.Create(typeof(FeatureRow));
        schema[nameof(FeatureRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        return schema;
    }

    private static IEnumerable<FeatureRow> ToRows(IEnumerable<LabelledFeatures> rows) =>
        rows.Select(r => new FeatureRow { Label = r.Label, Features = r.Features });

    private static IEstimator<ITransformer> Pipeline(MLContext ml, Learner learner, int seed, BoostingSettings boosting) => learner switch
    {
        Learner.LightGbm => ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
        {
            Seed = seed,
            // A fixed thread count keeps LightGBM's histogram sums, and so the trees, identical run to run.
            NumberOfThreads = 1,
            NumberOfLeaves = boosting.Leaves,
            MinimumExampleCountPerLeaf = boosting.MinimumRowsPerLeaf,
            LearningRate = boosting.LearningRate,
            NumberOfIterations = boosting.Iterations,
            Booster = new GradientBooster.Options { SubsampleFraction = boosting.RowFraction, SubsampleFrequency = 1, FeatureFraction = boosting.FeatureFraction, L2Regularization = 1.0 },
        }),
        Learner.LogisticRegression => ml.Transforms.NormalizeMeanVariance("Features")
            .Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options { NumberOfThreads = 1 })),
    };
}

/// <summary>A feature vector (in <see cref="EarlyWarningFeatures.Definitions"/> order) and its label.</summary>
public sealed record LabelledFeatures(float[] Features, bool Label);
