using System.Globalization;
using System.Text;
using Parley.Modules.Decisioning.Contracts;

namespace Parley.Modules.Decisioning.Fairness;

/// <summary>The human-readable fairness report: verdicts first, then one table per attribute.</summary>
public static class FairnessMarkdown
{
    /// <summary>Renders under a heading of <paramref name="level"/> hashes (1 for fairness.md, 2 inside the model card).</summary>
    public static string Render(FairnessReport report, int level = 1)
    {
        var c = CultureInfo.InvariantCulture;
        var h = new string('#', level);
        var t = report.Thresholds;
        var md = new StringBuilder();
        md.AppendLine(c, $"{h} Fairness audit — {Word(report.Overall)}");
        md.AppendLine();
        md.AppendLine(c, $"Predictions: {report.Predictions}. {report.Rows} rows, {report.Positives} positives ({(double)report.Positives / report.Rows:0.0%}).");
        md.AppendLine();
        md.AppendLine("Decisions derived from the score:");
        md.AppendLine();
        foreach (var d in report.Decisions)
        {
            md.AppendLine(c, $"- **{d.Name}** ({(d.Kind == DecisionKind.Adverse ? "adverse: the favoured group is the one selected least often" : "beneficial: the favoured group is the one selected most often")}): {d.Rule}. Selects {d.Selected} rows ({d.SelectionRate:0.0%}) and {Number(d.TruePositiveRate, "0.0%")} of the positives.");
        }

        md.AppendLine();
        md.AppendLine(c, $"Rules: adverse-impact ratio below {t.FourFifths:0.00} (four-fifths rule) or a true-positive-rate gap above {t.MaximumTprGap:0.00} warns; calibration warns when a group's mean prediction is more than {t.MaximumCalibrationGap:0.00} from its observed rate. Groups under {t.MinimumGroupRows} rows are reported, not judged; a TPR gap is judged only for groups with {t.MinimumGroupRows} or more positives.");
        md.AppendLine();
        md.AppendLine(c, $"{h}# Verdicts");
        md.AppendLine();
        md.AppendLine("| attribute | decision | verdict | reason |");
        md.AppendLine("| --- | --- | --- | --- |");
        foreach (var a in report.Attributes)
        {
            foreach (var v in a.Verdicts.Append(a.Calibration))
            {
                md.AppendLine(c, $"| {a.Attribute} | {v.Decision} | {Word(v.Verdict)} | {v.Reason} |");
            }
        }

        foreach (var a in report.Attributes)
        {
            md.AppendLine();
            md.AppendLine(c, $"{h}# By {a.Attribute}");
            md.AppendLine();
            var header = new StringBuilder("| group | rows | base rate | mean predicted | ECE |");
            var rule = new StringBuilder("| --- | --- | --- | --- | --- |");
            foreach (var d in report.Decisions)
            {
                header.Append(c, $" {d.Name}: rate | impact ratio | TPR | TPR gap |");
                rule.Append(" --- | --- | --- | --- |");
            }

            md.AppendLine(header.ToString());
            md.AppendLine(rule.ToString());
            foreach (var g in a.Groups)
            {
                var line = new StringBuilder();
                line.Append(c, $"| {g.Group}{(g.Judged ? "" : " (too few rows)")} | {g.Rows} | {g.BaseRate:0.0%} | {g.MeanPredicted:0.0%} | {g.ExpectedCalibrationError:0.000} |");
                foreach (var d in g.Decisions)
                {
                    line.Append(c, $" {d.SelectionRate:0.0%} | {Number(d.ImpactRatio, "0.000")} | {Number(d.TruePositiveRate, "0.0%")} | {Number(d.TprGap, "0.000")} |");
                }

                md.AppendLine(line.ToString());
            }
        }

        return md.ToString();
    }

    /// <summary>One line per verdict, for the console.</summary>
    public static IEnumerable<string> Summary(FairnessReport report) =>
        report.Attributes.SelectMany(a => a.Verdicts.Append(a.Calibration).Select(v => $"{Word(v.Verdict),-10} {a.Attribute} / {v.Decision}: {v.Reason}"));

    public static string Word(FairnessVerdict verdict) => verdict switch
    {
        FairnessVerdict.Pass => "pass",
        FairnessVerdict.Warn => "warn",
        FairnessVerdict.NotJudged => "not judged",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, null),
    };

    private static string Number(double? value, string format) => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "—";
}
