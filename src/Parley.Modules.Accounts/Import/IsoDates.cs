using System.Globalization;
using NodaTime;

namespace Parley.Modules.Accounts.Import;

/// <summary>YYYY-MM-DD without NodaTime's pattern machinery, for the millions of dates an import formats.</summary>
internal static class IsoDates
{
    /// <summary>Writes the date as <c>LocalDatePattern.Iso</c> would for years 0 to 9999; false (nothing written) for any other year.</summary>
    public static bool TryFormat(LocalDate date, Span<char> text)
    {
        if (date.Year is < 0 or > 9999 || text.Length < 10)
        {
            return false;
        }

        date.Year.TryFormat(text[..4], out _, "D4", CultureInfo.InvariantCulture);
        text[4] = '-';
        date.Month.TryFormat(text.Slice(5, 2), out _, "D2", CultureInfo.InvariantCulture);
        text[7] = '-';
        date.Day.TryFormat(text.Slice(8, 2), out _, "D2", CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>The date as <c>LocalDatePattern.Iso</c> formats it, or null for a year outside 0 to 9999.</summary>
    public static string? Format(LocalDate date)
    {
        Span<char> text = stackalloc char[10];
        return TryFormat(date, text) ? new string(text) : null;
    }
}
