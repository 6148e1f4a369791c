using System.Globalization;
using NodaTime;
using Parley.SharedKernel;

namespace Parley.Modules.Outreach.Templates;

/// <summary>
/// Money and dates as a customer reads them in their language and country. The host runs with invariant
/// globalization, so the few shapes Parley writes are spelt out here rather than read from ICU.
/// </summary>
internal static class TemplateText
{
    private static readonly string[] EnglishMonths = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    private static readonly string[] SpanishMonths = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"];

    /// <summary>$1,234.56 (English, and Spanish in the US), £1,234.56, or 1.234,56 € (Spanish elsewhere).</summary>
    public static string Money(Money money, string language, Jurisdiction? jurisdiction)
    {
        var symbol = money.Currency.Code switch
        {
            "USD" => "$",
            "GBP" => "£",
            "EUR" => "€",
            _ => money.Currency.Code + " ",
        };
        var digits = Math.Abs(money.Amount).ToString("N" + money.Currency.MinorUnits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var sign = money.Amount < 0 ? "-" : "";
        if (language == "es" && jurisdiction is not { IsUs: true })
        {
            // Spanish outside the US groups with points and writes the decimal comma, the symbol after.
            digits = digits.Replace(',', '\u0001').Replace('.', ',').Replace('\u0001', '.');
            return $"{sign}{digits} {symbol.Trim()}";
        }

        return $"{sign}{symbol}{digits}";
    }

    /// <summary>December 6, 2026 (US English), 6 December 2026 (English elsewhere), 6 de diciembre de 2026 (Spanish).</summary>
    public static string Date(LocalDate date, string language, Jurisdiction? jurisdiction) => language switch
    {
        "es" => $"{date.Day} de {SpanishMonths[date.Month - 1]} de {date.Year}",
        _ when jurisdiction is { IsUs: false } => $"{date.Day} {EnglishMonths[date.Month - 1]} {date.Year}",
        _ => $"{EnglishMonths[date.Month - 1]} {date.Day}, {date.Year}",
    };
}
