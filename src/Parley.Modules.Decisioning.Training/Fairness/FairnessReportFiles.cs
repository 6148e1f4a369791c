using System.Text.Json;
using Parley.Modules.Decisioning.Contracts;
using Parley.Modules.Decisioning.EarlyWarning;
using Parley.Modules.Decisioning.Fairness;
using Parley.Modules.Decisioning.Training.EarlyWarning;
using Parley.Modules.Decisioning.Training.Uci;

namespace Parley.Modules.Decisioning.Training.Fairness;

/// <summary>A fairness report that cannot be written where asked (the path names the problem).</summary>
public sealed class FairnessOutputException(string message, Exception inner) : Exception(message, inner);

/// <summary>Audits a stored model on UCI-format rows and writes fairness.md + fairness.json.</summary>
public static class FairnessReportFiles
{
    public const string JsonFile = "fairness.json";
    public const string MarkdownFile = "fairness.md";

    /// <summary>Scores <paramref name="clients"/> with the model; says so plainly when they are the rows it was trained on.</summary>
    public static FairnessReport Audit(EarlyWarningModel model, ModelCard card, IReadOnlyList<UciClient> clients, string source)
    {
        var rows = EarlyWarningModel.Featurize(clients);
        var probabilities = model.Predict([.. rows.Select(r => r.Features)]);
        var hash = card.ModelSha256.Length > 12 ? card.ModelSha256[..12] : card.ModelSha256;
        var predictions = string.Equals(source, card.Data.Source, StringComparison.Ordinal)
            ? $"model {hash} scored on {source}, the file it was trained on: in-sample predictions, kinder than on new accounts (the model card's audit uses out-of-fold predictions)"
            : $"model {hash} scored on {source}";
        return FairnessAudit.OfEarlyWarning(predictions, probabilities, rows, [.. clients.Select(c => c.Sensitive)]);
    }

    /// <summary>One line per verdict, for the console.</summary>
    public static IEnumerable<string> Summary(FairnessReport report) => FairnessMarkdown.Summary(report);

    /// <summary>A verdict in a word: pass, warn or not judged.</summary>
    public static string Word(FairnessVerdict verdict) => FairnessMarkdown.Word(verdict);

    /// <summary>Writes both files beside each other under temporary names, then renames them into place.</summary>
    public static void Write(FairnessReport report, string directory)
    {
        var target = Path.GetFullPath(directory);
        var json = Path.Combine(target, JsonFile);
        var markdown = Path.Combine(target, MarkdownFile);
        var jsonTemp = json + ".partial";
        var markdownTemp = markdown + ".partial";
        try
        {
            Directory.CreateDirectory(target);
            File.WriteAllText(jsonTemp, JsonSerializer.Serialize(report, ModelCards.Json) + "\n");
            File.WriteAllText(markdownTemp, FairnessMarkdown.Render(report));
            File.Move(jsonTemp, json, overwrite: true);
            File.Move(markdownTemp, markdown, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            foreach (var temp in new[] { jsonTemp, markdownTemp }.Where(File.Exists))
            {
                File.Delete(temp);
            }

            throw new FairnessOutputException($"{target}: cannot write the fairness report ({e.Message})", e);
        }
    }
}
