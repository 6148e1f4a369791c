using System.Buffers;
using System.Globalization;

namespace Parley.SharedKernel;

/// <summary>
/// The control characters (C0, U+0000–U+001F) Parley refuses in text it is given. A NUL cannot be stored by PostgreSQL
/// at all, and none of the others means anything in a name, a reference or a code. Free text (a reason, a note) may
/// run over lines and hold tabs, so tab, line feed and carriage return are allowed there; a field of a file that is
/// one line per record (a placement file's) allows none of them.
/// </summary>
public static class ControlCharacters
{
    private static readonly SearchValues<char> NotInFreeText = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Where(c => c is not ('\t' or '\n' or '\r')).Select(c => (char)c)]);

    private static readonly SearchValues<char> NotInField = SearchValues.Create([.. Enumerable.Range(0, 0x20).Select(c => (char)c)]);

    /// <summary>Where the first control character free text may not hold is (all C0 controls but tab, LF and CR), or -1.</summary>
    public static int IndexInFreeText(ReadOnlySpan<char> text) => text.IndexOfAny(NotInFreeText);

    /// <summary>Where the first control character of any kind is (tab, LF and CR included), or -1.</summary>
    public static int IndexInField(ReadOnlySpan<char> text) => text.IndexOfAny(NotInField);

    /// <summary>The text with each control character shown as its picture (NUL as ␀, tab as ␉), for a report that quotes a refused value.</summary>
    public static string Visible(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return IndexInField(text) < 0 ? text : string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = source[i] < 0x20 ? (char)(0x2400 + source[i]) : source[i];
            }
        });
    }

    /// <summary>How a refusal names the character at <paramref name="index"/>: <c>U+0000 at position 4</c> (positions count from 1).</summary>
    public static string Describe(ReadOnlySpan<char> text, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"U+{(int)text[index]:X4} at position {index + 1}");
}
