using System.Text;
using CsCheck;
using Shouldly;

namespace Parley.SharedKernel.Tests;

public sealed class SearchTextTests
{
    // Letters people's names are written with: ASCII, accented Latin, the specially spelled ones, Greek and Cyrillic.
    private static readonly Gen<char> NameLetters = Gen.OneOf(
        Gen.Char['a', 'z'], Gen.Char['A', 'Z'], Gen.Char['\u00C0', '\u024F'], Gen.OneOf<char>('ß', 'æ', 'Ø', 'ł', 'Đ', 'þ', 'œ'),
        Gen.Char['\u0391', '\u03C9'], Gen.Char['\u0410', '\u044F']);

    private static readonly Gen<string> Separators = Gen.OneOf<string>(" ", "  ", "-", "'", "’", ", ", ".", "\t");

    private static readonly Gen<string> Words = Gen.String[NameLetters, 1, 12];

    private static readonly Gen<string> Names = Gen.Select(Words.Array[1, 4], Separators.Array[4], (words, seps) =>
        string.Concat(words.Select((w, i) => i == 0 ? w : seps[i - 1] + w)));

    // Any text at all, marks and surrogate pairs included.
    private static readonly Gen<string> AnyText = Gen.String[Gen.Char, 0, 40];

    [Theory]
    [InlineData("Verónica Aguilar", "veronica aguilar")]
    [InlineData("  David   ADAMS ", "david adams")]
    [InlineData("Siobhán O'Brien-Ní Dhomhnaill", "siobhan o brien ni dhomhnaill")]
    [InlineData("Jürgen Weiß", "jurgen weiss")]
    [InlineData("Søren Kierkegaard", "soren kierkegaard")]
    [InlineData("Łukasz Żółć", "lukasz zolc")]
    [InlineData("Nguyễn Thị Minh Khai", "nguyen thi minh khai")]
    [InlineData("Ægir Þórsson", "aegir thorsson")]
    [InlineData("Зоя Ёлкина", "зоя елкина")]
    [InlineData("", "")]
    [InlineData("—", "")]
    public void Names_fold_to_plain_lower_case_words(string name, string expected) => SearchText.Normalise(name).ShouldBe(expected);

    [Fact]
    public void Normalising_is_idempotent() =>
        AnyText.Sample(text => SearchText.Normalise(SearchText.Normalise(text)) == SearchText.Normalise(text));

    [Fact]
    public void The_result_is_single_spaced_words_with_no_capital_and_no_mark() =>
        AnyText.Sample(text =>
        {
            var n = SearchText.Normalise(text);
            n.ShouldNotStartWith(" ");
            n.ShouldNotEndWith(" ");
            n.ShouldNotContain("  ");
            n.Where(c => !char.IsSurrogate(c)).ShouldAllBe(c => c == ' ' || (char.IsLetterOrDigit(c) && !char.IsUpper(c)));
        });

    [Fact]
    public void Case_does_not_matter() =>
        Names.Sample(name => SearchText.Normalise(name.ToUpperInvariant()) == SearchText.Normalise(name.ToLowerInvariant()));

    [Fact]
    public void Combining_marks_do_not_matter() =>
        Gen.Select(Names, Gen.Char['\u0300', '\u036F'].Array[0, 6], Gen.Int[0, 1000].Array[6]).Sample((name, marks, at) =>
        {
            var marked = new StringBuilder(name);
            for (var i = 0; i < marks.Length; i++)
            {
                marked.Insert(at[i] % (marked.Length + 1), marks[i]);
            }

            return SearchText.Normalise(marked.ToString()) == SearchText.Normalise(name);
        });

    [Fact]
    public void An_accented_letter_reads_as_its_plain_letter_composed_or_decomposed() =>
        Gen.Select(Gen.Int[0, Accented.Length - 1], Gen.Bool, Names).Sample((i, upper, name) =>
        {
            var (composed, decomposed, plain) = Accented[i];
            var (c, d, p) = upper ? (composed.ToUpperInvariant(), decomposed.ToUpperInvariant(), plain.ToUpperInvariant()) : (composed, decomposed, plain);
            var expected = SearchText.Normalise(name + p + name);
            return SearchText.Normalise(name + c + name) == expected && SearchText.Normalise(name + d + name) == expected;
        });

    [Fact]
    public void Separators_do_not_matter() =>
        Gen.Select(Words.Array[1, 4], Separators.Array[4]).Sample((words, seps) =>
            SearchText.Normalise(string.Concat(words.Select((w, i) => i == 0 ? w : seps[i - 1] + w))) == SearchText.Normalise(string.Join(' ', words)));

    [Fact]
    public void The_start_of_any_word_of_the_name_as_written_finds_it_in_any_case() =>
        Gen.Select(Words.Array[1, 4], Separators.Array[4], Gen.Int[0, 100], Gen.Int[0, 100], Gen.Bool).Sample((words, seps, at, length, upper) =>
        {
            var name = string.Concat(words.Select((w, i) => i == 0 ? w : seps[i - 1] + w));
            var word = words[at % words.Length];
            var typed = word[..(1 + (length % word.Length))];
            return SearchText.Matches(SearchText.Normalise(name), upper ? typed.ToUpperInvariant() : typed.ToLowerInvariant());
        });

    [Fact]
    public void Full_names_match_in_either_order()
    {
        var stored = SearchText.Name("David", "Adams");
        SearchText.Matches(stored, "David Adams").ShouldBeTrue();
        SearchText.Matches(stored, "adams, david").ShouldBeTrue();
        SearchText.Matches(stored, "dav ad").ShouldBeTrue();
        SearchText.Matches(stored, "avid").ShouldBeFalse();
        SearchText.Matches(stored, "David Adamson").ShouldBeFalse();
    }

    [Fact]
    public void Every_backfilled_character_folds_to_what_the_code_writes() =>
        SearchText.FoldedCharacters().ShouldAllBe(f => SearchText.Normalise(f.Character + "x") == SearchText.Normalise(f.Folded + "x"));

    // Written out: the tests run with invariant globalization, like the host, so string.Normalize cannot produce them.
    private static readonly (string Composed, string Decomposed, string Plain)[] Accented =
    [
        ("é", "e\u0301", "e"), ("ó", "o\u0301", "o"), ("ñ", "n\u0303", "n"), ("ü", "u\u0308", "u"), ("ç", "c\u0327", "c"),
        ("å", "a\u030A", "a"), ("ž", "z\u030C", "z"), ("ő", "o\u030B", "o"), ("ễ", "e\u0302\u0303", "e"), ("ị", "i\u0323", "i"),
        ("ά", "α\u0301", "α"), ("й", "и\u0306", "и"), ("ё", "е\u0308", "е"),
    ];
}
