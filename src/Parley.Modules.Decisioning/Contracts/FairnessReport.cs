using System.Text.Json.Serialization;

namespace Parley.Modules.Decisioning.Contracts;

/// <summary>Whether being selected by a decision harms (adverse) or helps (beneficial) the person selected.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DecisionKind>))]
public enum DecisionKind
{
    [JsonStringEnumMemberName("adverse")]
    Adverse,

    [JsonStringEnumMemberName("beneficial")]
    Beneficial,
}

[JsonConverter(typeof(JsonStringEnumConverter<FairnessVerdict>))]
public enum FairnessVerdict
{
    [JsonStringEnumMemberName("pass")]
    Pass,

    [JsonStringEnumMemberName("warn")]
    Warn,

    /// <summary>Fewer than two groups large enough to compare.</summary>
    [JsonStringEnumMemberName("not judged")]
    NotJudged,
}

/// <summary>The thresholds the verdicts use; <see cref="Default"/> is documented in docs/models.md.</summary>
public sealed record FairnessThresholds(int MinimumGroupRows, double FourFifths, double MaximumTprGap, double MaximumCalibrationGap)
{
    public static FairnessThresholds Default { get; } = new(30, 0.8, 0.10, 0.05);
}

/// <summary>A decision as the report shows it: its rule, and how many of all rows (and of all positives) it selects.</summary>
public sealed record DecisionSummary(string Name, DecisionKind Kind, string Rule, int Selected, double SelectionRate, double? TruePositiveRate);

/// <summary>
/// One group's outcome under one decision. <see cref="ImpactRatio"/> compares with the decision's favoured group
/// (1 = treated as well as the favoured group, below 0.8 fails the four-fifths rule); <see cref="TprGap"/> is the best
/// group's true-positive rate minus this group's. The ratio is null for a group under the minimum rows, the gap also for one
/// under the minimum positives.
/// </summary>
public sealed record GroupDecision(string Decision, int Selected, double SelectionRate, double? TruePositiveRate, double? ImpactRatio, double? TprGap);

/// <summary>One group of one attribute: size, base rate, calibration and its outcome under each decision.</summary>
public sealed record GroupAudit(
    string Group,
    int Rows,
    int Positives,
    double BaseRate,
    double MeanPredicted,
    double CalibrationGap,
    double ExpectedCalibrationError,
    bool Judged,
    IReadOnlyList<GroupDecision> Decisions);

public sealed record DecisionVerdict(string Decision, string? FavouredGroup, string? BestTprGroup, FairnessVerdict Verdict, string Reason);

public sealed record AttributeAudit(string Attribute, IReadOnlyList<GroupAudit> Groups, IReadOnlyList<DecisionVerdict> Verdicts, DecisionVerdict Calibration);

/// <summary>The fairness audit of one set of predictions: per attribute, per group, per decision, with verdicts.</summary>
public sealed record FairnessReport(
    string Predictions,
    int Rows,
    int Positives,
    FairnessThresholds Thresholds,
    IReadOnlyList<DecisionSummary> Decisions,
    IReadOnlyList<AttributeAudit> Attributes)
{
    /// <summary>Warn when any decision or calibration verdict warns; written first so a reader sees it first.</summary>
    [JsonPropertyOrder(-1)]
    public FairnessVerdict Overall => Attributes.SelectMany(a => a.Verdicts.Append(a.Calibration)).Any(v => v.Verdict == FairnessVerdict.Warn) ? FairnessVerdict.Warn : FairnessVerdict.Pass;
}
