using Parley.Modules.Care.Contracts;

namespace Parley.Modules.Care.Training;

/// <summary>A labelled message: Care's own set (<c>models/care/data/messages.csv</c>) or labelled CFPB narratives.</summary>
public sealed record LabelledMessage(string Id, string Language, string Text, IReadOnlySet<CareLabel> Labels, string Split)
{
    /// <summary>Dispute is any of its kinds (a message may also carry the summary label itself).</summary>
    public bool Has(CareLabel label) => Labels.Contains(label)
        || (label == CareLabel.Dispute && CareLabels.DisputeKinds.Any(Labels.Contains));
}

/// <summary>Reads the labelled-message format: <c>id,lang,text,labels,split</c>; labels are <see cref="CareLabels"/> codes separated by ';' (none for a message that shows nothing), split is train or test (messages), dev or held-out (narratives).</summary>
public static class LabelledMessages
{
    /// <summary>Reads a labelled file. Messages use train and test (dev and held-out for the narratives); with <paramref name="anySplit"/> (narratives, evaluation only) any lower-case name of letters, digits and hyphens is a part of its own, so a third labelled part needs no code change.</summary>
    public static IReadOnlyList<LabelledMessage> Read(string path, bool anySplit = false)
    {
        var messages = new List<LabelledMessage>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (row, field) in CareCsv.ReadTable(path, "id", "lang", "text", "labels", "split"))
        {
            var id = field("id").Trim();
            if (id.Length == 0 || !ids.Add(id))
            {
                throw new CareDataException($"{path}: row {row}: field 'id' is {(id.Length == 0 ? "empty" : $"'{id}' again")}");
            }

            var lang = field("lang").Trim();
            if (lang is not ("en" or "es"))
            {
                throw new CareDataException($"{path}: row {row}: field 'lang' is '{lang}'; use en or es");
            }

            var split = field("split").Trim();
            // dev and held-out mark the hand-labelled narratives: read while writing the rules, or labelled after they were frozen.
            if (split is not ("train" or "test" or "dev" or "held-out") && !(anySplit && split.Length > 0 && split.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')))
            {
                throw new CareDataException($"{path}: row {row}: field 'split' is '{split}'; use train, test, dev or held-out");
            }

            var labels = new HashSet<CareLabel>();
            foreach (var code in field("labels").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!CareLabels.TryParse(code, out var label))
                {
                    throw new CareDataException($"{path}: row {row}: field 'labels' has '{code}', which is not a Care label");
                }

                labels.Add(label);
            }

            messages.Add(new LabelledMessage(id, lang, field("text"), labels, split));
        }

        if (messages.Count == 0)
        {
            throw new CareDataException($"{path} has a header and no rows");
        }

        return messages;
    }
}
