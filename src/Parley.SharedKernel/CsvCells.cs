using System.Globalization;

namespace Parley.SharedKernel;

/// <summary>
/// How every CSV Parley writes for people (rejects reports, exports) writes a cell: RFC 4180 quoting, and a cell a
/// spreadsheet would run as a formula (one starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or carriage
/// return) prefixed with a single quote, as OWASP's CSV injection guidance says, so a hostile value in a placement
/// file cannot run in the reviewer's spreadsheet. A cell that is a plain number (<c>-12.50</c>) is data, not a
/// formula, and is written as it is.
/// </summary>
public static class CsvCells
{
    private static readonly System.Buffers.SearchValues<char> NeedsQuotes = System.Buffers.SearchValues.Create(",\"\r\n");

    /// <summary>The cell as a CSV line holds it: neutralised, then quoted when it holds a comma, a quote or a line break.</summary>
    public static string Cell(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var safe = Neutralised(value);
        return safe.AsSpan().IndexOfAny(NeedsQuotes) >= 0 ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
    }

    /// <summary>The cell neutralised and always in quotes (for a column whose cells are quoted whatever they hold).</summary>
    public static string Quoted(string value) => "\"" + Neutralised(value).Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>The cells joined into one line (without its line break).</summary>
    public static string Line(params IEnumerable<string> cells) => string.Join(',', cells.Select(Cell));

    /// <summary>The value with a leading single quote when a spreadsheet would read it as a formula; a plain number is left alone.</summary>
    public static string Neutralised(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !IsPlainNumber(value) ? "'" + value : value;
    }

    /// <summary>An optional sign, digits and an optional decimal part: what a spreadsheet reads as a number and nothing else.</summary>
    private static bool IsPlainNumber(string value) =>
        decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _);
}
