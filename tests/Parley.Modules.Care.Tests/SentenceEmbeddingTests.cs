using System.Text.Json;
using Parley.Modules.Care.Contracts;
using Parley.Modules.Care.Model;
using Shouldly;

namespace Parley.Modules.Care.Tests;

/// <summary>The sentence encoder runs in process from the weights its package carries, and the classifier reads it.</summary>
public sealed class SentenceEmbeddingTests
{
    [Fact]
    public void Texts_of_like_meaning_lie_closer_than_unlike_ones()
    {
        var thanks = SentenceEmbeddings.Shared.Embed("Thank you so much for your help");
        var grateful = SentenceEmbeddings.Shared.Embed("Thanks a lot for helping me");
        var bus = SentenceEmbeddings.Shared.Embed("The bus leaves the depot at seven");

        thanks.Length.ShouldBe(SentenceEmbeddings.Dimension);
        Math.Sqrt(thanks.Sum(v => v * v)).ShouldBe(1, 1e-3);
        Cosine(thanks, grateful).ShouldBeGreaterThan(Cosine(thanks, bus) + 0.2);
    }

    [Theory]
    [InlineData("")]
    [InlineData("😀🙏")]
    [InlineData("\u0000\u0001 binary \uFFFD")]
    public void Odd_text_gives_an_embedding_not_an_error(string text) =>
        SentenceEmbeddings.Shared.Embed(text).Length.ShouldBe(SentenceEmbeddings.Dimension);

    [Fact]
    public void A_long_text_is_read_from_its_start()
    {
        var start = "I am so grateful for your patience. ";
        var embedding = SentenceEmbeddings.Shared.Embed(start + string.Join(" ", Enumerable.Repeat("word", 50_000)));

        embedding.ShouldBe(SentenceEmbeddings.Shared.Embed((start + string.Join(" ", Enumerable.Repeat("word", 50_000)))[..SentenceEmbeddings.MaxChars]));
    }

    [Fact]
    public void Embeddings_computed_on_every_core_are_those_computed_one_at_a_time()
    {
        string[] texts = ["I lost my job", "this is not my debt", "thank you", "I can't cope any more", "pay on Friday", "hola, no es mi deuda"];

        var together = SentenceEmbeddings.Shared.EmbedAll([.. Enumerable.Repeat(texts, 5).SelectMany(t => t)]);

        for (var i = 0; i < together.Length; i++)
        {
            together[i].ShouldBe(SentenceEmbeddings.Shared.Embed(texts[i % texts.Length]));
        }
    }

    [Fact]
    public void Classifying_a_batch_reads_each_message_as_it_is_read_alone_and_refuses_an_oversized_one_in_its_place()
    {
        var classifier = CareClassifier.Default();
        classifier.Model.ShouldNotBeNull().ReadsEmbeddings.ShouldBeTrue("the shipped model stacks the encoder, so the batch path encodes");
        CareText[] texts =
        [
            new("This isn't my debt, I never had a card with you."),
            new("I lost my job and can't cope"),
            new(""),
            new(new string('x', ICareClassifier.MaxLength + 1)),
            new("<p>Please stop calling me.</p><blockquote>On Monday Parley wrote: pay now</blockquote>", CareTextFormat.Html),
            new("hola, no es mi deuda, ya pagué todo"),
            new(string.Join(" ", Enumerable.Repeat("I am frightened of the letters and cannot sleep.", 200))),
        ];

        var batch = classifier.ClassifyAll([.. Enumerable.Repeat(texts, 3).SelectMany(t => t)]);

        for (var i = 0; i < batch.Count; i++)
        {
            var text = texts[i % texts.Length];
            if (text.Text.Length > ICareClassifier.MaxLength)
            {
                batch[i].Classification.ShouldBeNull();
                batch[i].Error.ShouldBeOfType<CareTextTooLarge>();
                continue;
            }

            batch[i].Error.ShouldBeNull();
            JsonSerializer.Serialize(batch[i].Classification).ShouldBe(JsonSerializer.Serialize(classifier.Classify(text)), $"message {i}");
        }
    }

    [Fact]
    public void An_emotion_head_that_stacks_the_encoder_flags_what_its_n_grams_cannot_see()
    {
        // No n-gram weights at all: only the embedding can raise gratitude, by closeness to a thank-you.
        var anchor = SentenceEmbeddings.Shared.Embed("thank you so much, I really appreciate it");
        var head = new LinearHead("gratitude", [], [], 0, -1, 0, threshold: 0.5, stack: new EmbeddingStack(anchor, 0, NGramWeight: 0, EmbeddingWeight: 12, Intercept: -6));
        var classifier = new CareClassifier(CareModel.Deserialise(CareModel.Serialise([head]), "test"));

        var thanks = classifier.Classify(new CareText("Many thanks, that's really kind of you"));
        var bus = classifier.Classify(new CareText("The bus leaves the depot at seven"));

        thanks.Emotions.Single(e => e.Emotion == "gratitude").Flagged.ShouldBeTrue();
        bus.Emotions.Single(e => e.Emotion == "gratitude").Flagged.ShouldBeFalse();
    }

    private static double Cosine(float[] a, float[] b) => a.Zip(b).Sum(p => (double)p.First * p.Second);
}
