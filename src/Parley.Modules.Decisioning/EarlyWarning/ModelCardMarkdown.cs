using System.Globalization;
using System.Text;
using Parley.Modules.Decisioning.Contracts;
using Parley.Modules.Decisioning.Fairness;

namespace Parley.Modules.Decisioning.EarlyWarning;

/// <summary>The human-readable model card.</summary>
public static class ModelCardMarkdown
{
    public static string Render(ModelCard card)
    {
        var c = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        var propensity = card.Format == ModelCards.PropensityFormat;
        md.AppendLine(c, $"# Model card — {(propensity ? "propensity to pay" : "early warning")} ({card.Format})");
        md.AppendLine();
        md.AppendLine(c, $"{card.Model}. Trained {card.TrainedAt} with seed {card.Seed} in {card.TrainingSeconds:0.0} s (cross-validation included).");
        md.AppendLine(c, $"Model file SHA-256 `{card.ModelSha256}`; scoring reads the flat forest `forest.bin`, SHA-256 `{card.ForestSha256}`.");
        var b = card.Boosting;
        md.AppendLine(c, $"LightGBM: {b.Iterations} trees of {b.Leaves} leaves (at least {b.MinimumRowsPerLeaf} rows each), learning rate {b.LearningRate}, row fraction {b.RowFraction}, feature fraction {b.FeatureFraction}.");
        md.AppendLine();
        md.AppendLine("## Data");
        md.AppendLine();
        md.AppendLine(c, $"{card.Data.Rows} rows from `{card.Data.Source}`, {card.Data.Positives} positives ({(double)card.Data.Positives / card.Data.Rows:0.0%}).");
        if (propensity)
        {
            md.AppendLine();
            md.AppendLine("**The labels are SIMULATED.** " + card.Data.Attribution);
            md.AppendLine();
            md.AppendLine("Each row holds an account's facts in collections (statements, ledger payments, holds, consented contact points) and goes through the same feature code as live accounts.");
            md.AppendLine("The balance (PP05) is in the account's own currency; every other feature is a count, a ratio or a number of days.");
        }
        else
        {
            md.AppendLine("Each row is mapped into an account with a credit limit and six monthly statements and goes through the same feature code as live accounts.");
            md.AppendLine("Sex, education, marital status and age are never features; they are kept aside for the fairness audit.");
            md.AppendLine(c, $"Amounts are in {card.Data.Currency}. Every feature is a ratio or a count except the credit limit (EW19), which is in {card.Data.Currency}: convert an account's limit into it before scoring.");
            md.AppendLine();
            md.AppendLine(c, $"Attribution: {card.Data.Attribution}");
        }

        md.AppendLine();
        md.AppendLine(c, $"## Performance ({card.Folds}-fold stratified cross-validation, same folds for both learners)");
        md.AppendLine();
        md.AppendLine("| learner | AUC mean ± sd | Brier | log loss | accuracy | ECE |");
        md.AppendLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var r in new[] { card.CrossValidated, card.Baseline })
        {
            var m = r.OutOfFold;
            md.AppendLine(c, $"| {r.Learner} | {r.AucMean:0.0000} ± {r.AucSd:0.0000} | {m.Brier:0.0000} | {m.LogLoss:0.0000} | {m.Accuracy:0.0000} | {m.ExpectedCalibrationError:0.0000} |");
        }

        md.AppendLine();
        md.AppendLine(c, $"## Calibration ({card.CrossValidated.Learner}, out-of-fold deciles)");
        md.AppendLine();
        md.AppendLine(c, $"Expected calibration error over these deciles: {card.CrossValidated.OutOfFold.ExpectedCalibrationError:0.0000} (bar: under 0.02). Probabilities are LightGBM's sigmoid of the trees' sum as trained; no recalibration is fitted.");
        md.AppendLine();
        md.AppendLine("| decile | rows | mean predicted | observed rate |");
        md.AppendLine("| --- | --- | --- | --- |");
        foreach (var bin in card.CrossValidated.OutOfFold.Calibration)
        {
            md.AppendLine(c, $"| {bin.Decile} | {bin.Rows} | {bin.MeanPredicted:0.000} | {bin.ObservedRate:0.000} |");
        }

        md.AppendLine();
        md.AppendLine(c, $"## Features ({card.FeatureSet})");
        md.AppendLine();
        md.AppendLine("| reason code | feature | explanation |");
        md.AppendLine("| --- | --- | --- |");
        foreach (var f in card.Features)
        {
            md.AppendLine(c, $"| {f.ReasonCode} | `{f.Name}` | {f.Template.Replace("{0}", "…", StringComparison.Ordinal)} |");
        }

        if (card.Fairness is { } fairness)
        {
            md.AppendLine();
            md.Append(FairnessMarkdown.Render(fairness, level: 2));
        }

        return md.ToString();
    }
}
