using Parley.Modules.Care.Contracts;

namespace Parley.Modules.Care.Training;

/// <summary>
/// Reads social-media posts labelled for distress from a set the team does not have, such as Dreaddit (Turcan and
/// McKeown, 2019): a CSV with a <c>text</c> column and a <c>label</c> (Dreaddit's: 1 = stress) or <c>distress</c>
/// column of 1 or 0; other columns are ignored. A row's id is its <c>id</c> or <c>post_id</c>, else its row number.
/// </summary>
public static class DistressPosts
{
    public static IReadOnlyList<DistressExample> Read(string path)
    {
        var header = CareCsv.Header(path);
        var labelColumn = header.Contains("distress") ? "distress" : header.Contains("label") ? "label"
            : throw new CareDataException($"{path}: row 1: the header has no 'label' or 'distress' column (1 = distress, 0 = not)");
        var idColumn = header.Contains("id") ? "id" : header.Contains("post_id") ? "post_id" : null;
        var rows = new List<DistressExample>();
        foreach (var (row, field) in CareCsv.ReadTable(path, "text", labelColumn))
        {
            var distress = field(labelColumn).Trim() switch
            {
                "1" or "1.0" => true,
                "0" or "0.0" => false,
                var other => throw new CareDataException($"{path}: row {row}: field '{labelColumn}' is '{other}'; use 1 or 0"),
            };
            rows.Add(new DistressExample(idColumn is null ? $"row {row}" : field(idColumn).Trim(), field("text"), distress));
        }

        return rows.Count > 0 ? rows : throw new CareDataException($"{path} has a header and no rows");
    }
}
