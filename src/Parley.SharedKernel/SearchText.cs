using System.Globalization;
using System.Text;

namespace Parley.SharedKernel;

/// <summary>
/// Text as search compares it: lower case, accents and other marks removed, ligatures and special letters spelled out
/// (ß → ss, æ → ae, ø → o, ł → l), anything that is neither letter nor digit a single space. "Verónica  O'Brien" and
/// "veronica o brien" normalise alike, so a search matches however a name was typed. The same mapping, character by
/// character, backfills stored rows (<see cref="FoldedCharacters"/>), so the database and the code agree.
/// </summary>
public static partial class SearchText
{
    // One entry per UTF-16 code unit, filled on first use (idempotent, so a race only repeats the work).
    private static readonly string?[] Folds = new string?[char.MaxValue + 1];

    private static readonly Dictionary<char, string> Decomposed = Decompositions.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToDictionary(e => e[0], e => e[1..]);

    private static readonly Dictionary<char, string> Spelled = new()
    {
        ['ß'] = "ss",
        ['ẞ'] = "ss",
        ['æ'] = "ae",
        ['Æ'] = "ae",
        ['œ'] = "oe",
        ['Œ'] = "oe",
        ['ø'] = "o",
        ['Ø'] = "o",
        ['đ'] = "d",
        ['Đ'] = "d",
        ['ð'] = "d",
        ['Ð'] = "d",
        ['þ'] = "th",
        ['Þ'] = "th",
        ['ł'] = "l",
        ['Ł'] = "l",
        ['ı'] = "i",
        ['ħ'] = "h",
        ['Ħ'] = "h",
        ['ŧ'] = "t",
        ['Ŧ'] = "t",
        ['ŋ'] = "n",
        ['Ŋ'] = "n",
        ['ĸ'] = "k",
        ['ŀ'] = "l",
        ['Ŀ'] = "l",

        // Greek's final sigma has no capital of its own: upper then lower case turns it into σ.
        ['ς'] = "σ",
    };

    /// <summary>The code-unit ranges the stored backfill folds; outside them a character is kept as it is.</summary>
    public static readonly IReadOnlyList<(char First, char Last)> BackfilledRanges =
    [
        ('\u0001', '\u024F'), ('\u0300', '\u036F'), ('\u0370', '\u03FF'), ('\u0400', '\u04FF'), ('\u1E00', '\u1FFF'), ('\u2000', '\u206F'), ('\uFB00', '\uFB06'),
    ];

    /// <summary>The normalised form of <paramref name="text"/>: words separated by single spaces, no leading or trailing space.</summary>
    public static string Normalise(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var folded = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            folded.Append(Fold(c));
        }

        return Collapse(folded);
    }

    /// <summary>A customer's searchable name: given then family name, normalised.</summary>
    public static string Name(string given, string family) => Normalise(given + " " + family);

    /// <summary>The words of a query, normalised; empty when it has no letter or digit.</summary>
    public static string[] Words(string? text) => Normalise(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// Whether a normalised name matches a query the way search does: every word of the query starts a word of the name
    /// ("dav ada" matches "david adams", in any order).
    /// </summary>
    public static bool Matches(string normalisedName, string? query)
    {
        ArgumentNullException.ThrowIfNull(normalisedName);
        var padded = " " + normalisedName;
        return Words(query).All(w => padded.Contains(" " + w, StringComparison.Ordinal));
    }

    /// <summary>
    /// What one UTF-16 code unit becomes before spaces are collapsed: lower-case letters and digits, a space for
    /// anything else, nothing for a combining mark (so decomposed and composed accents agree). Surrogates are kept.
    /// </summary>
    public static string Fold(char c)
    {
        return Folds[c] ??= Compute(c);

        static string Compute(char c)
        {
            if (char.IsSurrogate(c))
            {
                return c.ToString();
            }

            if (Spelled.TryGetValue(c, out var spelled))
            {
                return spelled;
            }

            if (Decomposed.TryGetValue(c, out var decomposed))
            {
                return decomposed;
            }

            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                return "";
            }

            return char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c).ToString() : " ";
        }
    }

    /// <summary>Every character in <see cref="BackfilledRanges"/> that folds to something other than itself, with what it folds to.</summary>
    public static IEnumerable<(char Character, string Folded)> FoldedCharacters()
    {
        foreach (var (first, last) in BackfilledRanges)
        {
            for (var c = first; c <= last; c++)
            {
                var folded = Fold(c);
                if (folded.Length != 1 || folded[0] != c)
                {
                    yield return (c, folded);
                }
            }
        }
    }

    private static string Collapse(StringBuilder folded)
    {
        var result = new StringBuilder(folded.Length);
        var space = false;
        for (var i = 0; i < folded.Length; i++)
        {
            var c = folded[i];
            if (c == ' ')
            {
                space = result.Length > 0;
            }
            else
            {
                if (space)
                {
                    result.Append(' ');
                    space = false;
                }

                result.Append(c);
            }
        }

        return result.ToString();
    }
}
