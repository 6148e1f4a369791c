using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;
using Parley.SharedKernel;
using PhoneNumbers;

namespace Parley.Modules.Accounts.Import;

/// <summary>
/// The placement file's field parsers: pure functions of a field's text (and the row's currency or region) that
/// report nothing themselves; <see cref="PlacementRowValidator"/> turns their failures into the row's problems.
/// </summary>
internal static partial class PlacementFieldParsers
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();
    private static readonly System.Buffers.SearchValues<char> AsciiDigits = System.Buffers.SearchValues.Create("0123456789");

    /// <summary>Minor units of a plain decimal such as <c>1234.50</c>; null with no error for a blank.</summary>
    public static long? Amount(ReadOnlySpan<char> text, Currency? currency, out string? error)
    {
        error = null;
        if (text.Length == 0)
        {
            return null;
        }

        if (text[0] == '-' && IsPlainAmount(text[1..]))
        {
            error = $"{Clip(text.ToString())} is negative; balances and amounts must be zero or more";
            return null;
        }

        if (!IsPlainAmount(text))
        {
            error = $"'{Clip(text.ToString())}' is not an amount: digits with an optional '.' and decimals, no sign or thousands separator";
            return null;
        }

        if (currency is null)
        {
            // The currency's own problem is already reported; without it the decimals cannot be checked.
            return 0;
        }

        var dot = text.IndexOf('.');
        var decimals = dot < 0 ? 0 : text.Length - dot - 1;
        if (decimals > currency.MinorUnits)
        {
            error = $"{text.ToString()} has {decimals} decimals; {currency.Code} allows {currency.MinorUnits}";
            return null;
        }

        if (text.Length <= 15)
        {
            // At most 15 digits times a factor of at most 1,000 fits a long; no culture or decimal needed.
            long units = 0;
            foreach (var ch in text)
            {
                if (ch != '.')
                {
                    units = (units * 10) + (ch - '0');
                }
            }

            for (var k = decimals; k < currency.MinorUnits; k++)
            {
                units *= 10;
            }

            return units;
        }

        if (text.Length > 22 || !decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            error = $"{Clip(text.ToString())} is too large";
            return null;
        }

        var minor = amount * currency.MinorUnitFactor;
        if (minor > long.MaxValue / 4)
        {
            error = $"{Clip(text.ToString())} is too large";
            return null;
        }

        return (long)minor;
    }

    /// <summary>Strict YYYY-MM-DD (ASCII digits, a real calendar date), as <c>LocalDatePattern.Iso</c> reads ten characters, without its allocations.</summary>
    public static LocalDate? IsoDate(ReadOnlySpan<char> text)
    {
        if (text.Length != 10 || text[4] != '-' || text[7] != '-'
            || !TryDigits(text[..4], out var year) || !TryDigits(text.Slice(5, 2), out var month) || !TryDigits(text.Slice(8, 2), out var day)
            || month is < 1 or > 12 || day < 1 || day > CalendarSystem.Iso.GetDaysInMonth(year, month))
        {
            return null;
        }

        return new LocalDate(year, month, day);
    }

    /// <summary>A BCP 47 tag (language, optional script and region) in canonical case (en-GB, zh-Hant-TW), so the same tag never hashes two ways; null when the text is not one.</summary>
    public static string? LanguageTag(string text)
    {
        var match = LanguageTagPattern().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var tag = match.Groups["lang"].Value.ToLowerInvariant();
        if (match.Groups["script"].Success)
        {
            var script = match.Groups["script"].Value;
            tag += "-" + char.ToUpperInvariant(script[0]) + script[1..].ToLowerInvariant();
        }

        if (match.Groups["region"].Success)
        {
            tag += "-" + match.Groups["region"].Value.ToUpperInvariant();
        }

        return tag;
    }

    public static bool IsEmailAddress(string text) => text.Length <= 254 && EmailPattern().IsMatch(text);

    /// <summary>The number read in the region's conventions.</summary>
    public static PhoneOutcome Phone(string text, string region)
    {
        try
        {
            var number = Phones.Parse(text, region);
            return new PhoneOutcome(Phones.IsValidNumber(number) ? Phones.Format(number, PhoneNumberFormat.E164) : null, Unreadable: false);
        }
        catch (NumberParseException)
        {
            return new PhoneOutcome(null, Unreadable: true);
        }
    }

    /// <summary>A field's text as a refusal quotes it: at most 60 characters.</summary>
    public static string Clip(string text) => text.Length > 60 ? text[..60] + "…" : text;

    private static bool TryDigits(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        foreach (var ch in text)
        {
            if (!char.IsAsciiDigit(ch))
            {
                return false;
            }

            value = (value * 10) + (ch - '0');
        }

        return true;
    }

    /// <summary>Digits with an optional '.' followed by at least one digit: <c>^[0-9]+(\.[0-9]+)?$</c>.</summary>
    private static bool IsPlainAmount(ReadOnlySpan<char> text)
    {
        var dot = text.IndexOf('.');
        var whole = dot < 0 ? text : text[..dot];
        return whole.Length > 0 && !whole.ContainsAnyExcept(AsciiDigits)
            && (dot < 0 || (dot < text.Length - 1 && !text[(dot + 1)..].ContainsAnyExcept(AsciiDigits)));
    }

    [GeneratedRegex(@"^(?<lang>[A-Za-z]{2,3})(-(?<script>[A-Za-z]{4}))?(-(?<region>[A-Za-z]{2}|[0-9]{3}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguageTagPattern();

    [GeneratedRegex(@"^[^@\s""<>(),;:]+@[^@\s""<>(),;:]+\.[^@\s""<>(),;:.]{2,}$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();
}

/// <summary>The E.164 form of a valid number; null when it is invalid, or <see cref="Unreadable"/> when it is not a number at all.</summary>
internal readonly record struct PhoneOutcome(string? E164, bool Unreadable);
