using Parley.Modules.Care.Contracts;
using Parley.Modules.Care.Model;
using Parley.Modules.Care.Training;
using Shouldly;

namespace Parley.Modules.Care.Tests;

/// <summary>Training on a tiny dataset written here produces a model that loads and classifies through the run-time path.</summary>
public sealed class TrainingTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("care-training-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static readonly string[] Happy = ["thank you so much, this is great", "love it, brilliant work", "so happy with this", "what a lovely day", "this made me smile"];
    private static readonly string[] Sad = ["I feel so sad and alone", "this is heartbreaking, I cried", "I am miserable today", "so sad about the news", "feeling down and sad"];

    private (string GoDir, string Messages) WriteData()
    {
        var go = Path.Combine(directory, "go");
        Directory.CreateDirectory(go);

        // Label ids index CareLabels.Emotions: 17 joy, 25 sadness, 27 neutral.
        var rows = Enumerable.Range(0, 12).SelectMany(i => new[]
        {
            $"{Happy[i % Happy.Length]} {i}\t17\tid{i}a",
            $"{Sad[i % Sad.Length]} {i}\t25\tid{i}b",
            $"the bus comes at {i} o'clock\t27\tid{i}c",
        }).ToList();
        File.WriteAllLines(Path.Combine(go, "train.tsv"), rows);
        File.WriteAllLines(Path.Combine(go, "dev.tsv"), rows.Take(18));

        var messages = Path.Combine(directory, "messages.csv");
        var lines = new List<string> { "id,lang,text,labels,split" };
        var k = 0;
        void Add(string text, string labels) { k++; lines.Add($"m{k},en,\"{text}\",{labels},{(k % 4 == 0 ? "test" : "train")}"); }
        for (var i = 0; i < 8; i++)
        {
            Add($"this is not my debt, account {i}", "not-mine");
            Add($"I lost my job in week {i}", "job-loss;distress");
            Add($"can I pay {i * 10} on Friday", "");
        }

        File.WriteAllLines(messages, lines);
        return (go, messages);
    }

    [Fact]
    public void A_tiny_training_run_writes_a_model_that_loads_and_classifies()
    {
        var (go, messages) = WriteData();
        var output = Path.Combine(directory, "model");

        var (_, bytes, card) = CareTraining.Train(go, messages, null, new TrainingOptions(GoEmotionsNegatives: 10), DateTimeOffset.UnixEpoch);
        CareTraining.Write(output, bytes, card);

        var model = CareModel.Load(output);
        model.Version.ShouldBe(card.ModelVersion);
        model.Heads.Count.ShouldBe(CareLabels.Emotions.Count + CareLabels.All.Count);
        File.Exists(Path.Combine(output, CareModel.CardMarkdownFileName)).ShouldBeTrue();
        card.Evaluation.Messages.ShouldNotBeNull();
        card.Evaluation.GoEmotionsDevMacroF1.ShouldNotBeNull();

        // A tenth of train by comment id is held out and scored, never trained on.
        (card.Data.GoEmotionsTrain + card.Data.GoEmotionsHeldOut).ShouldBe(36);
        card.Data.GoEmotionsHeldOut.ShouldBeGreaterThan(0);
        card.Evaluation.GoEmotionsHeldOutMacroF1.ShouldNotBeNull();

        // Every job-loss message says "I lost my job", which a rule flags: the model adds nothing, so the rules alone decide.
        var jobLoss = card.Heads.Single(h => h.Label == "job-loss");
        jobLoss.Threshold.ShouldBe(LinearHead.RulesAlone);
        jobLoss.ThresholdRule.ShouldStartWith("rules alone");

        // Every emotion head and distress stack the sentence encoder's head with their n-grams; the other collections heads read n-grams only.
        model.ReadsEmbeddings.ShouldBeTrue();
        model.Heads.Where(h => CareLabels.Emotions.Contains(h.Code) || h.Code == "distress").ShouldAllBe(h => h.Stack != null);
        model.Heads.Where(h => !CareLabels.Emotions.Contains(h.Code) && h.Code != "distress").ShouldAllBe(h => h.Stack == null);

        var classifier = new CareClassifier(model);
        var sad = classifier.Classify(new CareText("I feel so sad and alone"));
        var happy = classifier.Classify(new CareText("thank you so much, this is great"));
        sad.Emotions.Single(e => e.Emotion == "sadness").Probability.ShouldBeGreaterThan(happy.Emotions.Single(e => e.Emotion == "sadness").Probability);
        var job = classifier.Classify(new CareText("I lost my job"));
        job.Vulnerability.Single(v => v.Label == CareLabel.JobLoss).Probability
            .ShouldBeGreaterThan(classifier.Classify(new CareText("can I pay 20 on Friday")).Vulnerability.Single(v => v.Label == CareLabel.JobLoss).Probability);
    }

    [Fact]
    public void Dev_labels_choose_nothing_so_all_of_dev_measures_the_emotions_honestly()
    {
        var (go, messages) = WriteData();
        var (_, _, card) = CareTraining.Train(go, messages, null, new TrainingOptions(GoEmotionsNegatives: 10), DateTimeOffset.UnixEpoch);

        // The same train, with every dev comment relabelled neutral: calibration and thresholds come from train alone.
        var dev = Path.Combine(go, "dev.tsv");
        File.WriteAllLines(dev, File.ReadAllLines(dev).Select(l => l.Split('\t')).Select(f => $"{f[0]}\t27\t{f[2]}"));
        var (_, _, relabelled) = CareTraining.Train(go, messages, null, new TrainingOptions(GoEmotionsNegatives: 10), DateTimeOffset.UnixEpoch);

        var emotions = card.Heads.Take(CareLabels.Emotions.Count).ToList();
        relabelled.Heads.Take(CareLabels.Emotions.Count).ShouldBe(emotions);
        emotions.ShouldAllBe(h => h.ThresholdRule == "F1 of the stacked probability out of fold on train");
        relabelled.Evaluation.GoEmotionsDevMacroF1!.Value.ShouldNotBe(card.Evaluation.GoEmotionsDevMacroF1!.Value);
    }

    [Fact]
    public void Forum_posts_teach_the_distress_head_alone_and_their_test_split_is_scored()
    {
        var (go, messages) = WriteData();
        var posts = Path.Combine(directory, "forum-posts.csv");
        var lines = new List<string> { "id,text,distress,split" };
        for (var i = 0; i < 12; i++)
        {
            lines.Add($"p{i}a,\"my hands are shaking, the eviction notice came and I have nowhere to go {i}\",1,{(i < 8 ? "train" : "test")}");
            lines.Add($"p{i}b,\"the food pantry on Main street opens at {i} on Saturdays, no ID needed\",0,{(i < 8 ? "train" : "test")}");
        }

        File.WriteAllLines(posts, lines);

        var (_, _, without) = CareTraining.Train(go, messages, null, new TrainingOptions(GoEmotionsNegatives: 10), DateTimeOffset.UnixEpoch);
        var (model, _, card) = CareTraining.Train(go, messages, null, new TrainingOptions(GoEmotionsNegatives: 10), DateTimeOffset.UnixEpoch, forumPostsPath: posts);

        // Sixteen train posts join distress's rows, eight of them distress; no other head sees them (their other labels are unknown).
        var distress = card.Heads.Single(h => h.Label == "distress");
        var before = without.Heads.Single(h => h.Label == "distress");
        (distress.Rows - before.Rows).ShouldBe(16);
        (distress.Positives - before.Positives).ShouldBe(8);
        distress.TrainedOn.ShouldContain("16 forum posts and letters");
        distress.ThresholdRule.ShouldContain("the messages, forum posts and letters");
        card.Heads.Where(h => h.Label != "distress").Select(h => (h.Label, h.Rows)).ShouldBe(without.Heads.Where(h => h.Label != "distress").Select(h => (h.Label, h.Rows)));

        // The eight test posts are scored, never trained on.
        card.Evaluation.ForumPosts!.Rows.ShouldBe(8);
        card.Evaluation.ForumPosts.Positives.ShouldBe(4);
        var classifier = new CareClassifier(model);
        classifier.Classify(new CareText("my hands are shaking, the eviction notice came and I have nowhere to go")).Distress.Probability
            .ShouldBeGreaterThan(classifier.Classify(new CareText("the food pantry on Main street opens at 9 on Saturdays")).Distress.Probability);
        CareTraining.Markdown(card).ShouldContain("Distress on forum posts written by the team");
    }

    [Theory]
    [InlineData("id,text,distress,split\np1,hello,yes,train\n", "row 2: field 'distress' is 'yes'")]
    [InlineData("id,text,distress,split\np1,hello,1,dev\n", "row 2: field 'split' is 'dev'; use train or test")]
    [InlineData("id,text,distress\np1,hello,1\n", "row 1: the header has no 'split' column")]
    [InlineData("id,text,distress,split\np1,hello,1,train\np1,again,0,test\n", "row 3: field 'id' is 'p1' again")]
    public void A_bad_forum_posts_file_names_the_row_and_field(string content, string expected)
    {
        var path = Path.Combine(directory, "forum-posts.csv");
        File.WriteAllText(path, content);

        Should.Throw<CareDataException>(() => ForumPosts.Read(path)).Message.ShouldContain(expected);
    }

    [Fact]
    public void Heads_trained_in_parallel_give_the_same_model_as_one_at_a_time()
    {
        var (go, messages) = WriteData();

        var (_, serial, card) = CareTraining.Train(go, messages, null, new TrainingOptions(GoEmotionsNegatives: 10, Threads: 1), DateTimeOffset.UnixEpoch);
        var (_, parallel, _) = CareTraining.Train(go, messages, null, new TrainingOptions(GoEmotionsNegatives: 10, Threads: 2), DateTimeOffset.UnixEpoch);

        parallel.ShouldBe(serial);
        card.Heads.Where(h => CareLabels.TryParse(h.Label, out _)).ShouldAllBe(h => h.TrainedOn.Contains("lowest out-of-fold log loss"));
    }

    [Fact]
    public void The_F1_threshold_is_the_one_a_search_over_every_candidate_finds()
    {
        var random = new Random(7);

        // Probabilities rounded to two places, so many tie: the sweep must count a tie as one candidate.
        var probabilities = Enumerable.Range(0, 400).Select(_ => Math.Round(random.NextDouble(), 2)).ToList();
        var truth = probabilities.Select(p => random.NextDouble() < p).ToList();

        var threshold = HeadTrainer.F1Threshold(probabilities, truth);

        var best = probabilities.Where(p => p is >= 0.05 and <= 0.9).Distinct().Order()
            .Select(c => (Candidate: c, F1: Metrics.Prf(truth, [.. probabilities.Select(p => p >= c)]).F1))
            .Aggregate((b, c) => c.F1 > b.F1 + 1e-12 ? c : b);
        threshold.ShouldBe(Math.Round(best.Candidate - 1e-6, 6));
    }

    [Fact]
    public void Platt_scaling_recovers_a_known_calibration_even_on_separable_margins()
    {
        // Margins drawn so that P(y | z) = 1 / (1 + exp(-2z + 1)): the fit should land near A = -2, B = 1.
        var random = new Random(3);
        var margins = Enumerable.Range(0, 4000).Select(_ => (random.NextDouble() * 8) - 4).ToList();
        var labels = margins.Select(z => random.NextDouble() < LinearHead.Calibrate(z, -2, 1)).ToList();

        var (a, b) = HeadTrainer.Platt(margins, labels);

        a.ShouldBe(-2, 0.3);
        b.ShouldBe(1, 0.3);

        var separable = Enumerable.Range(0, 200).Select(i => i < 100 ? -3.0 - (i * 0.01) : 3.0 + (i * 0.01)).ToList();
        var (sa, _) = HeadTrainer.Platt(separable, [.. separable.Select(z => z > 0)]);
        sa.ShouldBeLessThan(0);
        double.IsFinite(sa).ShouldBeTrue();
    }

    [Fact]
    public void Care_label_codes_and_emotion_names_never_collide()
    {
        // One model file holds both kinds of head, looked up by name.
        CareLabels.All.Select(CareLabels.Code).Intersect(CareLabels.Emotions).ShouldBeEmpty();
        CareLabels.All.Select(CareLabels.Code).ShouldBeUnique();
    }

    [Fact]
    public void A_model_with_two_heads_of_one_name_is_refused()
    {
        var head = new LinearHead("joy", [1], [1f], 0, -1, 0, 0.5);

        Should.Throw<CareModelException>(() => CareModel.Deserialise(CareModel.Serialise([head, head]), "twice")).Message.ShouldContain("'joy'");
    }

    [Fact]
    public void A_model_file_that_is_not_one_is_a_clear_error()
    {
        File.WriteAllBytes(Path.Combine(directory, CareModel.FileName), [1, 2, 3, 4]);

        var error = Should.Throw<CareModelException>(() => CareModel.Load(directory));

        error.Message.ShouldContain(CareModel.FileName);
    }

    [Fact]
    public void A_missing_model_directory_names_the_file()
    {
        var error = Should.Throw<CareModelException>(() => CareModel.Load(Path.Combine(directory, "nowhere")));

        error.Message.ShouldContain("does not exist");
    }

    [Fact]
    public void Serialised_heads_read_back_the_same()
    {
        var head = new LinearHead("not-mine", [3, 17, 99], [0.5f, -1.25f, 2f], 0.1f, -2.5, 0.3, 0.42);

        var model = CareModel.Deserialise(CareModel.Serialise([head]), "test");

        var read = model.Heads.ShouldHaveSingleItem();
        read.Code.ShouldBe("not-mine");
        read.Threshold.ShouldBe(0.42);
        read.WeightOf(17).ShouldBe(-1.25f);
        var x = TextFeatures.Compute("this is not my debt");
        read.Probability(x).ShouldBe(head.Probability(x));
    }

    [Fact]
    public void A_stacked_head_reads_back_the_same_and_needs_the_embedding()
    {
        var embedding = SentenceEmbeddings.Shared.Embed("thank you so much");
        var stack = new EmbeddingStack([.. Enumerable.Range(0, SentenceEmbeddings.Dimension).Select(k => (k % 7) / 10f)], -0.5f, 0.8, 1.7, -0.25);
        var head = new LinearHead("gratitude", [3, 17], [0.5f, -1.25f], 0.1f, -2.5, 0.3, 0.42, stack: stack);

        var model = CareModel.Deserialise(CareModel.Serialise([head]), "test");

        var read = model.Heads.ShouldHaveSingleItem();
        model.ReadsEmbeddings.ShouldBeTrue();
        var x = TextFeatures.Compute("thank you so much");
        read.Probability(x, embedding).ShouldBe(head.Probability(x, embedding));
        read.Probability(x, embedding).ShouldBe(1 / (1 + Math.Exp(-((0.8 * head.Margin(x)) + (1.7 * stack.Margin(embedding)) - 0.25))), 1e-12);
        Should.Throw<InvalidOperationException>(() => read.Probability(x)).Message.ShouldContain("'gratitude'");
    }

    [Fact]
    public void A_model_trained_on_another_sentence_encoder_is_refused()
    {
        using var buffer = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(buffer, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new BinaryWriter(gzip, System.Text.Encoding.UTF8))
        {
            writer.Write("PARLEY-CARE-MODEL");
            writer.Write(3);
            writer.Write(TextFeatures.Version);
            writer.Write("some-other-encoder/1");
            writer.Write(0);
        }

        Should.Throw<CareModelException>(() => CareModel.Deserialise(buffer.ToArray(), "other")).Message.ShouldContain("'some-other-encoder/1'");
    }

    [Fact]
    public void Stacking_recovers_the_weights_that_made_the_labels()
    {
        var random = new Random(7);
        var a = Enumerable.Range(0, 20_000).Select(_ => (random.NextDouble() * 6) - 3).ToList();
        var b = Enumerable.Range(0, 20_000).Select(_ => (random.NextDouble() * 6) - 3).ToList();
        var y = a.Select((v, i) => random.NextDouble() < 1 / (1 + Math.Exp(-((1.5 * v) + (0.5 * b[i]) - 1)))).ToList();

        var (nGram, embedding, intercept) = HeadTrainer.Stack(a, b, y);

        nGram.ShouldBe(1.5, 0.1);
        embedding.ShouldBe(0.5, 0.1);
        intercept.ShouldBe(-1, 0.1);
    }

    [Theory]
    [InlineData("id,lang,text,labels\nm1,en,hi,\n", "no 'split' column")]
    [InlineData("id,lang,text,labels,split\nm1,fr,hi,,train\n", "row 2: field 'lang'")]
    [InlineData("id,lang,text,labels,split\nm1,en,hi,not-a-label,train\n", "row 2: field 'labels' has 'not-a-label'")]
    [InlineData("id,lang,text,labels,split\nm1,en,hi,,train\nm1,en,again,,train\n", "row 3: field 'id'")]
    [InlineData("id,lang,text,labels,split\nm1,en,\"never closed,,train\n", "row 2: a quoted field is never closed")]
    [InlineData("id,lang,text,labels,split\nm1,en,hi,train\n", "row 2: 4 fields")]
    [InlineData("id,lang,text,labels,split\n", "no rows")]
    [InlineData("", "is empty")]
    public void A_bad_messages_file_names_the_row_and_field(string content, string expected)
    {
        var path = Path.Combine(directory, "bad.csv");
        File.WriteAllText(path, content);

        Should.Throw<CareDataException>(() => LabelledMessages.Read(path)).Message.ShouldContain(expected);
    }

    [Fact]
    public void Narratives_may_carry_a_part_of_any_name_and_messages_may_not()
    {
        var path = Path.Combine(directory, "parts.csv");
        File.WriteAllText(path, "id,lang,text,labels,split\nn1,en,hi,,held-out-2\n");

        LabelledMessages.Read(path, anySplit: true).ShouldHaveSingleItem().Split.ShouldBe("held-out-2");
        Should.Throw<CareDataException>(() => LabelledMessages.Read(path)).Message.ShouldContain("row 2: field 'split' is 'held-out-2'");
    }

    [Fact]
    public void Quoted_fields_hold_commas_quotes_and_line_breaks()
    {
        var path = Path.Combine(directory, "quoted.csv");
        File.WriteAllText(path, "id,lang,text,labels,split\r\nm1,en,\"Stop, please.\nI said \"\"stop\"\".\",cease-communication,train\r\n");

        var message = LabelledMessages.Read(path).ShouldHaveSingleItem();

        message.Text.ShouldBe("Stop, please.\nI said \"stop\".");
        message.Labels.ShouldBe([CareLabel.CeaseCommunication]);
    }
}
