using BenchmarkDotNet.Attributes;
using Microsoft.ML;
using Microsoft.ML.Data;
using Parley.Modules.Decisioning.Features;
using Parley.Modules.Decisioning.Scoring;
using Parley.Modules.Decisioning.Training.EarlyWarning;
using Parley.Modules.Decisioning.Training.Uci;

namespace Parley.DecisioningBench;

/// <summary>
/// Early-warning scoring from features in memory to probabilities, per row. The model is trained (seed 42) on the
/// shared UCI file (<c>PARLEY_UCI_CSV</c>, else <c>shared/data/uci-credit-default/train.csv</c> found above the
/// working directory); its 24,000 feature rows are repeated to <see cref="Rows"/>. ML.NET scores the model it saved
/// itself, loaded back as an application would: a <c>Transform</c> over the batch, and a <c>PredictionEngine</c> row by row.
/// </summary>
[MemoryDiagnoser]
public class ScoringBenchmarks
{
    /// <summary>The flat forest is timed on a million rows; ML.NET, two orders slower, on a tenth of them.</summary>
    internal const int Rows = 1_000_000;

    internal const int MlNetRows = 100_000;

    private CompiledForest forest = null!;
    private float[] features = null!;
    private float[] probabilities = null!;
    private MLContext ml = null!;
    private ITransformer mlModel = null!;
    private IDataView mlBatch = null!;
    private PredictionEngine<Input, Output> engine = null!;
    private Input[] inputs = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rows = EarlyWarningModel.Featurize(UciCreditDefault.Read(SharedTrainingFile()));
        var model = EarlyWarningModel.Train(rows, Learner.LightGbm, 42);
        forest = new CompiledForest(model.ToFlatForest());
        features = new float[Rows * EarlyWarningFeatures.FeatureCount];
        for (var i = 0; i < Rows; i++)
        {
            rows[i % rows.Count].Features.CopyTo(features, i * EarlyWarningFeatures.FeatureCount);
        }

        probabilities = new float[Rows];

        var saved = Path.Combine(Path.GetTempPath(), $"parley-bench-model-{Environment.ProcessId}.zip");
        model.Save(saved);
        ml = new MLContext(42);
        mlModel = ml.Model.Load(saved, out _);
        File.Delete(saved);
        inputs = [.. Enumerable.Range(0, MlNetRows).Select(i => new Input { Features = rows[i % rows.Count].Features })];
        mlBatch = ml.Data.LoadFromEnumerable(inputs);
        engine = ml.Model.CreatePredictionEngine<Input, Output>(mlModel);

        // The two paths must agree before their speeds are compared.
        forest.Score(features.AsSpan(0, EarlyWarningFeatures.FeatureCount), probabilities.AsSpan(0, 1));
        if (Math.Abs(probabilities[0] - engine.Predict(inputs[0]).Probability) > 1e-6)
        {
            throw new InvalidOperationException("The flat forest and ML.NET disagree on the first row.");
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Rows)]
    public void FlatForestOneCore() => forest.Score(features, probabilities);

    [Benchmark(OperationsPerInvoke = Rows)]
    public void FlatForestAllCores() => forest.ScoreParallel(features, probabilities);

    [Benchmark(OperationsPerInvoke = MlNetRows)]
    public float MlNetTransform()
    {
        var sum = 0f;
        foreach (var row in ml.Data.CreateEnumerable<Output>(mlModel.Transform(mlBatch), reuseRowObject: true))
        {
            sum += row.Probability;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = MlNetRows)]
    public float MlNetPredictionEngine()
    {
        var sum = 0f;
        foreach (var input in inputs)
        {
            sum += engine.Predict(input).Probability;
        }

        return sum;
    }

    private static string SharedTrainingFile()
    {
        if (Environment.GetEnvironmentVariable("PARLEY_UCI_CSV") is { Length: > 0 } configured)
        {
            return configured;
        }

        for (var directory = new DirectoryInfo(Environment.CurrentDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "data", "uci-credit-default", "train.csv");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("Set PARLEY_UCI_CSV to the shared UCI train.csv.");
    }

    public sealed class Input
    {
        [VectorType(EarlyWarningFeatures.FeatureCount)]
        public float[] Features { get; set; } = [];
    }

    public sealed class Output
    {
        public float Probability { get; set; }
    }
}
