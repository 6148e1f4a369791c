using Parley.Modules.Care.Contracts;
using Parley.Modules.Care.Rules;
using Parley.Modules.Care.Text;

namespace Parley.Modules.Care.Training;

/// <summary>Calibration of one summary signal on one set: expected calibration error and the reliability table.</summary>
public sealed record CalibrationReport(string Label, string Set, double ExpectedCalibrationError, IReadOnlyList<ReliabilityBin> Bins);

/// <summary>Every figure a card publishes; each set is absent when it was not given.</summary>
public sealed record CareEvaluationReport(
    IReadOnlyList<LabelMetrics>? Messages,
    IReadOnlyList<LabelMetrics>? MessagesRulesOnly,
    IReadOnlyList<CalibrationReport>? Calibration,
    Interval? GoEmotionsDevMacroF1,
    Interval? GoEmotionsDevHeldHalfMacroF1,
    IReadOnlyList<LabelMetrics>? GoEmotionsDevHeldHalf,
    LabelMetrics? GoEmotionsDistress,
    IReadOnlyList<LabelMetrics>? Narratives,
    IReadOnlyList<LabelMetrics>? NarrativesRulesOnly,
    double? MessagesPerSecond,
    IReadOnlyList<NarrativePart>? NarrativeParts = null,
    IReadOnlyList<FailureCase>? Failures = null,
    Interval? GoEmotionsHeldOutMacroF1 = null,
    IReadOnlyList<LabelMetrics>? GoEmotionsHeldOut = null,
    DistressReport? RedditDistress = null,
    Interval? GoEmotionsTestMacroF1 = null,
    IReadOnlyList<LabelMetrics>? GoEmotionsTest = null,
    DistressReport? DistressPosts = null,
    IReadOnlyList<LabelMetrics>? GoEmotionsDev = null,
    DistressReport? ForumPosts = null);

/// <summary>A dispute the classifier missed or raised wrongly: the set, the row's id and the start of its text (the card lists them).</summary>
public sealed record FailureCase(string Set, string Kind, string Id, double Probability, string Excerpt);

/// <summary>One part of the hand-labelled narratives, by its split: <c>dev</c> (read while the rules were written) or <c>held-out</c> (labelled after the rules were frozen).</summary>
public sealed record NarrativePart(string Split, int Rows, IReadOnlyList<LabelMetrics> Metrics, IReadOnlyList<LabelMetrics> RulesOnly);

/// <summary>Scores a classifier (rules and model together, as a host runs it) on the labelled sets.</summary>
public static class CareEvaluation
{
    public const int Seed = 17;

    public static bool Flagged(CareClassification c, CareLabel label) => label switch
    {
        CareLabel.Dispute => c.Dispute.Flagged,
        CareLabel.Distress => c.Distress.Flagged,
        CareLabel.Crisis => c.Crisis.Flagged,
        _ => c.Intents.Concat(c.Vulnerability).First(s => s.Label == label).Flagged,
    };

    public static CareEvaluationReport Run(
        ICareClassifier classifier,
        IReadOnlyList<LabelledMessage>? messages,
        IReadOnlyList<EmotionExample>? goDev,
        IReadOnlyList<LabelledMessage>? narratives,
        IReadOnlyList<EmotionExample>? goHeldOut = null,
        IReadOnlyList<DistressExample>? redditDistress = null,
        IReadOnlyList<EmotionExample>? goTest = null,
        IReadOnlyList<DistressExample>? distressPosts = null,
        IReadOnlyList<DistressExample>? forumPosts = null)
    {
        IReadOnlyList<LabelMetrics>? messageMetrics = null, rulesOnly = null, narrativeMetrics = null, narrativeRules = null;
        IReadOnlyList<CalibrationReport>? calibration = null;
        IReadOnlyList<NarrativePart>? parts = null;
        var failures = new List<FailureCase>();
        double? speed = null;
        if (messages is { Count: > 0 })
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var results = ClassifyAll(classifier, messages.Select(m => m.Text));
            speed = Math.Round(messages.Count / System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds, 0);
            messageMetrics = LabelTable(messages, results);
            rulesOnly = RulesOnly(messages);
            failures.AddRange(DisputeFailures("own test", messages, results));
            calibration =
            [
                new CalibrationReport("dispute", "messages", Metrics.ExpectedCalibrationError(Truth(messages, CareLabel.Dispute), [.. results.Select(r => r.Dispute.Probability)]), Metrics.Reliability(Truth(messages, CareLabel.Dispute), [.. results.Select(r => r.Dispute.Probability)], 5)),
                new CalibrationReport("distress", "messages", Metrics.ExpectedCalibrationError(Truth(messages, CareLabel.Distress), [.. results.Select(r => r.Distress.Probability)]), Metrics.Reliability(Truth(messages, CareLabel.Distress), [.. results.Select(r => r.Distress.Probability)], 5)),
            ];
        }

        if (narratives is { Count: > 0 })
        {
            var results = ClassifyAll(classifier, narratives.Select(m => m.Text));
            narrativeMetrics = LabelTable(narratives, results, onlyLabelled: true);
            narrativeRules = RulesOnly(narratives, onlyLabelled: true);
            foreach (var part in narratives.Select((n, i) => (n, i)).GroupBy(p => p.n.Split).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                failures.AddRange(DisputeFailures($"CFPB {part.Key}", [.. part.Select(p => p.n)], [.. part.Select(p => results[p.i])]));
            }

            // The parts apart: figures on the part the rules were written from flatter them; the held-out part is the honest one.
            if (narratives.Select(n => n.Split).Distinct().Count() > 1)
            {
                parts = [.. narratives.Select((n, i) => (n, i)).GroupBy(p => p.n.Split).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
                {
                    var rows = g.Select(p => p.n).ToList();
                    return new NarrativePart(g.Key, rows.Count, LabelTable(rows, [.. g.Select(p => results[p.i])], onlyLabelled: true), RulesOnly(rows, onlyLabelled: true));
                })];
            }
        }

        Interval? macro = null, macroHeld = null;
        IReadOnlyList<LabelMetrics>? held = null, dev = null;
        LabelMetrics? distress = null;
        if (goDev is { Count: > 0 })
        {
            var results = ClassifyAll(classifier, goDev.Select(e => e.Text));
            var truths = CareLabels.Emotions.Select((_, i) => (IReadOnlyList<bool>)[.. goDev.Select(e => e.Emotions.Contains(i))]).ToList();
            var flags = CareLabels.Emotions.Select((_, i) => (IReadOnlyList<bool>)[.. results.Select(r => r.Emotions.Count > i && r.Emotions[i].Flagged)]).ToList();
            macro = Metrics.MacroF1(truths, flags, Seed);
            dev = [.. CareLabels.Emotions.Select((e, l) => Metrics.Label(e, truths[l], flags[l], Seed + l))];

            // The odd rows alone: before 2026-12-07 the even ones fitted calibration and thresholds; kept so cards compare.
            var odd = Enumerable.Range(0, goDev.Count).Where(i => i % 2 == 1).ToList();
            var heldTruths = truths.Select(t => (IReadOnlyList<bool>)[.. odd.Select(i => t[i])]).ToList();
            var heldFlags = flags.Select(f => (IReadOnlyList<bool>)[.. odd.Select(i => f[i])]).ToList();
            macroHeld = Metrics.MacroF1(heldTruths, heldFlags, Seed);
            held = [.. CareLabels.Emotions.Select((e, l) => Metrics.Label(e, heldTruths[l], heldFlags[l], Seed + l))];
            distress = Metrics.Label("distress (GoEmotions distress emotions, dev odd rows)", [.. odd.Select(i => GoEmotions.IsDistress(goDev[i]))], [.. odd.Select(i => results[i].Distress.Flagged)], Seed);
        }

        // GoEmotions train's held-out part stands in for the test split: no head learnt from it and no threshold was chosen on it.
        var (heldOutMacro, heldOut) = EmotionScores(classifier, goHeldOut);

        // The test split itself, when whoever evaluates has it.
        var (testMacro, test) = EmotionScores(classifier, goTest);

        var reddit = DistressScores(classifier, "Reddit distress", redditDistress);
        var posts = DistressScores(classifier, "distress posts", distressPosts);
        var forum = DistressScores(classifier, "forum posts", forumPosts);

        return new CareEvaluationReport(messageMetrics, rulesOnly, calibration, macro, macroHeld, held, distress, narrativeMetrics, narrativeRules, speed, parts, failures.Count > 0 ? failures : null,
            heldOutMacro, heldOut, reddit, testMacro, test, posts, dev, forum);
    }

    /// <summary>Macro-F1 over the 28 emotions with its interval, and each emotion's figures, on comments no choice was made on.</summary>
    private static (Interval? Macro, IReadOnlyList<LabelMetrics>? PerEmotion) EmotionScores(ICareClassifier classifier, IReadOnlyList<EmotionExample>? rows)
    {
        if (rows is not { Count: > 0 })
        {
            return (null, null);
        }

        var results = ClassifyAll(classifier, rows.Select(e => e.Text));
        var truths = CareLabels.Emotions.Select((_, i) => (IReadOnlyList<bool>)[.. rows.Select(e => e.Emotions.Contains(i))]).ToList();
        var flags = CareLabels.Emotions.Select((_, i) => (IReadOnlyList<bool>)[.. results.Select(r => r.Emotions.Count > i && r.Emotions[i].Flagged)]).ToList();
        return (Metrics.MacroF1(truths, flags, Seed), [.. CareLabels.Emotions.Select((e, l) => Metrics.Label(e, truths[l], flags[l], Seed + l))]);
    }

    /// <summary>Distress as a person is shown it (rules and model) and by the rules alone, with every miss and false alarm.</summary>
    private static DistressReport? DistressScores(ICareClassifier classifier, string set, IReadOnlyList<DistressExample>? rows)
    {
        if (rows is not { Count: > 0 })
        {
            return null;
        }

        var results = ClassifyAll(classifier, rows.Select(r => r.Text));
        var truth = rows.Select(r => r.Distress).ToList();
        var shown = results.Select(r => r.Distress.Flagged).ToList();
        var rules = rows.Select(r => CareTraining.RuleLabels(r.Text).Contains(CareLabel.Distress)).ToList();
        var misses = rows.Select((r, i) => (r, i)).Where(p => p.r.Distress != shown[p.i])
            .Select(p => new FailureCase(set, p.r.Distress ? "missed distress" : "false alarm", p.r.Id, Math.Round(results[p.i].Distress.Probability, 3), Excerpt(p.r.Text)))
            .ToList();
        return new DistressReport(rows.Count, truth.Count(t => t),
            Metrics.Label("distress (rules and model)", truth, shown, Seed), Metrics.Label("distress (rules alone)", truth, rules, Seed), misses);
    }

    /// <summary>Every text's classification, in order, on every core (the classifier is thread-safe; the sentence encoder runs a session per core).</summary>
    private static List<CareClassification> ClassifyAll(ICareClassifier classifier, IEnumerable<string> texts) =>
        [.. texts.AsParallel().AsOrdered().WithDegreeOfParallelism(Environment.ProcessorCount).Select(t => classifier.Classify(new CareText(t)))];

    private static string Excerpt(string text)
    {
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length > ExcerptChars ? flat[..ExcerptChars] + "…" : flat;
    }

    private const int ExcerptChars = 110;

    /// <summary>Every missed dispute and every false alarm, so the card shows what the figures are made of.</summary>
    private static IEnumerable<FailureCase> DisputeFailures(string set, IReadOnlyList<LabelledMessage> rows, IReadOnlyList<CareClassification> results)
    {
        for (var i = 0; i < rows.Count; i++)
        {
            var truth = rows[i].Has(CareLabel.Dispute);
            if (truth != results[i].Dispute.Flagged)
            {
                yield return new FailureCase(set, truth ? "missed dispute" : "false alarm", rows[i].Id, Math.Round(results[i].Dispute.Probability, 3), Excerpt(rows[i].Text));
            }
        }
    }

    private static List<bool> Truth(IReadOnlyList<LabelledMessage> messages, CareLabel label) => [.. messages.Select(m => m.Has(label))];

    private static IEnumerable<CareLabel> Scored(IReadOnlyList<LabelledMessage> messages, bool onlyLabelled) =>
        onlyLabelled ? CareLabels.All.Where(l => messages.Any(m => m.Has(l)) || l == CareLabel.Dispute) : CareLabels.All;

    private static List<LabelMetrics> LabelTable(IReadOnlyList<LabelledMessage> messages, IReadOnlyList<CareClassification> results, bool onlyLabelled = false) =>
        [.. Scored(messages, onlyLabelled).Select((label, k) => Metrics.Label(CareLabels.Code(label), Truth(messages, label), [.. results.Select(r => Flagged(r, label))], Seed + k))];

    /// <summary>The floor alone: what the rules catch with no model at all.</summary>
    private static List<LabelMetrics> RulesOnly(IReadOnlyList<LabelledMessage> messages, bool onlyLabelled = false)
    {
        var matched = messages.Select(m => CareRules.Match(MessageCleaner.Clean(new CareText(m.Text))).Select(r => r.Label).ToHashSet()).ToList();
        return [.. Scored(messages, onlyLabelled)
            .Where(l => CareRules.LabelsWithRules.Contains(l) || l == CareLabel.Dispute)
            .Select((label, k) => Metrics.Label(CareLabels.Code(label), Truth(messages, label),
                [.. matched.Select(set => label == CareLabel.Dispute ? set.Contains(CareLabel.Dispute) || CareLabels.DisputeKinds.Any(set.Contains) : set.Contains(label))], Seed + k))];
    }
}
