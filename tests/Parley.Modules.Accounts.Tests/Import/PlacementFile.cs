using System.Globalization;
using System.Text;

namespace Parley.Modules.Accounts.Tests.Import;

/// <summary>Builds placement CSV text for tests: a valid row by default, with any column overridden.</summary>
internal static class PlacementFile
{
    public static readonly string[] Columns =
    [
        "creditor_code", "customer_ref", "given_name", "family_name", "date_of_birth", "language", "address_line1",
        "address_line2", "city", "postal_code", "jurisdiction", "time_zone", "mobile_phone", "mobile_consent", "home_phone",
        "work_phone", "email", "email_type", "email_consent", "account_ref", "product_type", "original_creditor", "currency",
        "principal", "interest", "fees", "charge_off_date", "last_payment_date", "days_past_due", "statute_of_limitations_date",
        "status", "statements",
    ];

    public static string Header => string.Join(',', Columns);

    /// <summary>The optional contact-history columns, after the 32.</summary>
    public static readonly string[] HistoryColumns = ["last_contact_at", "last_contact_channel", "last_contact_outcome", "contact_history"];

    public static string HeaderWithHistory => string.Join(',', Columns.Concat(HistoryColumns));

    /// <summary>A file with the contact-history columns (blank where a row does not set them).</summary>
    public static string CsvWithHistory(IEnumerable<Dictionary<string, string>> rows)
    {
        var text = new StringBuilder(HeaderWithHistory).Append("\r\n");
        foreach (var row in rows)
        {
            text.Append(string.Join(',', Columns.Concat(HistoryColumns).Select(c => Quote(row.GetValueOrDefault(c, ""))))).Append("\r\n");
        }

        return text.ToString();
    }

    /// <summary>A valid US row for creditor ACME (USD); <paramref name="n"/> varies the references and phone.</summary>
    public static Dictionary<string, string> Row(int n, params (string Column, string Value)[] overrides)
    {
        var row = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["creditor_code"] = "ACME",
            ["customer_ref"] = $"C{n:D7}",
            ["given_name"] = "Maria",
            ["family_name"] = "Lopez",
            ["date_of_birth"] = "1980-04-12",
            ["language"] = "es-US",
            ["address_line1"] = $"{n % 9000 + 1} Main Street",
            ["address_line2"] = "",
            ["city"] = "Boston",
            ["postal_code"] = "02108",
            ["jurisdiction"] = "US-MA",
            ["time_zone"] = "",
            ["mobile_phone"] = $"(617) 253-{n % 10000:D4}",
            ["mobile_consent"] = "call+sms",
            ["home_phone"] = "",
            ["work_phone"] = "",
            ["email"] = $"maria{n}@example.com",
            ["email_type"] = "personal",
            ["email_consent"] = "yes",
            ["account_ref"] = $"A{n:D7}",
            ["product_type"] = "credit_card",
            ["original_creditor"] = "Acme Bank",
            ["currency"] = "USD",
            ["principal"] = "1200.50",
            ["interest"] = "35.10",
            ["fees"] = "25",
            ["charge_off_date"] = "2026-03-31",
            ["last_payment_date"] = "2026-01-15",
            ["days_past_due"] = "120",
            ["statute_of_limitations_date"] = "2030-01-15",
            ["status"] = "open",
            ["statements"] = "2025-11-30|300.00|25.00|25.00|0;2025-12-31|320.00|25.00|0|30",
        };
        foreach (var (column, value) in overrides)
        {
            row[column.ShouldBeColumn()] = value;
        }

        return row;
    }

    public static string Line(Dictionary<string, string> row) => string.Join(',', Columns.Select(c => Quote(row[c])));

    public static string Csv(IEnumerable<Dictionary<string, string>> rows) => Csv(rows.Select(Line));

    public static string Csv(IEnumerable<string> lines)
    {
        var text = new StringBuilder(Header).Append("\r\n");
        foreach (var line in lines)
        {
            text.Append(line).Append("\r\n");
        }

        return text.ToString();
    }

    public static MemoryStream Stream(string csv) => new(Encoding.UTF8.GetBytes(csv));

    private static string ShouldBeColumn(this string column) =>
        Columns.Contains(column) || HistoryColumns.Contains(column) ? column : throw new ArgumentException($"No column {column}.", nameof(column));

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
