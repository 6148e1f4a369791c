using System.Globalization;
using System.Text;
using NodaTime;
using Parley.Demo.Portfolio;
using Parley.Modules.Accounts.Contracts;

namespace Parley.Demo.Placements;

/// <summary>
/// Writes people's accounts as a placement file (UTF-8 without BOM, RFC 4180, one row per account), streaming:
/// nothing but the current person is held, so a million accounts take the memory of one.
/// </summary>
public static class PlacementFileWriter
{
    public const string Header =
        "creditor_code,customer_ref,given_name,family_name,date_of_birth,language,address_line1,address_line2,city,postal_code,jurisdiction,time_zone,mobile_phone,mobile_consent,home_phone,work_phone,email,email_type,email_consent,account_ref,product_type,original_creditor,currency,principal,interest,fees,charge_off_date,last_payment_date,days_past_due,statute_of_limitations_date,status,statements";

    public static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes the first <paramref name="accounts"/> accounts of the people and returns how many rows were written.</summary>
    public static long Write(TextWriter writer, IEnumerable<DemoPerson> people, long accounts, Action<long>? progress = null)
    {
        writer.Write(Header);
        writer.Write("\r\n");
        long rows = 0;
        foreach (var person in people)
        {
            foreach (var customer in person.Customers)
            {
                foreach (var account in customer.Accounts)
                {
                    if (rows == accounts)
                    {
                        return rows;
                    }

                    WriteRow(writer, person, customer, account);
                    rows++;
                    if (progress is not null && rows % 100_000 == 0)
                    {
                        progress(rows);
                    }
                }
            }

            if (rows == accounts)
            {
                return rows;
            }
        }

        return rows;
    }

    public static async Task<long> WriteFileAsync(string path, IEnumerable<DemoPerson> people, long accounts, Action<long>? progress, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.SequentialScan);
        await using var writer = new StreamWriter(stream, Utf8, 1 << 16);
        var rows = Write(writer, people.TakeWhile(_ => !cancellationToken.IsCancellationRequested), accounts, progress);
        cancellationToken.ThrowIfCancellationRequested();
        return rows;
    }

    private static void WriteRow(TextWriter w, DemoPerson p, DemoCustomer c, DemoAccount a)
    {
        var creditor = c.Creditor;
        Field(w, creditor.Code);
        Field(w, c.CustomerReference);
        Field(w, p.GivenName);
        Field(w, p.FamilyName);
        Date(w, p.DateOfBirth);
        Field(w, p.Language);
        Field(w, p.AddressLine1);
        Field(w, p.AddressLine2);
        Field(w, p.Place.City);
        Field(w, p.PostalCode);
        Field(w, p.Place.Jurisdiction);
        Field(w, p.Place.TimeZone);
        Field(w, p.MobilePhone);
        Field(w, p.MobileConsent);
        Field(w, p.HomePhone);
        Field(w, p.WorkPhone);
        Field(w, p.Email);
        Field(w, p.Email is null ? null : p.EmailIsWork ? "work" : "personal");
        Field(w, p.Email is null ? null : p.EmailConsent ? "yes" : "no");
        Field(w, a.Reference);
        Field(w, ProductCode(a.Product));
        Field(w, creditor.Name);
        Field(w, creditor.Currency.Code);
        Amount(w, a.PrincipalMinor);
        w.Write(',');
        Amount(w, a.InterestMinor);
        w.Write(',');
        Amount(w, a.FeesMinor);
        w.Write(',');
        Date(w, a.ChargeOffDate);
        Date(w, a.LastPaymentDate);
        Integer(w, a.DaysPastDue);
        w.Write(',');
        Date(w, a.StatuteOfLimitationsDate);
        Field(w, StatusCode(a.Status));
        for (var i = 0; i < a.Statements.Count; i++)
        {
            var s = a.Statements[i];
            if (i > 0)
            {
                w.Write(';');
            }

            DateValue(w, s.Date);
            w.Write('|');
            Amount(w, s.AmountDueMinor);
            w.Write('|');
            Amount(w, s.MinimumDueMinor);
            w.Write('|');
            Amount(w, s.AmountPaidMinor);
            w.Write('|');
            Integer(w, s.DaysPastDue);
        }

        w.Write("\r\n");
    }

    public static string ProductCode(ProductType product) => product switch
    {
        ProductType.CreditCard => "credit_card",
        ProductType.PersonalLoan => "personal_loan",
        ProductType.Bnpl => "bnpl",
        ProductType.Utility => "utility",
        ProductType.Medical => "medical",
        ProductType.Auto => "auto",
        ProductType.Telecom => "telecom",
        ProductType.Other => "other",
    };

    public static string StatusCode(AccountStatus status) => status switch
    {
        AccountStatus.Open => "open",
        AccountStatus.InArrangement => "in_arrangement",
        AccountStatus.PaidInFull => "paid_in_full",
        AccountStatus.Settled => "settled",
        AccountStatus.Recalled => "recalled",
        AccountStatus.Closed => "closed",
        AccountStatus.InCredit => throw new ArgumentOutOfRangeException(nameof(status), status, "A placement states what is owed; only Parley's ledger puts an account in credit."),
    };

    /// <summary>A text field followed by a comma, quoted only when RFC 4180 requires it.</summary>
    private static void Field(TextWriter w, string? value)
    {
        if (value is not null)
        {
            if (value.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                w.Write('"');
                w.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
                w.Write('"');
            }
            else
            {
                w.Write(value);
            }
        }

        w.Write(',');
    }

    private static void Date(TextWriter w, LocalDate? date)
    {
        if (date is { } d)
        {
            DateValue(w, d);
        }

        w.Write(',');
    }

    private static void DateValue(TextWriter w, LocalDate d)
    {
        Span<char> buffer = stackalloc char[10];
        Digits(buffer[..4], d.Year);
        buffer[4] = '-';
        Digits(buffer.Slice(5, 2), d.Month);
        buffer[7] = '-';
        Digits(buffer.Slice(8, 2), d.Day);
        w.Write(buffer);
    }

    private static void Digits(Span<char> target, int value)
    {
        for (var i = target.Length - 1; i >= 0; i--)
        {
            target[i] = (char)('0' + (value % 10));
            value /= 10;
        }
    }

    private static void Integer(TextWriter w, long value)
    {
        Span<char> buffer = stackalloc char[20];
        value.TryFormat(buffer, out var written, default, CultureInfo.InvariantCulture);
        w.Write(buffer[..written]);
    }

    /// <summary>Minor units as a decimal with two places, e.g. 123456 → 1234.56 (both demo currencies have two).</summary>
    private static void Amount(TextWriter w, long minor)
    {
        Integer(w, minor / 100);
        Span<char> cents = stackalloc char[3];
        cents[0] = '.';
        Digits(cents[1..], (int)(minor % 100));
        w.Write(cents);
    }
}
