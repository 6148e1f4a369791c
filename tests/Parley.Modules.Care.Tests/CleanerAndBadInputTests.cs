using System.Text;
using Parley.Modules.Care.Contracts;
using Parley.Modules.Care.Text;
using Parley.SharedKernel;
using Shouldly;

namespace Parley.Modules.Care.Tests;

/// <summary>Odd input gives a result or a clear error, never a crash; replies are read for their new part only.</summary>
public sealed class CleanerAndBadInputTests
{
    private static readonly CareClassifier RulesOnly = new(null);

    [Fact]
    public void A_quoted_thread_and_signature_are_not_read()
    {
        const string reply = "I already paid this.\n\nSent from my iPhone\n\nOn Mon, 3 Nov 2026 at 10:00, Parley <notices@example.com> wrote:\n> We will stop calling you. This is not my debt.\n";

        var result = RulesOnly.Classify(new CareText(reply));

        result.Text.ShouldBe("I already paid this.");
        result.Intents.Single(i => i.Code == "already-paid").Flagged.ShouldBeTrue();
        result.Intents.Single(i => i.Code == "not-mine").Flagged.ShouldBeFalse();
        result.Intents.Single(i => i.Code == "cease-communication").Flagged.ShouldBeFalse();
    }

    [Fact]
    public void An_html_reply_is_reduced_to_its_new_text()
    {
        const string html = "<html><head><style>p{color:red}</style></head><body><div dir=\"ltr\">Stop calling me at&nbsp;work.<br>Thanks</div>"
            + "<div class=\"gmail_quote\"><blockquote>Your account is not my debt to collect</blockquote></div></body></html>";

        var result = RulesOnly.Classify(new CareText(html, CareTextFormat.Html));

        result.Text.ShouldContain("Stop calling me at work.");
        result.Text.ShouldNotContain("color");
        result.Text.ShouldNotContain("not my debt");
        result.Intents.Single(i => i.Code == "cease-communication").Flagged.ShouldBeTrue();
        result.Intents.Single(i => i.Code == "not-mine").Flagged.ShouldBeFalse();
    }

    [Fact]
    public void A_blockquote_inside_the_message_is_skipped_and_the_rest_read()
    {
        var text = MessageCleaner.Clean(new CareText("<p>You wrote:</p><blockquote>pay now</blockquote><p>I already paid it</p>", CareTextFormat.Html));

        text.ShouldNotContain("pay now");
        text.ShouldContain("I already paid it");
    }

    [Fact]
    public void A_message_that_is_only_a_quote_is_read_whole()
    {
        var result = RulesOnly.Classify(new CareText("> this isn't my debt"));

        result.Text.ShouldBe("> this isn't my debt");
        result.Dispute.Flagged.ShouldBeTrue();
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t ")]
    [InlineData("😡😡😡")]
    [InlineData("\0\0\u0001\u0002")]
    [InlineData("<")]
    [InlineData("<div")]
    [InlineData("&amp;&#xFFFFFF;&#999999999;")]
    public void Odd_text_gives_a_result(string text)
    {
        var result = RulesOnly.Classify(new CareText(text));

        result.Crisis.Flagged.ShouldBeFalse();
        result.Dispute.Flagged.ShouldBeFalse();
    }

    [Fact]
    public void Binary_bytes_and_broken_surrogates_give_a_result()
    {
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        var text = Encoding.Latin1.GetString(bytes) + "\uD800 stop calling me \uDC00";

        var result = RulesOnly.Classify(new CareText(text));

        result.Text.ShouldNotContain('\0');
        result.Intents.Single(i => i.Code == "cease-communication").Flagged.ShouldBeTrue();
    }

    [Fact]
    public void A_megabyte_of_text_is_read_and_the_rules_find_a_phrase_at_its_end()
    {
        var text = string.Concat(Enumerable.Repeat("the weather is fine and the bus was late again. ", 22_000)) + "I never opened this account.";
        text.Length.ShouldBeGreaterThan(1_000_000);

        var result = RulesOnly.Classify(new CareText(text));

        result.Truncated.ShouldBeTrue();
        result.Intents.Single(i => i.Code == "not-mine").Flagged.ShouldBeTrue();
    }

    [Fact]
    public void Text_over_the_limit_is_a_clear_error()
    {
        var text = new string('a', ICareClassifier.MaxLength + 1);

        var error = Should.Throw<DomainException>(() => RulesOnly.Classify(new CareText(text)));

        error.Error.ShouldBeOfType<CareTextTooLarge>().Kind.ShouldBe(ErrorKind.TooLarge);
    }

    [Theory]
    [InlineData("stop calin me")]
    [InlineData("this aint my det")]
    [InlineData("I wnat to tlak to a pesron")]
    public void Misspellings_give_a_result(string text) => RulesOnly.Classify(new CareText(text)).ShouldNotBeNull();
}
