using Parley.Modules.Care.Contracts;
using Parley.Modules.Care.Model;
using Parley.Modules.Care.Rules;
using Parley.Modules.Care.Text;
using Parley.SharedKernel;

namespace Parley.Modules.Care;

/// <summary>
/// The pipeline: clean the message, run the rules over all of it, score every head over its first
/// <see cref="TextFeatures.ModelChars"/> characters (and, for a model whose emotion heads stack the sentence encoder,
/// over the embedding of its first <see cref="SentenceEmbeddings.MaxChars"/>), and flag a legally material intent or
/// crisis when a rule matched or the model passed its threshold (rules are the floor, never overruled by a score). Thread-safe.
/// </summary>
public sealed class CareClassifier(CareModel? model) : ICareBatchClassifier
{
    private const int EvidenceWordsPerFlag = 3;

    public string ModelVersion { get; } = model?.Version ?? "rules-only";

    public CareModel? Model { get; } = model;

    /// <summary>The shipped model, or rules alone when the build carries none.</summary>
    public static CareClassifier Default() => new(CareModel.Default());

    public CareClassification Classify(CareText text) => Score(Clean(text), embedding: null);

    /// <summary>
    /// As <see cref="Classify"/> on each message, with the sentence encoder taking the texts of like length eight to a call
    /// (a text's embedding is the same alone or in a batch; ADR 20).
    /// </summary>
    public IReadOnlyList<CareBatchResult> ClassifyAll(IReadOnlyList<CareText> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var cleaned = new string?[texts.Count];
        var results = new CareBatchResult[texts.Count];
        Parallel.For(0, texts.Count, i =>
        {
            try
            {
                cleaned[i] = Clean(texts[i]);
            }
            catch (DomainException e)
            {
                results[i] = new CareBatchResult(null, e.Error);
            }
        });

        var readable = Enumerable.Range(0, texts.Count).Where(i => cleaned[i] is not null).ToArray();
        var embeddings = Model is { ReadsEmbeddings: true } ? SentenceEmbeddings.Shared.EmbedAll([.. readable.Select(i => cleaned[i]!)]) : null;
        Parallel.For(0, readable.Length, k => results[readable[k]] = new CareBatchResult(Score(cleaned[readable[k]]!, embeddings?[k]), null));
        return results;
    }

    /// <summary>The part of a message that is read (the new part of a reply, HTML reduced to text); a text over the limit is refused.</summary>
    private static string Clean(CareText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var raw = text.Text ?? "";
        if (raw.Length > ICareClassifier.MaxLength)
        {
            throw new DomainException(new CareTextTooLarge(raw.Length));
        }

        return MessageCleaner.Clean(text);
    }

    /// <summary>Rules and heads over a cleaned text; <paramref name="embedding"/> when the caller encoded it already.</summary>
    private CareClassification Score(string cleaned, float[]? embedding)
    {
        var matches = CareRules.Match(cleaned);
        var tokens = TextFeatures.Tokenise(cleaned);
        var features = TextFeatures.Compute(tokens);
        embedding ??= Model is { ReadsEmbeddings: true } ? SentenceEmbeddings.Shared.Embed(cleaned) : null;
        var evidence = new List<Evidence>();
        var ruleLabels = matches.Select(m => m.Label).ToHashSet();

        // A short reply that owns the debt in so many words and states no dispute a rule can see is not one the model may raise on its own.
        var acknowledged = cleaned.Length < LinearHead.ShortTextChars
            && !ruleLabels.Overlaps(CareLabels.DisputeKinds) && !ruleLabels.Contains(CareLabel.Dispute)
            && CareRules.AcknowledgesDebt(cleaned);

        LabelSignal SignalOf(CareLabel label)
        {
            var head = Model?.Head(CareLabels.Code(label));
            var probability = head?.Probability(features, embedding) ?? 0;
            var silenced = acknowledged && (label == CareLabel.Dispute || CareLabels.DisputeKinds.Contains(label));
            var byModel = head is not null && LinearHead.ModelFlags(probability, head.ThresholdFor(cleaned.Length)) && !silenced;
            var byRule = ruleLabels.Contains(label);
            var source = (byRule, byModel) switch
            {
                (true, true) => SignalSource.RuleAndModel,
                (true, false) => SignalSource.Rule,
                (false, true) => SignalSource.Model,
                _ => SignalSource.None,
            };
            if (byModel && !byRule)
            {
                evidence.AddRange(ModelEvidence(label, head!, tokens, cleaned));
            }

            return new LabelSignal(label, CareLabels.Code(label), probability, byRule || byModel, source);
        }

        var intents = CareLabels.Intents.Select(SignalOf).ToList();
        var vulnerability = CareLabels.Vulnerabilities.Select(SignalOf).ToList();
        var crisis = SignalOf(CareLabel.Crisis);
        var distress = SignalOf(CareLabel.Distress);
        var dispute = SignalOf(CareLabel.Dispute);
        var anyDisputeKind = intents.Any(i => i.Flagged && CareLabels.DisputeKinds.Contains(i.Label));
        var disputeSource = (anyDisputeKind || dispute.Source is SignalSource.Rule or SignalSource.RuleAndModel, dispute.Source is SignalSource.Model or SignalSource.RuleAndModel) switch
        {
            (true, true) => SignalSource.RuleAndModel,
            (true, false) => SignalSource.Rule,
            (false, true) => SignalSource.Model,
            _ => SignalSource.None,
        };

        var emotions = Model is null
            ? []
            : CareLabels.Emotions.Select(e => Model.Head(e) is { } head && head.Probability(features, embedding) is var p
                ? new EmotionSignal(e, p, LinearHead.ModelFlags(p, head.Threshold))
                : new EmotionSignal(e, 0, false)).ToList();

        foreach (var match in Deduplicate(matches))
        {
            evidence.Add(new Evidence(match.Label, CareLabels.Code(match.Label), match.Start, match.Length, cleaned.Substring(match.Start, match.Length), match.Rule));
        }

        return new CareClassification(
            cleaned,
            new Signal(dispute.Probability, dispute.Flagged || anyDisputeKind, disputeSource),
            new Signal(distress.Probability, distress.Flagged, distress.Source),
            new Signal(crisis.Probability, crisis.Flagged, crisis.Source),
            intents,
            vulnerability,
            emotions,
            [.. evidence.OrderBy(e => e.Start).ThenBy(e => e.Label)],
            ModelVersion,
            cleaned.Length > TextFeatures.ModelChars);
    }

    /// <summary>Overlapping matches of one label collapse to the first, longest: one highlight per phrase.</summary>
    private static IEnumerable<RuleMatch> Deduplicate(IReadOnlyList<RuleMatch> matches)
    {
        foreach (var group in matches.GroupBy(m => m.Label))
        {
            var end = -1;
            foreach (var match in group.OrderBy(m => m.Start).ThenByDescending(m => m.Length))
            {
                if (match.Start >= end)
                {
                    yield return match;
                    end = match.Start + match.Length;
                }
            }
        }
    }

    // Function words carry weight in an unpruned head but explain nothing to the person reading the highlight.
    private static readonly HashSet<string> NotEvidence = new(StringComparer.Ordinal)
    {
        "the", "this", "that", "and", "but", "for", "with", "you", "your", "are", "was", "have", "has", "had", "not", "its",
        "it's", "i'm", "i've", "i'll", "can", "will", "from", "they", "them", "our", "all", "any", "just", "what", "there",
        "los", "las", "del", "que", "por", "para", "con", "una", "uno", "mis", "sus", "esta", "este", "eso", "esto", "pero",
    };

    /// <summary>For a flag only the model raised: the words whose weights pushed it up most, as spans of the text.</summary>
    private static IEnumerable<Evidence> ModelEvidence(CareLabel label, LinearHead head, IReadOnlyList<Token> tokens, string text) =>
        tokens
            .Where(t => t.Text.Length >= 3 && !NotEvidence.Contains(t.Text))
            .Select(t => (Token: t, Weight: head.WeightOf(TextFeatures.WordIndex(t.Text))))
            .Where(t => t.Weight > 0)
            .GroupBy(t => t.Token.Text)
            .Select(g => g.First())
            .OrderByDescending(t => t.Weight)
            .Take(EvidenceWordsPerFlag)
            .Select(t => new Evidence(label, CareLabels.Code(label), t.Token.Start, t.Token.Length, text.Substring(t.Token.Start, t.Token.Length), "model"));
}
