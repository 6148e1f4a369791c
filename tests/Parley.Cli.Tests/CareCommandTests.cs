using System.CommandLine;
using System.Text.Json.Nodes;
using Shouldly;

namespace Parley.Cli.Tests;

/// <summary><c>parley care classify</c> end to end with the shipped model, and its refusals: exit code 2 naming the row and field, no output left.</summary>
public sealed class CareCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("parley-care-cli-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Classify_writes_one_line_per_row_with_the_flags_and_the_phrases_that_raised_them()
    {
        var input = Path.Combine(_root, "in.csv");
        await File.WriteAllTextAsync(input,
            "id,channel,text\n"
            + "a1,sms,this isn't my debt\n"
            + "a2,email,\"I lost my job and can't cope.\nSent from my phone\n\nOn Monday, Parley wrote:\n> stop calling me\"\n"
            + "a3,portal,I want to end my life\n"
            + "a4,sms,Can I pay $50 on Friday? 👍\n"
            + "a5,sms,\n",
            TestContext.Current.CancellationToken);
        var output = Path.Combine(_root, "out.jsonl");

        var (code, stdout, error) = await Run("care", "classify", "--in", input, "--out", output);

        error.ShouldBeEmpty();
        code.ShouldBe(0);
        stdout.ShouldContain("5 rows classified");
        var lines = (await File.ReadAllLinesAsync(output, TestContext.Current.CancellationToken)).Select(l => JsonNode.Parse(l)!).ToList();
        lines.Select(l => (string)l["id"]!).ShouldBe(["a1", "a2", "a3", "a4", "a5"]);

        var notMine = lines[0];
        ((bool)notMine["dispute"]!["flagged"]!).ShouldBeTrue();
        notMine["intents"]!.AsArray().Select(i => (string)i!).ShouldContain("not-mine");
        var phrase = notMine["evidence"]!.AsArray().First(e => (string)e!["label"]! == "not-mine")!;
        ((string)phrase["phrase"]!).ShouldBe("isn't my debt");
        ((int)phrase["start"]!).ShouldBe(5);

        var jobLoss = lines[1];
        ((string)jobLoss["read"]!).ShouldBe("I lost my job and can't cope.");
        jobLoss["intents"]!.AsArray().Select(i => (string)i!).ShouldNotContain("cease-communication");
        jobLoss["vulnerability"]!.AsArray().Select(v => (string)v!).ShouldContain("job-loss");
        ((double)jobLoss["distress"]!["probability"]!).ShouldBeInRange(0, 1);
        ((bool)jobLoss["distress"]!["flagged"]!).ShouldBeTrue();

        ((bool)lines[2]["crisis"]!["flagged"]!).ShouldBeTrue();
        ((bool)lines[3]["dispute"]!["flagged"]!).ShouldBeFalse();
        ((bool)lines[3]["crisis"]!["flagged"]!).ShouldBeFalse();
        ((bool)lines[4]["crisis"]!["flagged"]!).ShouldBeFalse();
        lines.ShouldAllBe(l => ((string)l["model"]!).StartsWith("care-", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("id,message\na,hello\n", "row 1: the header has no 'text' column")]
    [InlineData("id,text\na,hello\nb,hello,extra\n", "row 3: 3 fields where the header has 2")]
    [InlineData("id,text\na,\"never closed\n", "row 2: a quoted field is never closed")]
    [InlineData("", "is empty")]
    public async Task Classify_refuses_a_bad_file_with_exit_code_2_naming_row_and_field(string content, string message)
    {
        var input = Path.Combine(_root, "in.csv");
        await File.WriteAllTextAsync(input, content, TestContext.Current.CancellationToken);
        var output = Path.Combine(_root, "out.jsonl");

        var (code, _, error) = await Run("care", "classify", "--in", input, "--out", output);

        code.ShouldBe(2);
        error.ShouldContain(message);
        File.Exists(output).ShouldBeFalse();
        Directory.GetFiles(_root).ShouldNotContain(f => f.EndsWith(".partial", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Classify_refuses_a_directory_without_a_model()
    {
        var input = Path.Combine(_root, "in.csv");
        await File.WriteAllTextAsync(input, "id,text\na,hello\n", TestContext.Current.CancellationToken);

        var (code, _, error) = await Run("care", "classify", "--model", _root, "--in", input, "--out", Path.Combine(_root, "out.jsonl"));

        code.ShouldBe(2);
        error.ShouldContain("care-model.bin does not exist");
    }

    [Fact]
    public async Task Evaluate_needs_a_set()
    {
        var (code, _, error) = await Run("care", "evaluate");

        code.ShouldBe(2);
        error.ShouldContain("--goemotions, --messages, --narratives, --reddit-distress, --distress-posts or --forum-posts");
    }

    [Fact]
    public async Task Evaluate_scores_distress_on_reddit_comments_for_rules_and_model_and_for_the_rules_alone()
    {
        var reddit = Path.Combine(_root, "reddit.csv");
        await File.WriteAllTextAsync(reddit, "id,text,distress\nr7,\"I can't cope with the rent, I'm desperate\",1\nr20,my boss bought pizza for work,0\n", TestContext.Current.CancellationToken);

        var (code, stdout, error) = await Run("care", "evaluate", "--reddit-distress", reddit);

        error.ShouldBeEmpty();
        code.ShouldBe(0);
        var report = JsonNode.Parse(stdout)!["evaluation"]!["redditDistress"]!;
        ((int)report["rows"]!).ShouldBe(2);
        ((int)report["positives"]!).ShouldBe(1);
        ((double)report["rulesAlone"]!["recall"]!["value"]!).ShouldBe(1.0);
        ((double)report["rulesAndModel"]!["recall"]!["value"]!).ShouldBe(1.0);
    }

    [Fact]
    public async Task Evaluate_scores_distress_on_the_forum_posts_test_split_only()
    {
        var posts = Path.Combine(_root, "forum-posts.csv");
        await File.WriteAllTextAsync(posts, "id,text,distress,split\na1,\"I can't cope, the eviction notice came today\",1,train\nb1,\"I can't cope with the rent, I'm desperate\",1,test\nb2,the food bank opens at 9 on Saturdays,0,test\n", TestContext.Current.CancellationToken);

        var (code, stdout, error) = await Run("care", "evaluate", "--forum-posts", posts);

        error.ShouldBeEmpty();
        code.ShouldBe(0);
        var report = JsonNode.Parse(stdout)!["evaluation"]!["forumPosts"]!;
        ((int)report["rows"]!).ShouldBe(2);
        ((int)report["positives"]!).ShouldBe(1);
        ((double)report["rulesAlone"]!["recall"]!["value"]!).ShouldBe(1.0);
    }

    [Fact]
    public async Task Evaluate_names_the_row_of_a_forum_post_with_a_bad_split()
    {
        var posts = Path.Combine(_root, "forum-posts.csv");
        await File.WriteAllTextAsync(posts, "id,text,distress,split\nb1,hello,0,holdout\n", TestContext.Current.CancellationToken);

        var (code, _, error) = await Run("care", "evaluate", "--forum-posts", posts);

        code.ShouldBe(2);
        error.ShouldContain("row 2: field 'split' is 'holdout'; use train or test");
    }

    [Fact]
    public async Task Evaluate_refuses_a_reddit_comment_the_model_may_have_learnt_from()
    {
        var reddit = Path.Combine(_root, "reddit.csv");
        await File.WriteAllTextAsync(reddit, "id,text,distress\nr0,hello,0\n", TestContext.Current.CancellationToken);

        var (code, _, error) = await Run("care", "evaluate", "--reddit-distress", reddit);

        code.ShouldBe(2);
        error.ShouldContain("row 2: field 'id' 'r0' is not in GoEmotions' held-out part");
    }

    [Fact]
    public async Task Evaluate_scores_distress_on_posts_in_dreaddits_published_layout()
    {
        // Dreaddit's CSV: more columns than Care reads, a post's text spanning lines, label 1 = stress.
        var posts = Path.Combine(_root, "dreaddit-test.csv");
        await File.WriteAllTextAsync(posts,
            "subreddit,post_id,sentence_range,text,id,label,confidence\n"
            + "ptsd,8601tu,\"(15, 19)\",\"I can't cope anymore.\nThe rent is due and I'm desperate\",1,1,0.8\n"
            + "assistance,8lbrx9,\"(0, 5)\",We got the keys to our new flat today and the landlord was lovely,2,0,1.0\n",
            TestContext.Current.CancellationToken);

        var (code, stdout, error) = await Run("care", "evaluate", "--distress-posts", posts);

        error.ShouldBeEmpty();
        code.ShouldBe(0);
        var report = JsonNode.Parse(stdout)!["evaluation"]!["distressPosts"]!;
        ((int)report["rows"]!).ShouldBe(2);
        ((int)report["positives"]!).ShouldBe(1);
        ((double)report["rulesAndModel"]!["recall"]!["value"]!).ShouldBe(1.0);
        ((int)report["rulesAndModel"]!["flagged"]!).ShouldBe(1);
    }

    [Fact]
    public async Task Evaluate_names_the_row_and_field_of_a_bad_distress_label()
    {
        var posts = Path.Combine(_root, "posts.csv");
        await File.WriteAllTextAsync(posts, "text,label\nfine thanks,0\nso stressed,maybe\n", TestContext.Current.CancellationToken);

        var (code, _, error) = await Run("care", "evaluate", "--distress-posts", posts);

        code.ShouldBe(2);
        error.ShouldContain("row 3: field 'label' is 'maybe'; use 1 or 0");
    }

    [Fact]
    public async Task Evaluate_scores_goemotions_test_split_when_test_tsv_is_beside_dev()
    {
        var go = Directory.CreateDirectory(Path.Combine(_root, "goemotions")).FullName;
        await File.WriteAllTextAsync(Path.Combine(go, "dev.tsv"), "Thank you so much!\t15\tdev1\nThat is awful news\t25\tdev2\n", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(go, "test.tsv"), "Thanks a lot, really\t15\tt1\nI am so sorry for your loss\t24,25\tt2\nok\t27\tt3\n", TestContext.Current.CancellationToken);

        var (code, stdout, error) = await Run("care", "evaluate", "--goemotions", go);

        error.ShouldBeEmpty();
        code.ShouldBe(0);
        var evaluation = JsonNode.Parse(stdout)!["evaluation"]!;
        evaluation["goEmotionsTestMacroF1"]!["value"].ShouldNotBeNull();
        var perEmotion = evaluation["goEmotionsTest"]!.AsArray();
        perEmotion.Count.ShouldBe(28);
        ((int)perEmotion.Single(e => (string)e!["label"]! == "gratitude")!["positives"]!).ShouldBe(1);
        ((int)perEmotion[0]!["rows"]!).ShouldBe(3);
    }

    [Fact]
    public async Task Evaluate_reports_no_test_figure_when_there_is_no_test_tsv()
    {
        var go = Directory.CreateDirectory(Path.Combine(_root, "goemotions-dev")).FullName;
        await File.WriteAllTextAsync(Path.Combine(go, "dev.tsv"), "Thank you so much!\t15\tdev1\n", TestContext.Current.CancellationToken);

        var (code, stdout, _) = await Run("care", "evaluate", "--goemotions", go);

        code.ShouldBe(0);
        JsonNode.Parse(stdout)!["evaluation"]!["goEmotionsTestMacroF1"].ShouldBeNull();
    }

    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await ParleyCommand.Build().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, TestContext.Current.CancellationToken);
        return (code, output.ToString(), error.ToString());
    }
}
