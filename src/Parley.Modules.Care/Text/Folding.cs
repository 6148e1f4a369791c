namespace Parley.Modules.Care.Text;

/// <summary>Lower case with accents and curly apostrophes folded, one char for one char, so a span found in the folded text is the same span in the original.</summary>
public static class Folding
{
    public static string Fold(string text) => string.Create(text.Length, text, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            span[i] = FoldChar(source[i]);
        }
    });

    public static char FoldChar(char c)
    {
        if (c < 128)
        {
            return char.ToLowerInvariant(c);
        }

        return char.ToLowerInvariant(c) switch
        {
            'á' or 'à' or 'â' or 'ä' or 'ã' or 'å' => 'a',
            'é' or 'è' or 'ê' or 'ë' => 'e',
            'í' or 'ì' or 'î' or 'ï' => 'i',
            'ó' or 'ò' or 'ô' or 'ö' or 'õ' => 'o',
            'ú' or 'ù' or 'û' or 'ü' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            '\u2019' or '\u2018' or '\u00b4' or '`' => '\'',
            '\u201c' or '\u201d' => '"',
            '\u00a0' => ' ',
            var other => other,
        };
    }
}
