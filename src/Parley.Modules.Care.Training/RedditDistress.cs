using Parley.Modules.Care.Contracts;

namespace Parley.Modules.Care.Training;

/// <summary>A text labelled for distress: a Reddit comment of the proxy (<c>models/care/data/reddit-distress.csv</c>) or a social-media post (<see cref="DistressPosts"/>).</summary>
public sealed record DistressExample(string Id, string Text, bool Distress);

/// <summary>Distress on one labelled set: rules and model as a host runs them, the rules alone, and every miss and false alarm.</summary>
public sealed record DistressReport(int Rows, int Positives, LabelMetrics RulesAndModel, LabelMetrics RulesAlone, IReadOnlyList<FailureCase> Failures);

/// <summary>
/// Reads the Reddit distress proxy: <c>id,text,distress</c> (1 or 0). Every id must lie in GoEmotions' held-out part
/// (<see cref="GoEmotions.IsHeldOut"/>): a comment the heads were trained on would flatter them.
/// </summary>
public static class RedditDistress
{
    public static IReadOnlyList<DistressExample> Read(string path)
    {
        var rows = new List<DistressExample>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (row, field) in CareCsv.ReadTable(path, "id", "text", "distress"))
        {
            var id = field("id").Trim();
            if (id.Length == 0 || !ids.Add(id))
            {
                throw new CareDataException($"{path}: row {row}: field 'id' is {(id.Length == 0 ? "empty" : $"'{id}' again")}");
            }

            if (!GoEmotions.IsHeldOut(id))
            {
                throw new CareDataException($"{path}: row {row}: field 'id' '{id}' is not in GoEmotions' held-out part, so the model may have been trained on it");
            }

            var distress = field("distress").Trim() switch
            {
                "1" => true,
                "0" => false,
                var other => throw new CareDataException($"{path}: row {row}: field 'distress' is '{other}'; use 1 or 0"),
            };
            rows.Add(new DistressExample(id, field("text"), distress));
        }

        if (rows.Count == 0)
        {
            throw new CareDataException($"{path} has a header and no rows");
        }

        return rows;
    }
}
