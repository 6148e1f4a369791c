using System.Text.RegularExpressions;

namespace Parley.Modules.Outreach.Inbound;

/// <summary>
/// The new part of an e-mail reply: the text above the quoted thread ("On … wrote:", "El … escribió:", an
/// "Original Message" or "From:" block, lines quoted with "&gt;") and above the signature ("-- ", "Sent from my …").
/// </summary>
public static partial class QuotedText
{
    public static string NewPart(string? text)
    {
        var lines = (text ?? "").ReplaceLineEndings("\n").Split('\n');
        var kept = new List<string>();
        foreach (var line in lines)
        {
            var trimmed = line.Trim();
            if (trimmed.StartsWith('>') || line == "-- " || trimmed == "--" || QuoteHeader().IsMatch(trimmed) || SentFrom().IsMatch(trimmed))
            {
                break;
            }

            kept.Add(line.TrimEnd());
        }

        return string.Join('\n', kept).Trim();
    }

    [GeneratedRegex(@"^(On\s.+\bwrote:|El\s.+\bescribi[oó]:|-{2,}\s*(Original Message|Mensaje original)\s*-{2,}|From:\s.+|De:\s.+|_{5,})$", RegexOptions.IgnoreCase)]
    private static partial Regex QuoteHeader();

    [GeneratedRegex(@"^(Sent from my\s|Enviado desde mi\s)", RegexOptions.IgnoreCase)]
    private static partial Regex SentFrom();
}
