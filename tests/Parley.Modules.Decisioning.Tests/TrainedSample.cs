using Parley.Modules.Decisioning.Scoring;
using Parley.Modules.Decisioning.Training.EarlyWarning;
using Parley.Modules.Decisioning.Training.Uci;

namespace Parley.Modules.Decisioning.Tests;

/// <summary>One LightGBM model trained on the 400-row sample, shared by the scoring tests so they train once.</summary>
internal static class TrainedSample
{
    private static readonly Lazy<(EarlyWarningModel Model, FlatForest Forest, float[][] Features)> Trained = new(() =>
    {
        var rows = EarlyWarningModel.Featurize(UciCreditDefault.Read(UciCreditDefaultTests.SamplePath));
        var model = EarlyWarningModel.Train(rows, Learner.LightGbm, 7);
        return (model, model.ToFlatForest(), [.. rows.Select(r => r.Features)]);
    });

    public static EarlyWarningModel Model => Trained.Value.Model;

    public static FlatForest Forest => Trained.Value.Forest;

    public static float[][] Features => Trained.Value.Features;
}
