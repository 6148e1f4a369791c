using System.Globalization;
using Parley.Modules.Decisioning.Contracts;
using Parley.Modules.Decisioning.Segments;
using Parley.Modules.Decisioning.Training.EarlyWarning;
using Parley.Modules.Decisioning.Training.Uci;

namespace Parley.Modules.Decisioning.Training.Fairness;

/// <summary>A decision derived from the score, with its rule in plain words.</summary>
public sealed record FairnessDecision(string Name, DecisionKind Kind, string Rule);

/// <summary>Which rows a decision selects (one flag per row, in the audit's row order).</summary>
public sealed record DecisionOutcomes(FairnessDecision Decision, IReadOnlyList<bool> Selected);

/// <summary>
/// Group fairness of decisions derived from a score. Selection rate is the share of a group a decision selects. The
/// favoured group of a decision is the one it treats best among groups large enough to judge: for a beneficial
/// decision the one selected MOST often, for an adverse decision the one selected LEAST often. The adverse-impact
/// ratio puts the better-treated rate over the worse-treated one so that it always reads "1 = as well as the favoured
/// group, lower = worse": beneficial, group rate ÷ favoured rate; adverse, favoured rate ÷ group rate (two rates of
/// zero read 1). Below four fifths warns. The true-positive rate is the share of the group's actual positives the
/// decision selects; its gap is the best judged group's rate minus the group's, and a gap above 0.10 warns.
/// </summary>
public static class FairnessAudit
{
    /// <summary>Flag accounts at or above this probability: missing the next payment is more likely than not.</summary>
    public const float HighRiskThreshold = 0.5f;

    public static FairnessDecision FlaggedHighRisk { get; } = new(
        "flagged high risk",
        DecisionKind.Adverse,
        string.Create(CultureInfo.InvariantCulture, $"early-warning probability ≥ {HighRiskThreshold:0.00}"));

    public static FairnessDecision OfferedHardshipSupport { get; } = new(
        "offered hardship support",
        DecisionKind.Beneficial,
        "segment is not able to pay (supportive plan, or human contact with debt-advice signposting)");

    /// <summary>The two standard decisions of the early-warning model: the flag from the score and hardship support from the segment.</summary>
    public static FairnessReport OfEarlyWarning(
        string predictions,
        IReadOnlyList<float> probabilities,
        IReadOnlyList<LabelledFeatures> rows,
        IReadOnlyList<SensitiveAttributes> sensitive)
    {
        var flagged = probabilities.Select(p => p >= HighRiskThreshold).ToArray();
        var supported = rows.Select(r => Segmentation.Assign(r.Features).OffersHardshipSupport).ToArray();
        return Run(
            predictions,
            probabilities,
            [.. rows.Select(r => r.Label)],
            sensitive,
            [new DecisionOutcomes(FlaggedHighRisk, flagged), new DecisionOutcomes(OfferedHardshipSupport, supported)],
            SensitiveGroups.All,
            FairnessThresholds.Default);
    }

    public static FairnessReport Run(
        string predictions,
        IReadOnlyList<float> probabilities,
        IReadOnlyList<bool> labels,
        IReadOnlyList<SensitiveAttributes> sensitive,
        IReadOnlyList<DecisionOutcomes> decisions,
        IReadOnlyList<SensitiveAttribute> attributes,
        FairnessThresholds thresholds)
    {
        var rows = labels.Count;
        if (rows == 0 || probabilities.Count != rows || sensitive.Count != rows || decisions.Any(d => d.Selected.Count != rows))
        {
            throw new ArgumentException("Need at least one row, and one probability, one set of sensitive attributes and one outcome per decision for every label.");
        }

        var audits = attributes.Select(a => Audit(a, probabilities, labels, sensitive, decisions, thresholds)).ToArray();
        var all = Enumerable.Range(0, rows).ToArray();
        var summaries = decisions.Select(d =>
        {
            var (selected, rate, tpr) = Rates(all, labels, d.Selected);
            return new DecisionSummary(d.Decision.Name, d.Decision.Kind, d.Decision.Rule, selected, rate, tpr);
        });
        return new FairnessReport(predictions, rows, labels.Count(l => l), thresholds, [.. summaries], audits);
    }

    private static AttributeAudit Audit(
        SensitiveAttribute attribute,
        IReadOnlyList<float> probabilities,
        IReadOnlyList<bool> labels,
        IReadOnlyList<SensitiveAttributes> sensitive,
        IReadOnlyList<DecisionOutcomes> decisions,
        FairnessThresholds thresholds)
    {
        var members = attribute.Groups
            .Select(g => (Group: g, Index: Enumerable.Range(0, labels.Count).Where(i => attribute.GroupOf(sensitive[i]) == g).ToArray()))
            .Where(g => g.Index.Length > 0)
            .ToArray();
        var judged = members.Where(m => m.Index.Length >= thresholds.MinimumGroupRows).Select(m => m.Group).ToHashSet(StringComparer.Ordinal);
        // A true-positive rate is a rate over positives: the same minimum applies to them.
        var tprJudged = members.Where(m => judged.Contains(m.Group) && m.Index.Count(i => labels[i]) >= thresholds.MinimumGroupRows).Select(m => m.Group).ToHashSet(StringComparer.Ordinal);

        // Raw per-group figures first; ratios and gaps need every group's rate.
        var rates = decisions.Select(d => members.Select(m => Rates(m.Index, labels, d.Selected)).ToArray()).ToArray();

        var judgedIdx = Enumerable.Range(0, members.Length).Where(g => judged.Contains(members[g].Group)).ToArray();
        var verdicts = new List<DecisionVerdict>(decisions.Count);
        var groupDecisions = members.Select(_ => new List<GroupDecision>(decisions.Count)).ToArray();
        for (var d = 0; d < decisions.Count; d++)
        {
            var decision = decisions[d].Decision;
            int? favoured = judgedIdx.Length == 0
                ? null
                : decision.Kind == DecisionKind.Beneficial
                    ? judgedIdx.MaxBy(g => rates[d][g].SelectionRate)
                    : judgedIdx.MinBy(g => rates[d][g].SelectionRate);
            var withTpr = judgedIdx.Where(g => tprJudged.Contains(members[g].Group)).ToArray();
            int? bestTpr = withTpr.Length == 0 ? null : withTpr.MaxBy(g => rates[d][g].TruePositiveRate!.Value);

            for (var g = 0; g < members.Length; g++)
            {
                var r = rates[d][g];
                var isJudged = judged.Contains(members[g].Group);
                double? ratio = isJudged && favoured is { } f ? ImpactRatio(decision.Kind, r.SelectionRate, rates[d][f].SelectionRate) : null;
                double? gap = tprJudged.Contains(members[g].Group) && bestTpr is { } b ? rates[d][b].TruePositiveRate!.Value - r.TruePositiveRate!.Value : null;
                groupDecisions[g].Add(new GroupDecision(decision.Name, r.Selected, r.SelectionRate, r.TruePositiveRate, ratio, gap));
            }

            verdicts.Add(Judge(decision, members.Select(m => m.Group).ToArray(), judged, tprJudged, favoured, bestTpr, [.. groupDecisions.Select(list => list[d])], thresholds));
        }

        var groups = members.Select((m, g) =>
        {
            var groupLabels = m.Index.Select(i => labels[i]).ToArray();
            var groupProbabilities = m.Index.Select(i => probabilities[i]).ToArray();
            var baseRate = groupLabels.Average(l => l ? 1.0 : 0.0);
            var meanPredicted = groupProbabilities.Average(p => (double)p);
            var bins = BinaryMetrics.Deciles(groupLabels, groupProbabilities);
            var ece = bins.Sum(b => b.Rows * Math.Abs(b.MeanPredicted - b.ObservedRate)) / m.Index.Length;
            return new GroupAudit(m.Group, m.Index.Length, groupLabels.Count(l => l), baseRate, meanPredicted, meanPredicted - baseRate, ece, judged.Contains(m.Group), groupDecisions[g]);
        }).ToArray();

        return new AttributeAudit(attribute.Name, groups, verdicts, JudgeCalibration(groups, thresholds));
    }

    /// <summary>1 = treated as well as the favoured group; lower = worse. Two zero rates read 1.</summary>
    internal static double ImpactRatio(DecisionKind kind, double groupRate, double favouredRate)
    {
        var (better, worse) = kind == DecisionKind.Beneficial ? (groupRate, favouredRate) : (favouredRate, groupRate);
        return worse == 0 ? 1 : better / worse;
    }

    private static (int Selected, double SelectionRate, double? TruePositiveRate) Rates(int[] index, IReadOnlyList<bool> labels, IReadOnlyList<bool> selected)
    {
        var chosen = index.Count(i => selected[i]);
        var positives = index.Count(i => labels[i]);
        var caught = index.Count(i => labels[i] && selected[i]);
        return (chosen, (double)chosen / index.Length, positives == 0 ? null : (double)caught / positives);
    }

    private static DecisionVerdict Judge(
        FairnessDecision decision,
        string[] names,
        HashSet<string> judged,
        HashSet<string> tprJudged,
        int? favoured,
        int? bestTpr,
        GroupDecision[] outcomes,
        FairnessThresholds t)
    {
        var c = CultureInfo.InvariantCulture;
        var favouredName = favoured is { } f ? names[f] : null;
        var bestTprName = bestTpr is { } b ? names[b] : null;
        var small = names.Where(n => !judged.Contains(n)).ToArray();
        var fewPositives = names.Where(n => judged.Contains(n) && !tprJudged.Contains(n)).ToArray();
        var smallNote = (small.Length == 0 ? "" : $"; too few rows (< {t.MinimumGroupRows.ToString(c)}), not judged: {string.Join(", ", small)}")
            + (fewPositives.Length == 0 ? "" : $"; too few positives (< {t.MinimumGroupRows.ToString(c)}) to judge the true-positive rate: {string.Join(", ", fewPositives)}");
        if (judged.Count < 2)
        {
            return new DecisionVerdict(decision.Name, favouredName, bestTprName, FairnessVerdict.NotJudged, $"fewer than two groups with {t.MinimumGroupRows.ToString(c)} or more rows to compare{smallNote}");
        }

        var direction = decision.Kind == DecisionKind.Adverse ? "least" : "most";
        var problems = new List<string>();
        for (var g = 0; g < names.Length; g++)
        {
            var o = outcomes[g];
            if (o.ImpactRatio is { } ratio && ratio < t.FourFifths)
            {
                problems.Add(string.Create(c, $"{names[g]} selected {o.SelectionRate:0.0%} vs {outcomes[favoured!.Value].SelectionRate:0.0%} for {favouredName} ({direction} often), impact ratio {ratio:0.000} < {t.FourFifths:0.00}"));
            }

            if (o.TprGap is { } gap && gap > t.MaximumTprGap)
            {
                problems.Add(string.Create(c, $"{names[g]} true-positive rate {o.TruePositiveRate:0.0%} is {gap:0.000} below {bestTprName}'s {outcomes[bestTpr!.Value].TruePositiveRate:0.0%} (more than {t.MaximumTprGap:0.00})"));
            }
        }

        if (problems.Count > 0)
        {
            return new DecisionVerdict(decision.Name, favouredName, bestTprName, FairnessVerdict.Warn, string.Join("; ", problems) + smallNote);
        }

        var lowest = Enumerable.Range(0, names.Length).Where(g => outcomes[g].ImpactRatio is not null).MinBy(g => outcomes[g].ImpactRatio!.Value);
        var withGap = Enumerable.Range(0, names.Length).Where(g => outcomes[g].TprGap is not null).ToArray();
        var widest = withGap.Length == 0 ? -1 : withGap.MaxBy(g => outcomes[g].TprGap!.Value);
        var tprNote = widest < 0
            ? "no group has enough positives to compare true-positive rates"
            : string.Create(c, $"largest true-positive-rate gap {outcomes[widest].TprGap:0.000} ({names[widest]} vs {bestTprName}) within {t.MaximumTprGap:0.00}");
        return new DecisionVerdict(
            decision.Name,
            favouredName,
            bestTprName,
            FairnessVerdict.Pass,
            string.Create(c, $"lowest impact ratio {outcomes[lowest].ImpactRatio:0.000} ({names[lowest]} vs {favouredName}, {direction} often selected) at or above {t.FourFifths:0.00}; {tprNote}") + smallNote);
    }

    private static DecisionVerdict JudgeCalibration(GroupAudit[] groups, FairnessThresholds t)
    {
        var c = CultureInfo.InvariantCulture;
        const string name = "calibration";
        var judged = groups.Where(g => g.Judged).ToArray();
        if (judged.Length == 0)
        {
            return new DecisionVerdict(name, null, null, FairnessVerdict.NotJudged, string.Create(c, $"no group with {t.MinimumGroupRows} or more rows"));
        }

        var off = judged.Where(g => Math.Abs(g.CalibrationGap) > t.MaximumCalibrationGap).ToArray();
        if (off.Length > 0)
        {
            return new DecisionVerdict(name, null, null, FairnessVerdict.Warn, string.Join("; ", off.Select(g =>
                string.Create(c, $"{g.Group} predicted {g.MeanPredicted:0.0%} on average but {g.BaseRate:0.0%} observed (gap {g.CalibrationGap:+0.000;-0.000} beyond ±{t.MaximumCalibrationGap:0.00})"))));
        }

        var worst = judged.MaxBy(g => Math.Abs(g.CalibrationGap))!;
        return new DecisionVerdict(name, null, null, FairnessVerdict.Pass, string.Create(c, $"mean predicted within ±{t.MaximumCalibrationGap:0.00} of the observed rate in every judged group (widest: {worst.Group}, {worst.CalibrationGap:+0.000;-0.000})"));
    }
}
