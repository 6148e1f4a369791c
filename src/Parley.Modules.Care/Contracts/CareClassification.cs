using Parley.SharedKernel;

namespace Parley.Modules.Care.Contracts;

/// <summary>How a text arrived: plain text is read as it is; HTML is reduced to text first. Both lose quoted threads and signatures.</summary>
public enum CareTextFormat
{
    Plain,
    Html,
}

/// <summary>One message to read: an SMS or e-mail reply, a portal or assistant message, an agent note, a transcript.</summary>
public sealed record CareText(string Text, CareTextFormat Format = CareTextFormat.Plain);

/// <summary>Where a flag came from: a rule matched (the floor), the model scored at or above its threshold, or both.</summary>
public enum SignalSource
{
    None,
    Rule,
    Model,
    RuleAndModel,
}

/// <summary>A calibrated probability and whether it is flagged (at the label's documented threshold, or by a rule).</summary>
public sealed record Signal(double Probability, bool Flagged, SignalSource Source);

/// <summary>A label with its signal.</summary>
public sealed record LabelSignal(CareLabel Label, string Code, double Probability, bool Flagged, SignalSource Source);

/// <summary>A GoEmotions label with its probability and whether it passed its threshold.</summary>
public sealed record EmotionSignal(string Emotion, double Probability, bool Flagged);

/// <summary>A phrase that raised a flag: a character span of <see cref="CareClassification.Text"/>, the rule that matched it (or "model" for the model's strongest words).</summary>
public sealed record Evidence(CareLabel Label, string Code, int Start, int Length, string Phrase, string Rule);

/// <summary>
/// What one message shows. <see cref="Text"/> is the part read (the new part of a reply, HTML reduced to text);
/// evidence spans index into it. Scores prioritise and route; they never deny help.
/// </summary>
public sealed record CareClassification(
    string Text,
    Signal Dispute,
    Signal Distress,
    Signal Crisis,
    IReadOnlyList<LabelSignal> Intents,
    IReadOnlyList<LabelSignal> Vulnerability,
    IReadOnlyList<EmotionSignal> Emotions,
    IReadOnlyList<Evidence> Evidence,
    string ModelVersion,
    bool Truncated)
{
    public IEnumerable<LabelSignal> FlaggedIntents => Intents.Where(i => i.Flagged);

    public IEnumerable<LabelSignal> FlaggedVulnerability => Vulnerability.Where(v => v.Flagged);

    public IEnumerable<EmotionSignal> FlaggedEmotions => Emotions.Where(e => e.Flagged);
}

/// <summary>The port a host calls to read a message. Implementations are thread-safe and never throw for odd text, only for text over <see cref="MaxLength"/>.</summary>
public interface ICareClassifier
{
    /// <summary>Characters accepted: larger text is refused with <see cref="CareTextTooLarge"/>.</summary>
    const int MaxLength = 4_000_000;

    string ModelVersion { get; }

    CareClassification Classify(CareText text);
}

/// <summary>A classifier that reads a file's worth of messages together, sharing the sentence encoder's work across them.</summary>
public interface ICareBatchClassifier : ICareClassifier
{
    /// <summary>
    /// Several messages, in order, each read exactly as <see cref="ICareClassifier.Classify"/> reads it alone; a message
    /// that cannot be read (over <see cref="ICareClassifier.MaxLength"/>) gets its error in its place.
    /// </summary>
    IReadOnlyList<CareBatchResult> ClassifyAll(IReadOnlyList<CareText> texts);
}

/// <summary>One message of <see cref="ICareBatchClassifier.ClassifyAll"/>: its classification, or why it could not be read.</summary>
public sealed record CareBatchResult(CareClassification? Classification, DomainError? Error);

/// <summary>Text larger than the classifier reads.</summary>
public sealed record CareTextTooLarge(int Length)
    : DomainError("care.text_too_large", $"The text is {Length:N0} characters; Care reads at most {ICareClassifier.MaxLength:N0}.", ErrorKind.TooLarge);
