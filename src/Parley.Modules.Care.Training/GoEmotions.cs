using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Parley.Modules.Care.Contracts;

namespace Parley.Modules.Care.Training;

/// <summary>A GoEmotions comment, the emotions its raters gave it (indices into <see cref="CareLabels.Emotions"/>) and its Reddit comment id (empty when the file has none).</summary>
public sealed record EmotionExample(string Text, IReadOnlySet<int> Emotions, string Id = "");

/// <summary>Reads GoEmotions as shared: <c>train.tsv</c> and <c>dev.tsv</c>, tab-separated <c>text, label ids, comment id</c>, no header.</summary>
public static class GoEmotions
{
    /// <summary>Percent of GoEmotions train held out as a stand-in for the official test split (not in the shared data): never trained on, never used to choose anything.</summary>
    public const int HeldOutPercent = 10;

    /// <summary>
    /// Whether a train comment belongs to the held-out part: the first four bytes of SHA-256 of its comment id (UTF-8),
    /// big-endian, modulo 100, below <see cref="HeldOutPercent"/>. Stable across runs, machines and file order.
    /// </summary>
    public static bool IsHeldOut(string commentId)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(commentId), hash);
        return BinaryPrimitives.ReadUInt32BigEndian(hash) % 100 < HeldOutPercent;
    }

    /// <summary>GoEmotions train split in two: what the heads learn from, and the held-out part (by <see cref="IsHeldOut"/>; a row without an id is never held out).</summary>
    public static (IReadOnlyList<EmotionExample> Train, IReadOnlyList<EmotionExample> HeldOut) SplitTrain(IReadOnlyList<EmotionExample> train) =>
        ([.. train.Where(e => e.Id.Length == 0 || !IsHeldOut(e.Id))], [.. train.Where(e => e.Id.Length > 0 && IsHeldOut(e.Id))]);

    /// <summary>
    /// Topic words for the Reddit distress proxy (<c>models/care/data/reddit-distress.csv</c>): money, debt, work, rent and
    /// housing, bills, stress. Fixed before any comment's labels or the model's outputs were looked at; a held-out comment
    /// that contains one (whole word, case-insensitive) is a candidate.
    /// </summary>
    public static IReadOnlyList<string> DistressTopicWords { get; } =
    [
        "money", "cash", "broke", "afford", "debt", "debts", "loan", "loans", "credit card", "mortgage", "bank", "overdraft",
        "bill", "bills", "rent", "landlord", "evicted", "eviction", "homeless", "housing", "apartment", "lease",
        "job", "jobs", "work", "working", "boss", "fired", "laid off", "unemployed", "paycheck", "salary", "wage", "wages",
        "income", "tax", "taxes", "savings", "budget", "expensive", "poor", "insurance", "stress", "stressed", "stressful",
        "anxiety", "anxious", "panic", "overwhelmed", "cope", "coping",
    ];

    private static readonly Regex TopicPattern = new(
        @"\b(" + string.Join('|', DistressTopicWords.Select(Regex.Escape)) + @")\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

    /// <summary>Whether a comment is about money, debt, work, housing, bills or stress by <see cref="DistressTopicWords"/>.</summary>
    public static bool IsDistressTopic(string text) => TopicPattern.IsMatch(text);

    public static IReadOnlyList<EmotionExample> Read(string directory, string split)
    {
        var path = Path.Combine(directory, split + ".tsv");
        if (!File.Exists(path))
        {
            throw new CareDataException($"{path} does not exist: --goemotions names the directory holding train.tsv and dev.tsv");
        }

        var examples = new List<EmotionExample>();
        var row = 0;
        foreach (var line in File.ReadLines(path))
        {
            row++;
            if (line.Length == 0)
            {
                continue;
            }

            var parts = line.Split('\t');
            if (parts.Length < 2)
            {
                throw new CareDataException($"{path}: row {row}: {parts.Length} tab-separated fields; expected text, label ids, comment id");
            }

            var labels = new HashSet<int>();
            foreach (var id in parts[1].Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!int.TryParse(id, out var index) || index < 0 || index >= CareLabels.Emotions.Count)
                {
                    throw new CareDataException($"{path}: row {row}: label id '{id}' is not 0–{CareLabels.Emotions.Count - 1}");
                }

                labels.Add(index);
            }

            examples.Add(new EmotionExample(parts[0], labels, parts.Length > 2 ? parts[2].Trim() : ""));
        }

        if (examples.Count == 0)
        {
            throw new CareDataException($"{path} has no rows");
        }

        return examples;
    }

    /// <summary>GoEmotions' test split when <c>test.tsv</c> is in the directory (the shared data holds train and dev only), else null.</summary>
    public static IReadOnlyList<EmotionExample>? ReadTestIfPresent(string directory) =>
        File.Exists(Path.Combine(directory, "test.tsv")) ? Read(directory, "test") : null;

    public static bool IsDistress(EmotionExample example) =>
        example.Emotions.Any(i => CareLabels.DistressEmotions.Contains(CareLabels.Emotions[i]));
}
