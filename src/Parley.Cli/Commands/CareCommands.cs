using System.CommandLine;
using System.Text;
using System.Text.Json;
using NodaTime;
using Parley.Modules.Care;
using Parley.Modules.Care.Contracts;
using Parley.Modules.Care.Training;
using Parley.SharedKernel;

namespace Parley.Cli.Commands;

/// <summary><c>parley care train|evaluate|classify</c>: what customers write — disputes, distress, vulnerability, emotions, crisis.</summary>
public static class CareCommands
{
    private static readonly JsonSerializerOptions Line = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public static Command Build() => Build(TimeProvider.System.ToClock());

    public static Command Build(IClock clock)
    {
        var care = new Command("care", "Train, evaluate and run the Care classifier (rules and model) on customers' messages.");
        care.Subcommands.Add(Train(clock));
        care.Subcommands.Add(Evaluate());
        care.Subcommands.Add(Classify());
        return care;
    }

    private static Command Train(IClock clock)
    {
        var goEmotions = new Option<DirectoryInfo>("--goemotions") { Description = "Directory with GoEmotions train.tsv and dev.tsv (and test.tsv, scored into the card when present).", Required = true };
        var messages = new Option<FileInfo>("--messages") { Description = "Labelled messages CSV (id,lang,text,labels,split), e.g. models/care/data/messages.csv.", Required = true };
        var narratives = new Option<FileInfo?>("--narratives") { Description = "Optional: hand-labelled narratives in the same format, evaluated into the card." };
        var output = new Option<DirectoryInfo>("--out") { Description = "Model directory to write (care-model.bin, model-card.json, model-card.md).", Required = true };
        var seed = new Option<int>("--seed") { Description = "Seed for samples and folds.", DefaultValueFactory = _ => 42 };
        var limit = new Option<int?>("--limit") { Description = "Use only the first N GoEmotions train rows (and N/4 dev rows): a quick run, not a model to ship." };
        var reddit = RedditDistressOption();
        var posts = DistressPostsOption();
        var forum = ForumPostsOption("its train split teaches the distress head; its test split is scored into the card");
        var train = new Command("train", "Train every head, calibrate, choose thresholds, evaluate and write the model with its card.") { goEmotions, messages, narratives, output, seed, limit, reddit, posts, forum };
        train.SetAction(async (parse, ct) =>
        {
            try
            {
                var options = new TrainingOptions(parse.GetValue(seed), GoEmotionsLimit: parse.GetValue(limit));
                if (options.GoEmotionsLimit is { } n)
                {
                    options = options with { GoEmotionsNegatives = Math.Min(options.GoEmotionsNegatives, n) };
                }

                var (_, bytes, card) = CareTraining.Train(parse.GetValue(goEmotions)!.FullName, parse.GetValue(messages)!.FullName, parse.GetValue(narratives)?.FullName,
                    options, clock.GetCurrentInstant().ToDateTimeOffset(), parse.InvocationConfiguration.Output, parse.GetValue(reddit)?.FullName, parse.GetValue(posts)?.FullName, parse.GetValue(forum)?.FullName);
                CareTraining.Write(parse.GetValue(output)!.FullName, bytes, card);
                var e = card.Evaluation;
                var dispute = e.Messages?.FirstOrDefault(m => m.Label == "dispute");
                parse.InvocationConfiguration.Output.WriteLine(
                    $"{card.ModelVersion}: {card.Heads.Count} heads in {card.TrainingSeconds:0.0} s; GoEmotions dev macro-F1 {e.GoEmotionsDevMacroF1?.Value:0.000}; "
                    + $"own-set dispute F1 {dispute?.F1.Value:0.000}; {bytes.Length / 1024} KB -> {parse.GetValue(output)!.FullName}");
                if (e.GoEmotionsHeldOutMacroF1 is { } held)
                {
                    parse.InvocationConfiguration.Output.WriteLine($"GoEmotions held-out macro-F1 {held.Value:0.000} ({held.Low:0.000}–{held.High:0.000})");
                }

                if (e.GoEmotionsTestMacroF1 is { } testMacro)
                {
                    parse.InvocationConfiguration.Output.WriteLine($"GoEmotions test macro-F1 {testMacro.Value:0.000} ({testMacro.Low:0.000}–{testMacro.High:0.000})");
                }

                if (e.DistressPosts is { } p)
                {
                    parse.InvocationConfiguration.Output.WriteLine($"Distress posts ({p.Positives} of {p.Rows}): rules and model P {p.RulesAndModel.Precision.Value:0.00} R {p.RulesAndModel.Recall.Value:0.00} F1 {p.RulesAndModel.F1.Value:0.00}");
                }

                if (e.RedditDistress is { } r)
                {
                    parse.InvocationConfiguration.Output.WriteLine($"Reddit distress ({r.Positives} of {r.Rows}): rules and model P {r.RulesAndModel.Precision.Value:0.00} R {r.RulesAndModel.Recall.Value:0.00} F1 {r.RulesAndModel.F1.Value:0.00}; rules alone F1 {r.RulesAlone.F1.Value:0.00}");
                }
                return 0;
            }
            catch (Exception e) when (e is CareDataException or IOException or UnauthorizedAccessException)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(e.Message);
                return 2;
            }
        });
        return train;
    }

    private static Command Evaluate()
    {
        var modelDir = new Option<DirectoryInfo?>("--model") { Description = "A model directory; the shipped model when omitted." };
        var goEmotions = new Option<DirectoryInfo?>("--goemotions") { Description = "Directory with GoEmotions dev.tsv: macro-F1 over the 28 emotions (also on test.tsv, and on train's held-out part, when present)." };
        var messages = new Option<FileInfo?>("--messages") { Description = "Labelled messages CSV: its test split is scored." };
        var narratives = new Option<FileInfo?>("--narratives") { Description = "Hand-labelled narratives in the messages format: every row is scored." };
        var reddit = RedditDistressOption();
        var posts = DistressPostsOption();
        var forum = ForumPostsOption("its test split is scored");
        var evaluate = new Command("evaluate", "Score the classifier (rules and model, as a host runs it) and print one JSON report with bootstrap intervals.") { modelDir, goEmotions, messages, narratives, reddit, posts, forum };
        evaluate.SetAction(async (parse, ct) =>
        {
            try
            {
                var classifier = Load(parse.GetValue(modelDir));
                var go = parse.GetValue(goEmotions) is { } dir ? GoEmotions.Read(dir.FullName, "dev") : null;

                // The held-out part of train, when train.tsv is there: the test split's stand-in.
                var goHeldOut = parse.GetValue(goEmotions) is { } d && File.Exists(Path.Combine(d.FullName, "train.tsv")) ? GoEmotions.SplitTrain(GoEmotions.Read(d.FullName, "train")).HeldOut : null;
                var own = parse.GetValue(messages) is { } file ? LabelledMessages.Read(file.FullName).Where(m => m.Split == "test").ToList() : null;
                var cfpb = parse.GetValue(narratives) is { } n ? LabelledMessages.Read(n.FullName, anySplit: true) : null;
                var redditRows = parse.GetValue(reddit) is { } r ? RedditDistress.Read(r.FullName) : null;
                var postRows = parse.GetValue(posts) is { } p ? DistressPosts.Read(p.FullName) : null;
                var forumRows = parse.GetValue(forum) is { } f ? ForumPosts.Read(f.FullName).Where(post => post.Split == "test").Select(post => post.AsExample()).ToList() : null;
                if (go is null && own is null && cfpb is null && redditRows is null && postRows is null && forumRows is null)
                {
                    await parse.InvocationConfiguration.Error.WriteLineAsync("Name at least one set to evaluate: --goemotions, --messages, --narratives, --reddit-distress, --distress-posts or --forum-posts");
                    return 2;
                }

                // GoEmotions' test split too, when test.tsv is beside dev.tsv.
                var goTest = parse.GetValue(goEmotions) is { } t ? GoEmotions.ReadTestIfPresent(t.FullName) : null;
                var report = CareEvaluation.Run(classifier, own, go, cfpb, goHeldOut, redditRows, goTest, postRows, forumRows);
                parse.InvocationConfiguration.Output.WriteLine(CareTraining.ToJson(new { model = classifier.ModelVersion, evaluation = report }));
                return 0;
            }
            catch (Exception e) when (e is CareDataException or CareModelException or IOException)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(e.Message);
                return 2;
            }
        });
        return evaluate;
    }

    /// <summary>Rows read and classified together: enough to keep both cores busy, few enough that memory stays flat on any file.</summary>
    private const int ClassifyBlock = 256;

    private static Command Classify()
    {
        var modelDir = new Option<DirectoryInfo?>("--model") { Description = "A model directory; the shipped model when omitted." };
        var input = new Option<FileInfo>("--in") { Description = "CSV with a header holding 'id' and 'text' (other columns are ignored).", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "JSON Lines to write: one object per row with id, dispute, distress, crisis, intents, vulnerability, emotions, evidence.", Required = true };
        var classify = new Command(
            "classify",
            "Classify every row. Prints the row count and messages/s; bad input exits 2 naming the row and field and leaves no output file.")
        {
            modelDir, input, output,
        };
        classify.SetAction(async (parse, ct) =>
        {
            var target = parse.GetValue(output)!;
            var partial = target.FullName + ".partial";
            try
            {
                var classifier = Load(parse.GetValue(modelDir));
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                var rows = 0;
                await using (var writer = new StreamWriter(partial, false, new UTF8Encoding(false)))
                {
                    var table = CareCsv.ReadTable(parse.GetValue(input)!.FullName, "id", "text").Select(r => (r.Row, Id: r.Field("id"), Text: r.Field("text")));
                    foreach (var block in table.Chunk(ClassifyBlock))
                    {
                        // A block's rows are classified together on every core (the encoder batches texts of like length), then written in file order.
                        var results = classifier.ClassifyAll([.. block.Select(r => new CareText(r.Text))]);
                        for (var i = 0; i < block.Length; i++)
                        {
                            if (results[i].Error is { } error)
                            {
                                throw new CareDataException($"{parse.GetValue(input)!.FullName}: row {block[i].Row}: field 'text': {error.Detail}");
                            }

                            await writer.WriteLineAsync(JsonSerializer.Serialize(Shape(block[i].Id, block[i].Text, results[i].Classification!), Line));
                            rows++;
                        }
                    }
                }

                File.Move(partial, target.FullName, overwrite: true);
                var seconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;
                parse.InvocationConfiguration.Output.WriteLine($"{rows} rows classified in {seconds:0.00} s ({(seconds > 0 ? rows / seconds : 0):#,0} messages/s) with {classifier.ModelVersion} -> {target.FullName}");
                return 0;
            }
            catch (Exception e) when (e is CareDataException or CareModelException or IOException or UnauthorizedAccessException)
            {
                File.Delete(partial);
                await parse.InvocationConfiguration.Error.WriteLineAsync(e.Message);
                return 2;
            }
        });
        return classify;
    }

    private static Option<FileInfo?> DistressPostsOption() =>
        new("--distress-posts") { Description = "Optional: social-media posts labelled for distress, e.g. Dreaddit's CSV (columns text and label, 1 = stress; id or post_id if present)." };

    private static Option<FileInfo?> ForumPostsOption(string use) =>
        new("--forum-posts") { Description = $"Optional: the team's forum posts labelled for distress (id,text,distress,split), e.g. models/care/data/forum-posts.csv; {use}." };

    private static Option<FileInfo?> RedditDistressOption() =>
        new("--reddit-distress") { Description = "Optional: Reddit comments labelled for distress (id,text,distress), e.g. models/care/data/reddit-distress.csv; every id must be in GoEmotions' held-out part." };

    private static ICareBatchClassifier Load(DirectoryInfo? directory) =>
        directory is null ? CareClassifiers.Default() : CareClassifiers.Load(directory.FullName);

    /// <summary>The line format of 'care classify' (docs/care.md). Evidence spans index the text as read; <c>read</c> carries it when cleaning changed it (HTML, a quoted thread, a signature).</summary>
    public static object Shape(string id, string input, CareClassification c) => new
    {
        id,
        read = c.Text == input ? null : c.Text,
        dispute = new { probability = Math.Round(c.Dispute.Probability, 4), flagged = c.Dispute.Flagged },
        distress = new { probability = Math.Round(c.Distress.Probability, 4), flagged = c.Distress.Flagged },
        crisis = new { probability = Math.Round(c.Crisis.Probability, 4), flagged = c.Crisis.Flagged },
        intents = c.FlaggedIntents.Select(i => i.Code).ToArray(),
        vulnerability = c.FlaggedVulnerability.Select(v => v.Code).ToArray(),
        emotions = c.FlaggedEmotions.Select(e => e.Emotion).ToArray(),
        evidence = c.Evidence.Select(e => new { label = e.Code, start = e.Start, length = e.Length, phrase = e.Phrase, rule = e.Rule }).ToArray(),
        model = c.ModelVersion,
    };
}
