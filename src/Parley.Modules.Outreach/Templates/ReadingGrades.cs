using System.Text.RegularExpressions;
using Parley.Modules.Outreach.Contracts;

namespace Parley.Modules.Outreach.Templates;

/// <summary>
/// A plain-language score for a message: the school grade a reader needs. English uses Flesch–Kincaid; Spanish uses
/// Fernández-Huerta's reading ease, mapped to a grade by its published bands. Syllables are counted by rule (vowel
/// groups, with English's silent final e and Spanish hiatus), so the grade is approximate — good for "aim for 8 or
/// lower", not a measurement to a decimal.
/// </summary>
public static partial class ReadingGrades
{
    public static ReadingGrade? Of(string text, string language)
    {
        var words = Word().Matches(Link().Replace(text, " ")).Select(m => m.Value).ToList();
        if (words.Count == 0)
        {
            return null;
        }

        var sentences = Math.Max(1, Sentence().Matches(text).Count);
        var spanish = language == "es";
        var syllables = words.Sum(w => spanish ? SpanishSyllables(w) : EnglishSyllables(w));
        decimal grade;
        string formula;
        if (spanish)
        {
            var ease = 206.84 - (0.60 * (100.0 * syllables / words.Count)) - (1.02 * (100.0 * sentences / words.Count));
            grade = (decimal)GradeForSpanishEase(ease);
            formula = "Fernández-Huerta";
        }
        else
        {
            grade = (decimal)((0.39 * words.Count / sentences) + (11.8 * syllables / words.Count) - 15.59);
            formula = "Flesch–Kincaid";
        }

        return new ReadingGrade(Math.Round(Math.Max(0m, grade), 1), formula, words.Count, sentences, syllables);
    }

    /// <summary>Vowel groups, less a silent final e (but not -le), at least one.</summary>
    public static int EnglishSyllables(string word)
    {
        var w = word.ToLowerInvariant().Replace("'", "", StringComparison.Ordinal);
        if (w.Length <= 3)
        {
            return 1;
        }

        if (w.EndsWith('e') && !w.EndsWith("le", StringComparison.Ordinal) && !w.EndsWith("ee", StringComparison.Ordinal))
        {
            w = w[..^1];
        }
        else if (w.EndsWith("es", StringComparison.Ordinal) || (w.EndsWith("ed", StringComparison.Ordinal) && !w.EndsWith("ted", StringComparison.Ordinal) && !w.EndsWith("ded", StringComparison.Ordinal)))
        {
            w = w[..^2];
        }

        return Math.Max(1, EnglishVowels().Matches(w).Count);
    }

    /// <summary>Vowel groups, split where two strong vowels (a, e, o, or an accented i or u) meet: a hiatus, two syllables.</summary>
    public static int SpanishSyllables(string word)
    {
        var w = word.ToLowerInvariant();
        var count = 0;
        var previous = '\0';
        foreach (var c in w)
        {
            var vowel = "aeiouáéíóúü".Contains(c, StringComparison.Ordinal) || (c == 'y' && previous != '\0' && IsVowel(previous));
            if (vowel && !IsVowel(previous))
            {
                count++;
            }
            else if (vowel && IsStrong(previous) && IsStrong(c))
            {
                count++;
            }

            previous = vowel ? c : 'b';
        }

        return Math.Max(1, count);

        static bool IsVowel(char c) => "aeiouáéíóúüy".Contains(c, StringComparison.Ordinal);
        static bool IsStrong(char c) => "aeoáéíóú".Contains(c, StringComparison.Ordinal);
    }

    // Fernández-Huerta's bands: 90–100 very easy (4th grade), 80 easy (5th), 70 fairly easy (6th), 60 standard (7th–8th),
    // 50 fairly hard (some secondary school), 30 hard (pre-university), 0 very hard (university).
    private static double GradeForSpanishEase(double ease)
    {
        (double Ease, double Grade)[] bands = [(100, 3), (90, 4), (80, 5), (70, 6), (60, 8), (50, 10), (30, 13), (0, 16)];
        if (ease >= bands[0].Ease)
        {
            return bands[0].Grade;
        }

        for (var i = 1; i < bands.Length; i++)
        {
            if (ease >= bands[i].Ease)
            {
                var (hiEase, hiGrade) = bands[i - 1];
                var (loEase, loGrade) = bands[i];
                return loGrade + ((hiGrade - loGrade) * (ease - loEase) / (hiEase - loEase));
            }
        }

        return bands[^1].Grade;
    }

    [GeneratedRegex(@"\p{L}[\p{L}'’-]*")]
    private static partial Regex Word();

    // A sentence ends at . ! ? or at the end of a line that has words (a heading, a figure line, a greeting).
    [GeneratedRegex(@"[.!?]+(?=\s|$)|[\p{L}\p{N}:)]\s*(?=\n|$)")]
    private static partial Regex Sentence();

    [GeneratedRegex(@"https?://\S+|www\.\S+|\S+@\S+")]
    private static partial Regex Link();

    [GeneratedRegex("[aeiouy]+")]
    private static partial Regex EnglishVowels();
}
