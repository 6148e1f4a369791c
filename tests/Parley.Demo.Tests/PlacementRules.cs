using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.Text;
using Parley.Demo.Portfolio;
using Parley.SharedKernel;
using PhoneNumbers;
using Shouldly;

namespace Parley.Demo.Tests;

/// <summary>
/// The agreed placement format's rules, checked field by field, independently of the writer: a focused stand-in for
/// the importer's validation until the import pipeline is merged.
/// </summary>
internal static partial class PlacementRules
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();
    private static readonly HashSet<string> ProductTypes = ["credit_card", "personal_loan", "bnpl", "utility", "medical", "auto", "telecom", "other"];
    private static readonly HashSet<string> Statuses = ["open", "in_arrangement", "paid_in_full", "settled", "recalled", "closed"];
    private static readonly HashSet<string> Consents = ["none", "call", "sms", "call+sms"];

    /// <summary>A strict RFC 4180 reader: quoted fields may hold commas, quotes ("") and line breaks; rows end in CRLF.</summary>
    public static List<string[]> ReadRows(string csvText, out string[] header)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var i = 0;
        while (i < csvText.Length)
        {
            if (csvText[i] == '"')
            {
                for (i++; !(csvText[i] == '"' && (i + 1 == csvText.Length || csvText[i + 1] != '"')); i++)
                {
                    field.Append(csvText[i]);
                    i += csvText[i] == '"' ? 1 : 0;
                }

                i++;
            }

            for (; i < csvText.Length && csvText[i] is not (',' or '\r'); i++)
            {
                csvText[i].ShouldNotBe('"', "a quote inside an unquoted field");
                field.Append(csvText[i]);
            }

            fields.Add(field.ToString());
            field.Clear();
            if (i < csvText.Length && csvText[i] == '\r')
            {
                csvText[i + 1].ShouldBe('\n');
                records.Add([.. fields]);
                fields.Clear();
                i += 2;
            }
            else
            {
                i++;
            }
        }

        fields.ShouldBeEmpty("the last row must end with CRLF");
        header = records[0];
        return records[1..];
    }

    /// <summary>Every rule the row breaks, as readable messages (empty when the row is valid).</summary>
    public static List<string> Violations(string[] r, LocalDate today)
    {
        var errors = new List<string>();
        void Check(bool ok, string message)
        {
            if (!ok)
            {
                errors.Add($"{r.ElementAtOrDefault(19)}: {message}");
            }
        }

        if (r.Length != 32)
        {
            errors.Add($"expected 32 fields, got {r.Length}");
            return errors;
        }

        var creditor = DemoCreditors.All.SingleOrDefault(c => c.Code == r[0]);
        Check(creditor is not null, $"unknown creditor {r[0]}");
        Check(r[1].Length is > 0 and <= 64 && r[19].Length is > 0 and <= 64, "references must be 1–64 characters");
        Check(r[2].Length is > 0 and <= 100 && r[3].Length is > 0 and <= 100, "names are required");
        var dob = OptionalDate(r[4], Check, "date_of_birth");
        if (dob is { } born)
        {
            var age = Period.Between(born, today, PeriodUnits.Years).Years;
            Check(born <= today && age is >= 16 and <= 120, $"age {age} outside 16–120");
        }

        Check(LanguageTag().IsMatch(r[5]), $"language {r[5]} is not a BCP 47 tag");
        Check(r[6].Length > 0 && r[8].Length > 0 && r[9].Length > 0, "address line 1, city and postal code are required");
        var jurisdictionOk = Jurisdiction.TryParse(r[10], out var jurisdiction) && jurisdiction.Subdivision is not null;
        Check(jurisdictionOk, $"jurisdiction {r[10]}");
        Check(r[11].Length == 0 || DateTimeZoneProviders.Tzdb.GetZoneOrNull(r[11]) is not null, $"time zone {r[11]}");
        if (jurisdictionOk)
        {
            Check(jurisdiction.IsUs ? UsPostalCode().IsMatch(r[9]) : UkPostcode().IsMatch(r[9]), $"postal code {r[9]}");
            Check(ValidPhone(r[12], jurisdiction.Country), $"mobile {r[12]}");
            Check(r[14].Length == 0 || ValidPhone(r[14], jurisdiction.Country), $"home phone {r[14]}");
            Check(r[15].Length == 0 || ValidPhone(r[15], jurisdiction.Country), $"work phone {r[15]}");
        }

        Check(Consents.Contains(r[13]), $"mobile_consent {r[13]}");
        if (r[16].Length > 0)
        {
            Check(r[16].Contains('@', StringComparison.Ordinal), $"email {r[16]}");
            Check(r[17] is "personal" or "work", $"email_type {r[17]}");
            Check(r[18] is "yes" or "no", $"email_consent {r[18]}");
        }

        Check(ProductTypes.Contains(r[20]), $"product_type {r[20]}");
        Check(creditor is null || r[22] == creditor.Currency.Code, $"currency {r[22]} differs from the creditor's");
        foreach (var (value, name) in new[] { (r[23], "principal"), (r[24], "interest"), (r[25], "fees") })
        {
            Check(Amount().IsMatch(value), $"{name} {value}");
        }

        var chargeOff = OptionalDate(r[26], Check, "charge_off_date");
        var lastPayment = OptionalDate(r[27], Check, "last_payment_date");
        Check(chargeOff is null || chargeOff <= today, "charge_off_date in the future");
        Check(lastPayment is null || lastPayment <= today, "last_payment_date in the future");
        Check(int.TryParse(r[28], NumberStyles.None, CultureInfo.InvariantCulture, out _), $"days_past_due {r[28]}");
        OptionalDate(r[29], Check, "statute_of_limitations_date");
        Check(Statuses.Contains(r[30]), $"status {r[30]}");
        LocalDate? previous = null;
        foreach (var statement in r[31].Length == 0 ? [] : r[31].Split(';'))
        {
            var parts = statement.Split('|');
            if (parts.Length != 5)
            {
                errors.Add($"statement {statement} must have 5 parts");
                continue;
            }

            var date = LocalDatePattern.Iso.Parse(parts[0]);
            Check(date.Success && date.Value <= today, $"statement date {parts[0]}");
            Check(previous is null || (date.Success && date.Value > previous), "statements must be oldest first");
            previous = date.Success ? date.Value : previous;
            Check(parts[1..4].All(Amount().IsMatch), $"statement amounts {statement}");
            Check(int.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out _), $"statement days past due {parts[4]}");
        }

        return errors;
    }

    public static bool ValidPhone(string text, string region)
    {
        try
        {
            var parsed = Phones.Parse(text, region);
            return Phones.IsValidNumber(parsed) && Phones.GetRegionCodeForNumber(parsed) == region;
        }
        catch (NumberParseException)
        {
            return false;
        }
    }

    private static LocalDate? OptionalDate(string text, Action<bool, string> check, string field)
    {
        if (text.Length == 0)
        {
            return null;
        }

        var result = LocalDatePattern.Iso.Parse(text);
        check(result.Success, $"{field} {text} is not YYYY-MM-DD");
        return result.Success ? result.Value : null;
    }

    [GeneratedRegex(@"^[a-z]{2,3}(-[A-Z]{2})?$")]
    private static partial Regex LanguageTag();

    [GeneratedRegex(@"^\d+(\.\d{1,2})?$")]
    private static partial Regex Amount();

    [GeneratedRegex(@"^\d{5}$")]
    private static partial Regex UsPostalCode();

    [GeneratedRegex(@"^[A-Z]{1,2}\d{1,2}[A-Z]? \d[A-Z]{2}$")]
    private static partial Regex UkPostcode();
}
