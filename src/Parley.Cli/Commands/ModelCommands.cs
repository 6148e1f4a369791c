using System.CommandLine;
using System.Text.Json;
using NodaTime;
using Parley.Modules.Decisioning.Contracts;
using Parley.Modules.Decisioning.Training.EarlyWarning;
using Parley.Modules.Decisioning.Training.Propensity;
using Parley.Modules.Decisioning.Training.Scoring;
using Parley.Modules.Decisioning.Training.Uci;
using Parley.SharedKernel;

namespace Parley.Cli.Commands;

/// <summary><c>parley model train|evaluate|score</c>: the early-warning model on UCI-format data, with its model card.</summary>
public static class ModelCommands
{
    public static Command Build() => Build(TimeProvider.System.ToClock());

    public static Command Build(IClock clock)
    {
        var model = new Command("model", "Train the early-warning or propensity model; evaluate and score early warning; register, activate and score the portfolio with the model registry.");
        model.Subcommands.Add(Train(clock));
        model.Subcommands.Add(Evaluate());
        model.Subcommands.Add(Score());
        model.Subcommands.Add(ModelRegistryCommands.Register());
        model.Subcommands.Add(ModelRegistryCommands.Activate());
        model.Subcommands.Add(ModelRegistryCommands.ScorePortfolio());
        return model;
    }

    private static Command Train(IClock clock)
    {
        var kind = new Option<string>("--kind") { Description = "What to train: early-warning (from --uci) or propensity (from --data, the 'parley demo outcomes' format).", DefaultValueFactory = _ => "early-warning" };
        var uci = new Option<FileInfo?>("--uci") { Description = "Early warning: training data in the UCI credit-default CSV format." };
        var data = new Option<FileInfo?>("--data") { Description = "Propensity: training data in the propensity CSV format (docs/models.md)." };
        var output = new Option<DirectoryInfo>("--out") { Description = "Model directory to write (model.zip, forest.bin, model-card.json, model-card.md).", Required = true };
        var seed = new Option<int>("--seed") { Description = "Seed for folds and learners.", DefaultValueFactory = _ => 42 };
        var train = new Command("train", "5-fold cross-validate LightGBM beside a logistic baseline, train on all rows, write model and card.") { kind, uci, data, output, seed };
        train.SetAction(async (parse, ct) =>
        {
            var error = parse.InvocationConfiguration.Error;
            EarlyWarningModel trained;
            ModelCard card;
            try
            {
                (trained, card) = (parse.GetValue(kind), parse.GetValue(uci), parse.GetValue(data)) switch
                {
                    ("early-warning", { } file, null) => EarlyWarningTraining.Train(UciCreditDefault.Read(file.FullName), file.Name, parse.GetValue(seed), clock.GetCurrentInstant()),
                    ("propensity", null, { } file) => PropensityTraining.Train(file.FullName, parse.GetValue(seed), clock.GetCurrentInstant()),
                    ("early-warning", _, _) => throw new ArgumentException("--kind early-warning trains from --uci <csv> (and takes no --data)"),
                    ("propensity", _, _) => throw new ArgumentException("--kind propensity trains from --data <csv> (and takes no --uci)"),
                    (var other, _, _) => throw new ArgumentException($"--kind '{other}' is not a model kind; use early-warning or propensity"),
                };
            }
            catch (Exception e) when (e is UciFormatException or PropensityFormatException or ArgumentException)
            {
                await error.WriteLineAsync(e.Message);
                return 2;
            }

            ModelCard written;
            try
            {
                written = EarlyWarningTraining.Write(trained, card, parse.GetValue(output)!.FullName);
            }
            catch (ModelDirectoryException e)
            {
                await error.WriteLineAsync(e.Message);
                return 2;
            }

            var cv = written.CrossValidated;
            var baseline = written.Baseline;
            parse.InvocationConfiguration.Output.WriteLine($"{written.Data.Rows} rows, {written.Folds}-fold CV AUC {cv.AucMean:0.0000} ± {cv.AucSd:0.0000} (logistic baseline {baseline.AucMean:0.0000} ± {baseline.AucSd:0.0000}), Brier {cv.OutOfFold.Brier:0.0000}, ECE {cv.OutOfFold.ExpectedCalibrationError:0.0000}, {written.TrainingSeconds:0.0} s");
            return 0;
        });
        return train;
    }

    private static Command Evaluate()
    {
        var modelDir = new Option<DirectoryInfo>("--model") { Description = "A model directory written by 'model train'.", Required = true };
        var uci = new Option<FileInfo>("--uci") { Description = "Labelled rows in the UCI credit-default CSV format.", Required = true };
        var evaluate = new Command("evaluate", "Score labelled rows and print one JSON object: auc, brier, log_loss, accuracy, rows, positives, calibration deciles.") { modelDir, uci };
        evaluate.SetAction(async (parse, ct) =>
        {
            EarlyWarningModel model;
            IReadOnlyList<UciClient> clients;
            try
            {
                (model, _) = EarlyWarningTraining.Read(parse.GetValue(modelDir)!.FullName);
                clients = UciCreditDefault.Read(parse.GetValue(uci)!.FullName);
            }
            catch (Exception e) when (e is ModelDirectoryException or UciFormatException)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(e.Message);
                return 2;
            }

            var rows = EarlyWarningModel.Featurize(clients);
            var metrics = BinaryMetrics.Compute([.. rows.Select(r => r.Label)], model.Predict([.. rows.Select(r => r.Features)]));
            parse.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(new
            {
                auc = metrics.Auc,
                brier = metrics.Brier,
                log_loss = metrics.LogLoss,
                accuracy = metrics.Accuracy,
                rows = metrics.Rows,
                positives = metrics.Positives,
                expected_calibration_error = metrics.ExpectedCalibrationError,
                calibration = metrics.Calibration.Select(b => new { decile = b.Decile, rows = b.Rows, mean_predicted = b.MeanPredicted, observed_rate = b.ObservedRate }),
            }));
            return 0;
        });
        return evaluate;
    }

    private static Command Score()
    {
        var modelDir = new Option<DirectoryInfo>("--model") { Description = "A model directory written by 'model train' (only its forest.bin and card are read).", Required = true };
        var uci = new Option<FileInfo>("--uci") { Description = "Rows in the UCI credit-default CSV format; ID, SEX, EDUCATION, MARRIAGE, AGE and the label are optional and ignored.", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "CSV to write: row (input line number, header = 1), ID when the input has it, probability, reason_1..reason_3 (\"EW01: text\").", Required = true };
        var score = new Command(
            "score",
            "Score every row with its probability of missing the next payment and the three factors that raised it most. "
            + "Prints the row count and rows/s on stdout; errors go to stderr with exit code 2 and leave no output file.")
        {
            modelDir, uci, output,
        };
        score.SetAction(async (parse, ct) =>
        {
            BatchScoringResult result;
            var target = parse.GetValue(output)!;
            try
            {
                result = UciBatchScoring.Run(parse.GetValue(modelDir)!.FullName, parse.GetValue(uci)!.FullName, target.FullName);
            }
            catch (Exception e) when (e is ModelDirectoryException or UciFormatException or IOException or UnauthorizedAccessException)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(e.Message);
                return 2;
            }

            parse.InvocationConfiguration.Output.WriteLine($"{result.Rows} rows scored in {result.Seconds:0.00} s ({result.RowsPerSecond:#,0} rows/s) -> {target.FullName}");
            return 0;
        });
        return score;
    }
}
