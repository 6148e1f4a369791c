using Parley.Modules.Care.Contracts;

namespace Parley.Modules.Care.Training;

/// <summary>A forum post the team wrote and labelled for distress, with its split: <c>train</c> rows teach the distress head, <c>test</c> rows score it.</summary>
public sealed record ForumPost(string Id, string Text, bool Distress, string Split)
{
    public DistressExample AsExample() => new(Id, Text, Distress);
}

/// <summary>
/// Reads <c>models/care/data/forum-posts.csv</c>: <c>id,text,distress,split</c>, posts in the style of help-seeking
/// forums (housing, money, work, abuse, anxiety) and, in train, letters to a collector, so the distress head meets
/// post-length text and hard negatives on the same topics. Three writers, none of whom saw another's texts (datasheet).
/// </summary>
public static class ForumPosts
{
    public static IReadOnlyList<ForumPost> Read(string path)
    {
        var rows = new List<ForumPost>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (row, field) in CareCsv.ReadTable(path, "id", "text", "distress", "split"))
        {
            var id = field("id").Trim();
            if (id.Length == 0 || !ids.Add(id))
            {
                throw new CareDataException($"{path}: row {row}: field 'id' is {(id.Length == 0 ? "empty" : $"'{id}' again")}");
            }

            var distress = field("distress").Trim() switch
            {
                "1" => true,
                "0" => false,
                var other => throw new CareDataException($"{path}: row {row}: field 'distress' is '{other}'; use 1 or 0"),
            };
            var split = field("split").Trim();
            if (split is not ("train" or "test"))
            {
                throw new CareDataException($"{path}: row {row}: field 'split' is '{split}'; use train or test");
            }

            rows.Add(new ForumPost(id, field("text"), distress, split));
        }

        return rows.Count > 0 ? rows : throw new CareDataException($"{path} has a header and no rows");
    }
}
