using System.CommandLine;
using Parley.Modules.Decisioning.Contracts;
using Parley.Modules.Decisioning.Training.EarlyWarning;
using Parley.Modules.Decisioning.Training.Fairness;
using Parley.Modules.Decisioning.Training.Uci;

namespace Parley.Cli.Commands;

/// <summary><c>parley audit fairness</c>: group fairness of the early-warning model's decisions on UCI-format rows.</summary>
public static class AuditCommands
{
    public static Command Build()
    {
        var audit = new Command("audit", "Audit a model.");
        audit.Subcommands.Add(Fairness());
        return audit;
    }

    private static Command Fairness()
    {
        var modelDir = new Option<DirectoryInfo>("--model") { Description = "A model directory written by 'model train'.", Required = true };
        var uci = new Option<FileInfo>("--uci") { Description = "Labelled rows in the UCI credit-default CSV format, with the sensitive columns.", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "Directory for fairness.md and fairness.json (default: the model directory, beside the card it audits)." };
        var fairness = new Command("fairness", "Selection rates, adverse-impact ratios, true-positive-rate gaps and calibration by sex, age band, education and marital status; pass/warn per decision.") { modelDir, uci, output };
        fairness.SetAction(async (parse, ct) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            var modelPath = parse.GetValue(modelDir)!.FullName;
            var source = parse.GetValue(uci)!;
            try
            {
                var (model, card) = EarlyWarningTraining.Read(modelPath);
                var clients = UciCreditDefault.Read(source.FullName);
                var report = FairnessReportFiles.Audit(model, card, clients, source.Name);
                var target = parse.GetValue(output)?.FullName ?? modelPath;
                FairnessReportFiles.Write(report, target);
                foreach (var line in FairnessReportFiles.Summary(report))
                {
                    await stdout.WriteLineAsync(line.AsMemory(), ct);
                }

                await stdout.WriteLineAsync($"{FairnessReportFiles.Word(report.Overall)}: {report.Rows} rows; wrote {Path.Combine(target, FairnessReportFiles.MarkdownFile)} and {FairnessReportFiles.JsonFile}".AsMemory(), ct);
                return 0;
            }
            catch (Exception e) when (e is ModelDirectoryException or UciFormatException or FairnessOutputException)
            {
                await stderr.WriteLineAsync(e.Message.AsMemory(), ct);
                return 2;
            }
        });
        return fairness;
    }
}
