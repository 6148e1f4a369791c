using Parley.Modules.Care.Contracts;

namespace Parley.Modules.Care.Training;

/// <summary>A GoEmotions comment and the emotions its raters gave it (indices into <see cref="CareLabels.Emotions"/>).</summary>
public sealed record EmotionExample(string Text, IReadOnlySet<int> Emotions);

/// <summary>Reads GoEmotions as shared: <c>train.tsv</c> and <c>dev.tsv</c>, tab-separated <c>text, label ids, comment id</c>, no header.</summary>
public static class GoEmotions
{
    /// <summary>
    /// The emotions a GoEmotions comment must carry to count as (weak) distress for Care's distress head: sadness, grief,
    /// fear and nervousness. Anger, disappointment, remorse and embarrassment were dropped: on Reddit they are mostly
    /// annoyance and regret, not a person's state of panic or despair, and they swamped the head with 411 weak positives.
    /// </summary>
    public static IReadOnlyList<string> DistressEmotions { get; } = ["sadness", "grief", "fear", "nervousness"];

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

            examples.Add(new EmotionExample(parts[0], labels));
        }

        if (examples.Count == 0)
        {
            throw new CareDataException($"{path} has no rows");
        }

        return examples;
    }

    public static bool IsDistress(EmotionExample example) =>
        example.Emotions.Any(i => DistressEmotions.Contains(CareLabels.Emotions[i]));
}
