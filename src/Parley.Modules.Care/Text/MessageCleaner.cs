using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Parley.Modules.Care.Contracts;

namespace Parley.Modules.Care.Text;

/// <summary>
/// The part of a message the customer just wrote: HTML reduced to text (scripts, styles and quoted blocks dropped),
/// control characters and broken surrogates replaced, and the quoted thread and signature cut off. Care's own copy of
/// Outreach's idea (modules share only contracts): this one also reads HTML and survives binary input.
/// </summary>
public static partial class MessageCleaner
{
    public static string Clean(CareText text)
    {
        var raw = Sanitise(text.Text ?? "");
        var plain = text.Format == CareTextFormat.Html || LooksLikeHtml(raw) ? HtmlToText(raw) : raw;
        var fresh = NewPart(plain);
        return fresh.Length > 0 ? fresh : plain.Trim();
    }

    /// <summary>Control characters (but tab and line breaks) become spaces and a lone surrogate becomes U+FFFD, so binary input reads as odd text, never a crash.</summary>
    internal static string Sanitise(string text)
    {
        StringBuilder? builder = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            char? replacement = null;
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    builder?.Append(c).Append(text[i + 1]);
                    i++;
                    continue;
                }

                replacement = '\uFFFD';
            }
            else if (char.IsLowSurrogate(c))
            {
                replacement = '\uFFFD';
            }
            else if (char.IsControl(c) && c is not '\n' and not '\r' and not '\t')
            {
                replacement = ' ';
            }

            if (replacement is { } r)
            {
                builder ??= new StringBuilder(text.Length).Append(text, 0, i);
                builder.Append(r);
            }
            else
            {
                builder?.Append(c);
            }
        }

        return builder?.ToString() ?? text;
    }

    private static bool LooksLikeHtml(string text)
    {
        var head = text.AsSpan(0, Math.Min(text.Length, 2000));
        return head.Contains("<html", StringComparison.OrdinalIgnoreCase) || head.Contains("<body", StringComparison.OrdinalIgnoreCase)
            || head.Contains("<div", StringComparison.OrdinalIgnoreCase) || head.Contains("<p>", StringComparison.OrdinalIgnoreCase)
            || head.Contains("<br", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A linear scan (no regex over the whole document): tags dropped, block ends become line breaks, quoted blocks and the mail clients' quote containers skipped.</summary>
    internal static string HtmlToText(string html)
    {
        var output = new StringBuilder(Math.Min(html.Length, 1 << 20));
        var skipUntil = (string?)null;
        var quoteDepth = 0;
        var i = 0;
        while (i < html.Length)
        {
            var c = html[i];
            if (c != '<')
            {
                if (skipUntil is null && quoteDepth == 0)
                {
                    output.Append(c);
                }

                i++;
                continue;
            }

            var close = html.IndexOf('>', i + 1);
            if (close < 0)
            {
                break;
            }

            var tag = html.AsSpan(i + 1, close - i - 1).Trim();
            i = close + 1;
            if (tag.StartsWith("!--"))
            {
                var end = html.IndexOf("-->", i - 1, StringComparison.Ordinal);
                i = end < 0 ? html.Length : end + 3;
                continue;
            }

            var closing = tag.StartsWith("/");
            var nameSpan = closing ? tag[1..] : tag;
            var nameEnd = 0;
            while (nameEnd < nameSpan.Length && char.IsAsciiLetterOrDigit(nameSpan[nameEnd]))
            {
                nameEnd++;
            }

            var name = nameSpan[..nameEnd].ToString().ToLowerInvariant();
            if (skipUntil is not null)
            {
                if (closing && name == skipUntil)
                {
                    skipUntil = null;
                }

                continue;
            }

            if (!closing && name is "script" or "style" or "head")
            {
                skipUntil = name;
                continue;
            }

            var isQuote = name == "blockquote" || (name == "div" && (tag.Contains("gmail_quote", StringComparison.OrdinalIgnoreCase)
                || tag.Contains("divRplyFwdMsg", StringComparison.OrdinalIgnoreCase) || tag.Contains("moz-cite-prefix", StringComparison.OrdinalIgnoreCase)));
            if (isQuote && !closing)
            {
                if (name == "div")
                {
                    // A reply's quoted thread runs to the end of the message in every common client.
                    break;
                }

                quoteDepth++;
                continue;
            }

            if (name == "blockquote" && closing)
            {
                quoteDepth = Math.Max(0, quoteDepth - 1);
                continue;
            }

            if (quoteDepth == 0 && name is "br" or "p" or "div" or "li" or "tr" or "h1" or "h2" or "h3" or "table")
            {
                output.Append('\n');
            }
        }

        return WebUtility.HtmlDecode(output.ToString()).Replace('\u00a0', ' ');
    }

    /// <summary>Lines above the first quote header, quoted line or signature marker.</summary>
    internal static string NewPart(string text)
    {
        var kept = new StringBuilder(text.Length);
        foreach (var line in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.StartsWith('>') || line == "-- " || trimmed == "--"
                || (trimmed.Length < 400 && (QuoteHeader().IsMatch(trimmed) || SentFrom().IsMatch(trimmed))))
            {
                break;
            }

            kept.Append(line.TrimEnd()).Append('\n');
        }

        return kept.ToString().Trim();
    }

    [GeneratedRegex(@"^(On\s.{1,300}\bwrote:|El\s.{1,300}\bescribi[oó]:|-{2,}\s*(Original Message|Mensaje original|Forwarded message|Mensaje reenviado)\s*-{2,}|From:\s.{1,300}|De:\s.{1,300}|_{5,})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QuoteHeader();

    [GeneratedRegex(@"^(Sent from my\s|Enviado desde mi\s|Get Outlook for\s|Obtener Outlook para\s)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SentFrom();
}
