using System.Globalization;
using Parley.Modules.Decisioning.Contracts;
using Parley.Modules.Decisioning.Features;

namespace Parley.Modules.Decisioning.Segments;

/// <summary>A segment with the two judgements behind it and a plain-language reason for each.</summary>
public sealed record SegmentAssignment(Segment Segment, bool Able, bool Willing, string AbilityReason, string WillingnessReason)
{
    /// <summary>The low-ability quadrants, where the treatment is help rather than pressure.</summary>
    public bool OffersHardshipSupport => !Able;

    public string Reason => $"{AbilityReason}; {WillingnessReason}";
}

/// <summary>
/// Deterministic ability × willingness rules over the early-warning feature vector, so a segment reads the very
/// statements the score reads. Ability is affordability: how close the balance sits to the credit limit, now and on
/// average (on live accounts income and expenditure will join). Willingness is payment behaviour relative to means:
/// an account that is current, or behind but still paying a tenth of the bill, with arrears not growing, is willing
/// (contact engagement will join). Thresholds are documented in docs/models.md.
/// </summary>
public static class Segmentation
{
    /// <summary>A latest balance at or above this share of the limit leaves no headroom: not able.</summary>
    public const float StretchedLatestUtilisation = 0.90f;

    /// <summary>A six-statement average balance at or above this share of the limit is persistent strain: not able.</summary>
    public const float StretchedMeanUtilisation = 0.80f;

    /// <summary>Behind, and paying under 10 % of the bill this many settled months running (or more), reads as not willing.</summary>
    public const int UnwillingMonthsRunningUnderTenth = 2;

    /// <summary>Arrears grown by more than this many months over three statements reads as not willing.</summary>
    public const float UnwillingArrearsGrowth = 0f;

    /// <summary>
    /// With a propensity score, willing means at least this chance of a payment within 30 days — about the demo
    /// portfolio's base rate (23.5 %), so "not willing" is "less likely to pay than the typical account in collections".
    /// </summary>
    public const double WillingPropensity = 0.25;

    private static readonly int MonthsBehindLatest = IndexOf("months_behind_latest");
    private static readonly int UtilisationLatest = IndexOf("utilisation_latest");
    private static readonly int UtilisationMean = IndexOf("utilisation_mean");
    private static readonly int RunningUnderTenth = IndexOf("months_running_under_10pct");
    private static readonly int ArrearsChange = IndexOf("months_behind_change_3");

    public static SegmentAssignment Assign(AccountFacts facts, ReadOnlySpan<StatementMonth> months) =>
        Assign(EarlyWarningFeatures.Compute(facts, months));

    /// <summary>Assigns from a vector in <see cref="EarlyWarningFeatures.Definitions"/> order, by the statement rules alone.</summary>
    public static SegmentAssignment Assign(ReadOnlySpan<float> features) => Assign(features, null);

    /// <summary>
    /// Assigns from a vector in <see cref="EarlyWarningFeatures.Definitions"/> order; willingness reads the
    /// propensity-to-pay probability when there is one (at or above <see cref="WillingPropensity"/>), the statement
    /// rules otherwise.
    /// </summary>
    public static SegmentAssignment Assign(ReadOnlySpan<float> features, double? propensity)
    {
        if (features.Length != EarlyWarningFeatures.FeatureCount)
        {
            throw new ArgumentException($"Expected {EarlyWarningFeatures.FeatureCount} features.", nameof(features));
        }

        var c = CultureInfo.InvariantCulture;
        var latest = features[UtilisationLatest];
        var mean = features[UtilisationMean];
        var behind = features[MonthsBehindLatest];
        var running = features[RunningUnderTenth];
        var growth = features[ArrearsChange];

        var strain = new List<string>(2);
        if (latest >= StretchedLatestUtilisation)
        {
            strain.Add(string.Create(c, $"the latest balance is {latest:0%} of the credit limit (at or above {StretchedLatestUtilisation:0%})"));
        }

        if (mean >= StretchedMeanUtilisation)
        {
            strain.Add(string.Create(c, $"the balance averaged {mean:0%} of the credit limit over six statements (at or above {StretchedMeanUtilisation:0%})"));
        }

        var able = strain.Count == 0;
        var abilityReason = able
            ? string.Create(c, $"able: headroom left — latest balance {latest:0%} and average {mean:0%} of the credit limit")
            : "not able: " + string.Join(" and ", strain);

        var reluctance = new List<string>(2);
        // A current account has paid at least its minimum, however small against the bill.
        if (behind > 0 && running >= UnwillingMonthsRunningUnderTenth)
        {
            reluctance.Add(string.Create(c, $"{Months(behind)} behind and paid under 10 % of the bill {running:0} settled months running"));
        }

        if (growth > UnwillingArrearsGrowth)
        {
            reluctance.Add(string.Create(c, $"arrears grew by {Months(growth)} over three statements"));
        }

        var willing = reluctance.Count == 0;
        var willingnessReason = (willing, behind > 0) switch
        {
            (false, _) => "not willing: " + string.Join(" and ", reluctance),
            (true, false) => "willing: not behind on the latest statement and arrears did not grow",
            (true, true) => string.Create(c, $"willing: {Months(behind)} behind but paid at least a tenth of the bill in one of the last two settled months, and arrears did not grow"),
        };
        if (propensity is { } p)
        {
            willing = p >= WillingPropensity;
            willingnessReason = willing
                ? string.Create(c, $"willing: a {p:0%} chance of a payment within 30 days (propensity to pay, at or above {WillingPropensity:0%})")
                : string.Create(c, $"not willing: a {p:0%} chance of a payment within 30 days (propensity to pay, under {WillingPropensity:0%})");
        }

        var segment = (able, willing) switch
        {
            (true, true) => Segment.SelfCureReminder,
            (false, true) => Segment.SupportivePlan,
            (true, false) => Segment.FirmButLawful,
            (false, false) => Segment.HumanWithDebtAdvice,
        };
        return new SegmentAssignment(segment, able, willing, abilityReason, willingnessReason);
    }

    /// <summary>The treatment intent of a segment in plain words.</summary>
    public static string TreatmentIntent(Segment segment) => segment switch
    {
        Segment.SelfCureReminder => "self-cure reminder",
        Segment.SupportivePlan => "supportive plan",
        Segment.FirmButLawful => "firm but lawful",
        Segment.HumanWithDebtAdvice => "human contact with debt-advice signposting",
        _ => throw new ArgumentOutOfRangeException(nameof(segment), segment, null),
    };

    private static string Months(float count) =>
        string.Create(CultureInfo.InvariantCulture, $"{count:0} {(count == 1 ? "month" : "months")}");

    private static int IndexOf(string name)
    {
        for (var i = 0; i < EarlyWarningFeatures.Definitions.Count; i++)
        {
            if (EarlyWarningFeatures.Definitions[i].Name == name)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"The early-warning feature set has no '{name}'.");
    }
}
