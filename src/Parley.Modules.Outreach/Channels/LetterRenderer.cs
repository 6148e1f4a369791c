using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace Parley.Modules.Outreach.Channels;

/// <summary>What a letter says and to whom: the sender's block, the recipient's name and address lines, the date, a heading and the body.</summary>
public sealed record LetterContent(string SenderName, IReadOnlyList<string> SenderAddress, string RecipientName, IReadOnlyList<string> RecipientAddress, string Date, string? Heading, string Body);

/// <summary>
/// Renders a letter to PDF with PDFsharp: A4/Letter-agnostic margins, the sender block top left, the address block where
/// a window envelope shows it, the date, the body wrapped at 11 pt with its paragraphs and blank lines kept (the Reg F
/// validation notice's itemisation stays a readable table of lines), and "Page n of m" on every page.
/// </summary>
public static class LetterRenderer
{
    private const double Margin = 56; // ~20 mm
    private const double BodySize = 11;
    private const double LineHeight = BodySize * 1.35;
    private static readonly Lock FontLock = new();

    /// <summary>The PDF's bytes and its page count.</summary>
    public static (byte[] Pdf, int Pages) Render(LetterContent letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        EnsureFonts();
        using var document = new PdfDocument();
        document.Info.Title = letter.Heading ?? "Letter";
        document.Info.Creator = "Parley";
        var regular = new XFont(LetterFonts.Family, BodySize, XFontStyleEx.Regular);
        var bold = new XFont(LetterFonts.Family, BodySize, XFontStyleEx.Bold);
        var small = new XFont(LetterFonts.Family, 9, XFontStyleEx.Regular);

        // Lay the body out first (US Letter, 612 × 792 pt), so each page can say how many there are.
        const double width = 612, height = 792;
        var textWidth = width - (2 * Margin);
        List<string> bodyLines;
        using (var measure = XGraphics.CreateMeasureContext(new XSize(width, height), XGraphicsUnit.Point, XPageDirection.Downwards))
        {
            bodyLines = Wrap(measure, letter.Body, regular, textWidth);
        }

        var firstPageBodyTop = Margin + (LineHeight * (letter.SenderAddress.Count + 1)) + 40 + (LineHeight * (letter.RecipientAddress.Count + 1)) + (LineHeight * 3) + (letter.Heading is null ? 0 : LineHeight * 2);
        var bottom = height - Margin - 24;
        var pages = new List<List<string>> { new() };
        var y = firstPageBodyTop;
        foreach (var line in bodyLines)
        {
            if (y + LineHeight > bottom)
            {
                pages.Add([]);
                y = Margin;
            }

            pages[^1].Add(line);
            y += LineHeight;
        }

        for (var p = 0; p < pages.Count; p++)
        {
            var page = document.AddPage();
            page.Width = XUnit.FromPoint(width);
            page.Height = XUnit.FromPoint(height);
            using var gfx = XGraphics.FromPdfPage(page);
            y = Margin;
            if (p == 0)
            {
                gfx.DrawString(letter.SenderName, bold, XBrushes.Black, new XPoint(Margin, y + BodySize));
                y += LineHeight;
                foreach (var line in letter.SenderAddress)
                {
                    gfx.DrawString(line, regular, XBrushes.Black, new XPoint(Margin, y + BodySize));
                    y += LineHeight;
                }

                y += 40;
                gfx.DrawString(letter.RecipientName, regular, XBrushes.Black, new XPoint(Margin, y + BodySize));
                y += LineHeight;
                foreach (var line in letter.RecipientAddress)
                {
                    gfx.DrawString(line, regular, XBrushes.Black, new XPoint(Margin, y + BodySize));
                    y += LineHeight;
                }

                y += LineHeight;
                gfx.DrawString(letter.Date, regular, XBrushes.Black, new XPoint(Margin, y + BodySize));
                y += LineHeight * 2;
                if (letter.Heading is { } heading)
                {
                    gfx.DrawString(heading, bold, XBrushes.Black, new XPoint(Margin, y + BodySize));
                    y += LineHeight * 2;
                }
            }

            foreach (var line in pages[p])
            {
                gfx.DrawString(line, regular, XBrushes.Black, new XPoint(Margin, y + BodySize));
                y += LineHeight;
            }

            var number = $"Page {p + 1} of {pages.Count}";
            var numberWidth = gfx.MeasureString(number, small).Width;
            gfx.DrawString(number, small, XBrushes.Black, new XPoint(width - Margin - numberWidth, height - Margin));
        }

        using var stream = new MemoryStream();
        document.Save(stream, false);
        return (stream.ToArray(), pages.Count);
    }

    /// <summary>Word-wrapped lines; the text's own line breaks and blank lines are kept, a word longer than the line is cut.</summary>
    private static List<string> Wrap(XGraphics measure, string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Replace('\t', ' ').Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : $"{line} {word}";
                if (measure.MeasureString(candidate, font).Width <= width)
                {
                    line = candidate;
                    continue;
                }

                if (line.Length > 0)
                {
                    lines.Add(line);
                }

                line = word;
                while (measure.MeasureString(line, font).Width > width && line.Length > 1)
                {
                    var cut = line.Length - 1;
                    while (cut > 1 && measure.MeasureString(line[..cut], font).Width > width)
                    {
                        cut--;
                    }

                    lines.Add(line[..cut]);
                    line = line[cut..];
                }
            }

            lines.Add(line);
        }

        return lines;
    }

    private static void EnsureFonts()
    {
        lock (FontLock)
        {
            if (GlobalFontSettings.FontResolver is null)
            {
                GlobalFontSettings.FontResolver = new LetterFonts();
            }
        }
    }

    /// <summary>
    /// The letters' typeface, from the font data shipped inside the PDFsharp package (PdfSharp.WPFonts), so rendering
    /// needs no system fonts and reads the same on every machine.
    /// </summary>
    private sealed class LetterFonts : IFontResolver
    {
        public const string Family = "Parley Letter";

        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
            new(bold ? "letter-bold" : "letter-regular", false, italic);

        public byte[]? GetFont(string faceName) =>
            faceName == "letter-bold" ? PdfSharp.WPFonts.FontDataHelper.SegoeWPBold : PdfSharp.WPFonts.FontDataHelper.SegoeWP;
    }
}
