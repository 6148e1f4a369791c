using Parley.Modules.Care.Text;

namespace Parley.Modules.Care.Model;

/// <summary>A word of the folded text and where it stands in the text read.</summary>
public readonly record struct Token(string Text, int Start, int Length);

/// <summary>A sparse, L2-normalised feature vector: hashed indices (ascending) and their values.</summary>
public sealed record SparseVector(int[] Indices, float[] Values);

/// <summary>
/// The text featurisation the heads read, the same steps as ML.NET's FeaturizeText (normalise, word unigrams and
/// bigrams, character 3- and 4-grams, log counts, L2 norm) with the n-grams hashed into a fixed space, written here so
/// training and the host compute it by one code path without ML.NET at run time.
/// </summary>
public static class TextFeatures
{
    public const string Version = "care-features/1";
    public const int Bits = 18;
    public const int Dimension = 1 << Bits;

    /// <summary>Characters the model reads: longer text is cut (the rules still read all of it).</summary>
    public const int ModelChars = 20_000;

    public static List<Token> Tokenise(string text)
    {
        var folded = Folding.Fold(text.Length > ModelChars ? text[..ModelChars] : text);
        var tokens = new List<Token>();
        var i = 0;
        while (i < folded.Length)
        {
            if (!char.IsLetterOrDigit(folded[i]))
            {
                i++;
                continue;
            }

            var start = i;
            var chars = new System.Text.StringBuilder();
            while (i < folded.Length && (char.IsLetterOrDigit(folded[i]) || (folded[i] == '\'' && i + 1 < folded.Length && char.IsLetter(folded[i + 1]))))
            {
                if (folded[i] != '\'')
                {
                    chars.Append(char.IsDigit(folded[i]) ? '0' : folded[i]);
                }

                i++;
            }

            if (chars.Length <= 40)
            {
                tokens.Add(new Token(chars.ToString(), start, i - start));
            }
        }

        return tokens;
    }

    public static SparseVector Compute(string text) => Compute(Tokenise(text));

    public static SparseVector Compute(IReadOnlyList<Token> tokens)
    {
        var counts = new Dictionary<int, float>();
        for (var t = 0; t < tokens.Count; t++)
        {
            var word = tokens[t].Text;
            Add(counts, Hash('w', word, null));
            if (t + 1 < tokens.Count)
            {
                Add(counts, Hash('b', word, tokens[t + 1].Text));
            }

            var padded = $" {word} ";
            for (var n = 3; n <= 4; n++)
            {
                for (var s = 0; s + n <= padded.Length; s++)
                {
                    Add(counts, Hash((char)('0' + n), padded.Substring(s, n), null));
                }
            }
        }

        var indices = counts.Keys.ToArray();
        Array.Sort(indices);
        var values = new float[indices.Length];
        double norm = 0;
        for (var k = 0; k < indices.Length; k++)
        {
            values[k] = (float)Math.Log(1 + counts[indices[k]]);
            norm += values[k] * values[k];
        }

        if (norm > 0)
        {
            var scale = (float)(1 / Math.Sqrt(norm));
            for (var k = 0; k < values.Length; k++)
            {
                values[k] *= scale;
            }
        }

        return new SparseVector(indices, values);
    }

    /// <summary>The index of a word's unigram feature: evidence for a model flag names the words whose weights raised it.</summary>
    public static int WordIndex(string word) => Hash('w', word, null);

    private static void Add(Dictionary<int, float> counts, int index) =>
        counts[index] = counts.TryGetValue(index, out var c) ? c + 1 : 1;

    /// <summary>FNV-1a over a namespace, the gram and an optional second word: stable across runs and machines (string.GetHashCode is not).</summary>
    private static int Hash(char kind, string first, string? second)
    {
        unchecked
        {
            var hash = 2166136261u;
            hash = (hash ^ kind) * 16777619u;
            foreach (var c in first)
            {
                hash = (hash ^ c) * 16777619u;
            }

            if (second is not null)
            {
                hash = (hash ^ ' ') * 16777619u;
                foreach (var c in second)
                {
                    hash = (hash ^ c) * 16777619u;
                }
            }

            return (int)(hash & (Dimension - 1));
        }
    }
}
