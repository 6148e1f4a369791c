using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using NodaTime;
using Parley.Modules.Accounts.Domain;
using Parley.SharedKernel;
using PhoneNumbers;
using Col = Parley.Modules.Accounts.Import.PlacementColumns;

namespace Parley.Modules.Accounts.Import;

/// <summary>
/// Turns one record's fields into a <see cref="PlacementRow"/> or the list of everything wrong with it, field by
/// field, so a creditor can fix a file in one pass. Not thread-safe (it reuses buffers); one per import.
/// </summary>
internal sealed partial class PlacementRowValidator(IReadOnlyDictionary<string, CreditorInfo> creditors, LocalDate latestToday)
{
    private const int MinimumAge = 16;
    private const int MaximumAge = 120;
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();
    private static readonly System.Buffers.SearchValues<char> AsciiDigits = System.Buffers.SearchValues.Create("0123456789");
    private static readonly string[] StatementAmountLabels = ["amount_due", "minimum_due", "amount_paid"];

    // libphonenumber is the dearest check per row and numbers repeat across a file; bounded so memory stays flat.
    private const int PhoneCacheLimit = 100_000;

    private readonly Dictionary<(string Text, string Region), PhoneOutcome> _phoneCache = [];
    private readonly StringBuilder _canonical = new(2048);
    private byte[] _utf8 = new byte[8192];
    private readonly List<RowProblem> _problems = [];
    private long _row;
    private string _accountRef = "";

    /// <summary>Validates a record with exactly <see cref="PlacementColumns.Count"/> fields; problems are appended to <paramref name="problems"/>.</summary>
    public PlacementRow? Validate(RawRecord record, List<RowProblem> problems)
    {
        _row = record.RowNumber;
        _problems.Clear();
        var f = new string[record.Fields.Length];
        for (var i = 0; i < f.Length; i++)
        {
            f[i] = record.Fields[i].Trim();
        }

        _accountRef = f[Col.AccountRef].Length > 64 ? f[Col.AccountRef][..64] : f[Col.AccountRef];
        foreach (var i in record.InvalidUtf8Fields)
        {
            Problem(i, "contains bytes that are not valid UTF-8 (save the file as UTF-8)");
            f[i] = "";
        }

        var creditor = FindCreditor(f[Col.CreditorCode]);
        var customerRef = Text(f, Col.CustomerRef, 64, required: true);
        var given = Text(f, Col.GivenName, 100, required: true);
        var family = Text(f, Col.FamilyName, 100, required: true);
        var dateOfBirth = BirthDate(f[Col.DateOfBirth]);
        var language = LanguageTag(f[Col.Language]);
        var line1 = Text(f, Col.AddressLine1, 200, required: true);
        var line2 = Text(f, Col.AddressLine2, 200, required: false);
        var city = Text(f, Col.City, 100, required: true);
        var postalCode = Text(f, Col.PostalCode, 20, required: true);
        var (jurisdiction, timeZone) = PlaceOf(f[Col.Jurisdiction], f[Col.TimeZone]);
        var region = jurisdiction?.Country ?? "US";
        var phones = new List<PhoneLine>(3);
        var (call, sms) = ConsentOf(f[Col.MobileConsent]);
        AddPhone(phones, f, Col.MobilePhone, region, PhoneType.Mobile, call, sms);
        AddPhone(phones, f, Col.HomePhone, region, PhoneType.Landline, false, false);
        AddPhone(phones, f, Col.WorkPhone, region, PhoneType.Work, false, false);
        var email = EmailOf(f);
        var accountRef = Text(f, Col.AccountRef, 64, required: true);
        var productType = ProductOf(f[Col.ProductType]);
        var originalCreditor = Text(f, Col.OriginalCreditor, 200, required: false) ?? "";
        var currency = CurrencyOf(f[Col.Currency], creditor);
        var principal = Amount(f[Col.Principal], Col.Principal, currency, required: true);
        var interest = Amount(f[Col.Interest], Col.Interest, currency, required: false);
        var fees = Amount(f[Col.Fees], Col.Fees, currency, required: false);
        var chargeOff = PastDate(f[Col.ChargeOffDate], Col.ChargeOffDate);
        var lastPayment = PastDate(f[Col.LastPaymentDate], Col.LastPaymentDate);
        var daysPastDue = NonNegativeInt(f[Col.DaysPastDue], Col.DaysPastDue, required: true);
        var statute = AnyDate(f[Col.StatuteOfLimitationsDate], Col.StatuteOfLimitationsDate);
        var status = StatusOf(f[Col.Status]);
        var statements = StatementsOf(f[Col.Statements], currency);

        if (_problems.Count > 0)
        {
            problems.AddRange(_problems);
            return null;
        }

        var terms = new AccountTerms(currency!, productType!.Value, originalCreditor, chargeOff, lastPayment, daysPastDue!.Value, statute, status!.Value)
            .ForBalance(principal!.Value + (interest ?? 0) + (fees ?? 0));
        var address = new AddressLine(line1!, line2, city!, postalCode!, jurisdiction!.Value, timeZone!);
        var row = new PlacementRow(
            record.RowNumber, creditor!, customerRef!, new PersonName(given!, family!), dateOfBirth, language!, address, phones, email,
            accountRef!, terms, principal!.Value, interest ?? 0, fees ?? 0, statements!, "");
        return row with { Hash = Hash(row) };
    }

    private void Problem(int column, string message) => _problems.Add(new RowProblem(_row, _accountRef, Col.Names[column], message));

    private string? Text(string[] f, int column, int maxLength, bool required)
    {
        var value = f[column];
        if (value.Length == 0)
        {
            if (required && !_problems.Exists(p => p.Field == Col.Names[column]))
            {
                Problem(column, "is required");
            }

            return null;
        }

        if (value.Length > maxLength)
        {
            Problem(column, $"is {value.Length} characters long; at most {maxLength} are allowed");
            return null;
        }

        return value;
    }

    private CreditorInfo? FindCreditor(string code)
    {
        if (code.Length == 0)
        {
            Problem(Col.CreditorCode, "is required");
            return null;
        }

        if (!creditors.TryGetValue(code, out var creditor))
        {
            Problem(Col.CreditorCode, $"unknown creditor '{Clip(code)}' (create it first: parley creditors add / POST /api/creditors)");
        }

        return creditor;
    }

    private LocalDate? BirthDate(string text)
    {
        if (ParseDate(text, Col.DateOfBirth) is not { } date)
        {
            return null;
        }

        if (date > latestToday)
        {
            Problem(Col.DateOfBirth, $"{text} is in the future");
            return null;
        }

        var age = Period.Between(date, latestToday, PeriodUnits.Years).Years;
        if (age is < MinimumAge or > MaximumAge)
        {
            Problem(Col.DateOfBirth, $"{text} gives an age of {age}; it must be between {MinimumAge} and {MaximumAge}");
            return null;
        }

        return date;
    }

    private string? LanguageTag(string text)
    {
        if (text.Length == 0)
        {
            return "en";
        }

        var match = LanguageTagPattern().Match(text);
        if (!match.Success)
        {
            Problem(Col.Language, $"'{Clip(text)}' is not a BCP 47 language tag such as en, en-US or cy-GB");
            return null;
        }

        // Canonical case (en-GB, zh-Hant-TW) so the same tag never hashes two ways.
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

    private (Jurisdiction?, string?) PlaceOf(string jurisdictionText, string zoneText)
    {
        if (jurisdictionText.Length == 0)
        {
            Problem(Col.Jurisdiction, "is required");
            return (null, null);
        }

        if (!SharedKernel.Jurisdiction.TryParse(jurisdictionText, out var jurisdiction) || jurisdiction.Subdivision is null)
        {
            Problem(Col.Jurisdiction, $"'{Clip(jurisdictionText)}' is not a supported jurisdiction: use US-XX (a state or territory) or GB-ENG, GB-SCT, GB-WLS, GB-NIR");
            return (null, null);
        }

        if (zoneText.Length == 0)
        {
            if (TimeZoneDefaults.DefaultFor(jurisdiction) is { } zone)
            {
                return (jurisdiction, zone);
            }

            Problem(Col.TimeZone, $"is required for {jurisdiction.Code}, which spans more than one time zone");
            return (jurisdiction, null);
        }

        if (TimeZoneDefaults.Canonical(zoneText) is not { } canonical)
        {
            Problem(Col.TimeZone, $"'{Clip(zoneText)}' is not an IANA time zone id (e.g. America/Chicago, Europe/London)");
            return (jurisdiction, null);
        }

        if (!TimeZoneDefaults.LiesIn(canonical, jurisdiction))
        {
            Problem(Col.TimeZone, $"{zoneText} is not a time zone of {jurisdiction.Country} (jurisdiction {jurisdiction.Code})");
            return (jurisdiction, null);
        }

        return (jurisdiction, canonical);
    }

    private (bool Call, bool Sms) ConsentOf(string text)
    {
        switch (text.ToLowerInvariant())
        {
            case "" or "none":
                return (false, false);
            case "call":
                return (true, false);
            case "sms":
                return (false, true);
            case "call+sms":
                return (true, true);
            default:
                Problem(Col.MobileConsent, $"'{Clip(text)}' is not one of none, call, sms, call+sms");
                return (false, false);
        }
    }

    private void AddPhone(List<PhoneLine> phones, string[] f, int column, string region, PhoneType type, bool call, bool sms)
    {
        var text = f[column];
        if (text.Length == 0)
        {
            return;
        }

        if (!_phoneCache.TryGetValue((text, region), out var outcome))
        {
            outcome = ReadPhone(text, region);
            if (_phoneCache.Count >= PhoneCacheLimit)
            {
                _phoneCache.Clear();
            }

            _phoneCache[(text, region)] = outcome;
        }

        switch (outcome)
        {
            case { Unreadable: true }:
                Problem(column, $"'{Clip(text)}' cannot be read as a phone number");
                return;
            case { E164: null }:
                Problem(column, $"'{Clip(text)}' is not a valid phone number for {region}");
                return;
            case { E164: { } e164 } when phones.TrueForAll(p => p.E164 != e164):
                phones.Add(new PhoneLine(e164, type, call, sms));
                return;
        }
    }

    private static PhoneOutcome ReadPhone(string text, string region)
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

    /// <summary>The E.164 form of a valid number; null when it is invalid, or <see cref="Unreadable"/> when it is not a number at all.</summary>
    private readonly record struct PhoneOutcome(string? E164, bool Unreadable);

    private EmailLine? EmailOf(string[] f)
    {
        var typeText = f[Col.EmailType].ToLowerInvariant();
        var consentText = f[Col.EmailConsent].ToLowerInvariant();
        EmailType? type = typeText switch
        {
            "" or "personal" => Contracts.EmailType.Personal,
            "work" => Contracts.EmailType.Work,
            _ => null,
        };
        if (type is null)
        {
            Problem(Col.EmailType, $"'{Clip(f[Col.EmailType])}' is not one of personal, work");
        }

        bool? consent = consentText switch
        {
            "" or "no" => false,
            "yes" => true,
            _ => null,
        };
        if (consent is null)
        {
            Problem(Col.EmailConsent, $"'{Clip(f[Col.EmailConsent])}' is not one of yes, no");
        }

        var address = f[Col.Email];
        if (address.Length == 0)
        {
            return null;
        }

        if (address.Length > 254 || !EmailPattern().IsMatch(address))
        {
            Problem(Col.Email, $"'{Clip(address)}' is not an email address");
            return null;
        }

        return type is { } t && consent is { } c ? new EmailLine(address.ToLowerInvariant(), t, c) : null;
    }

    private ProductType? ProductOf(string text)
    {
        ProductType? type = text.ToLowerInvariant() switch
        {
            "credit_card" => Contracts.ProductType.CreditCard,
            "personal_loan" => Contracts.ProductType.PersonalLoan,
            "bnpl" => Contracts.ProductType.Bnpl,
            "utility" => Contracts.ProductType.Utility,
            "medical" => Contracts.ProductType.Medical,
            "auto" => Contracts.ProductType.Auto,
            "telecom" => Contracts.ProductType.Telecom,
            "other" => Contracts.ProductType.Other,
            _ => null,
        };
        if (type is null)
        {
            Problem(Col.ProductType, text.Length == 0 ? "is required" : $"'{Clip(text)}' is not one of credit_card, personal_loan, bnpl, utility, medical, auto, telecom, other");
        }

        return type;
    }

    private Currency? CurrencyOf(string code, CreditorInfo? creditor)
    {
        if (code.Length == 0)
        {
            Problem(Col.Currency, "is required");
            return null;
        }

        if (!SharedKernel.Currency.TryFromCode(code, out var currency))
        {
            Problem(Col.Currency, $"'{Clip(code)}' is not a supported ISO 4217 currency");
            return null;
        }

        if (creditor is not null && creditor.Currency != currency)
        {
            Problem(Col.Currency, $"{currency.Code} differs from creditor {creditor.Code}'s currency {creditor.Currency.Code}");
            return null;
        }

        return currency;
    }

    private long? Amount(string text, int column, Currency? currency, bool required) =>
        ParseAmount(text, currency, out var error) is { } minor ? minor
        : error is null ? (required ? Fail(column, "is required") : null)
        : Fail(column, error);

    private long? Fail(int column, string message)
    {
        Problem(column, message);
        return null;
    }

    /// <summary>Minor units of a plain decimal such as <c>1234.50</c>; null with no error for a blank.</summary>
    private static long? ParseAmount(ReadOnlySpan<char> text, Currency? currency, out string? error)
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

    private LocalDate? ParseDate(string text, int column)
    {
        if (text.Length == 0)
        {
            return null;
        }

        if (IsoDate(text) is not { } date)
        {
            Problem(column, $"'{Clip(text)}' is not a valid date (YYYY-MM-DD)");
            return null;
        }

        return date;
    }

    private LocalDate? PastDate(string text, int column)
    {
        var date = ParseDate(text, column);
        if (date > latestToday)
        {
            Problem(column, $"{text} is in the future");
            return null;
        }

        return date;
    }

    private LocalDate? AnyDate(string text, int column) => ParseDate(text, column);

    private int? NonNegativeInt(string text, int column, bool required)
    {
        if (text.Length == 0)
        {
            return required ? (int?)Fail(column, "is required") : null;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            Problem(column, $"'{Clip(text)}' is not a whole number of zero or more");
            return null;
        }

        return value;
    }

    private AccountStatus? StatusOf(string text)
    {
        AccountStatus? status = text.ToLowerInvariant() switch
        {
            "open" => AccountStatus.Open,
            "in_arrangement" => AccountStatus.InArrangement,
            "paid_in_full" => AccountStatus.PaidInFull,
            "settled" => AccountStatus.Settled,
            "recalled" => AccountStatus.Recalled,
            "closed" => AccountStatus.Closed,
            _ => null,
        };
        if (status is null)
        {
            Problem(Col.Status, text.Length == 0 ? "is required" : $"'{Clip(text)}' is not one of open, in_arrangement, paid_in_full, settled, recalled, closed");
        }

        return status;
    }

    private StatementHistory? StatementsOf(string text, Currency? currency)
    {
        if (text.Length == 0)
        {
            return StatementHistory.Empty;
        }

        var statements = new List<MonthlyStatement>(24);

        // Parsed on spans: a 24-statement history would otherwise cost ~150 strings per row.
        Span<long> amounts = stackalloc long[3];
        Span<Range> parts = stackalloc Range[6];
        var n = 0;
        var all = text.AsSpan();
        foreach (var entryRange in all.Split(';'))
        {
            n++;
            var entry = all[entryRange].Trim();
            if (entry.Split(parts, '|', StringSplitOptions.TrimEntries) != 5)
            {
                Problem(Col.Statements, $"statement {n} has {entry.Count('|') + 1} parts; expected date|amount_due|minimum_due|amount_paid|days_past_due");
                return null;
            }

            var dateText = entry[parts[0]];
            if (IsoDate(dateText) is not { } date)
            {
                Problem(Col.Statements, $"statement {n}: '{Clip(dateText.ToString())}' is not a valid date (YYYY-MM-DD)");
                return null;
            }

            if (date > latestToday)
            {
                Problem(Col.Statements, $"statement {n}: {dateText.ToString()} is in the future");
                return null;
            }

            if (statements.Count > 0 && date <= statements[^1].StatementDate)
            {
                Problem(Col.Statements, $"statement {n}: {dateText.ToString()} is not after the previous statement's date (oldest first, one per date)");
                return null;
            }

            for (var k = 0; k < 3; k++)
            {
                if (ParseAmount(entry[parts[k + 1]], currency, out var error) is not { } minor)
                {
                    Problem(Col.Statements, $"statement {n}: {StatementAmountLabels[k]} {error ?? "is required"}");
                    return null;
                }

                amounts[k] = minor;
            }

            var dpdText = entry[parts[4]];
            if (!int.TryParse(dpdText, NumberStyles.None, CultureInfo.InvariantCulture, out var dpd))
            {
                Problem(Col.Statements, $"statement {n}: days_past_due '{Clip(dpdText.ToString())}' is not a whole number of zero or more");
                return null;
            }

            statements.Add(new MonthlyStatement(date, amounts[0], amounts[1], amounts[2], dpd));
        }

        return StatementHistory.Of(statements);
    }

    /// <summary>SHA-256 of the row's normalised values: an unchanged row hashes the same however it was formatted.</summary>
    private string Hash(PlacementRow row)
    {
        var c = _canonical.Clear();
        const char Sep = '\u001F';
        c.Append(row.Creditor.Code).Append(Sep).Append(row.CustomerRef).Append(Sep).Append(row.Name.Given).Append(Sep).Append(row.Name.Family).Append(Sep);
        AppendIso(c, row.DateOfBirth).Append(Sep).Append(row.Language).Append(Sep)
            .Append(row.Address.Line1).Append(Sep).Append(row.Address.Line2).Append(Sep).Append(row.Address.City).Append(Sep).Append(row.Address.PostalCode).Append(Sep)
            .Append(row.Address.Jurisdiction.Code).Append(Sep).Append(row.Address.TimeZone).Append(Sep);
        foreach (var p in row.Phones)
        {
            c.Append(p.E164).Append('/').Append(p.Type).Append('/').Append(p.ConsentToCall).Append('/').Append(p.ConsentToSms).Append(Sep);
        }

        if (row.Email is { } e)
        {
            c.Append(e.Address).Append('/').Append(e.Type).Append('/').Append(e.ConsentToEmail);
        }

        var t = row.Terms;
        c.Append(Sep).Append(row.AccountRef).Append(Sep).Append(t.ProductType).Append(Sep).Append(t.OriginalCreditor).Append(Sep).Append(t.Currency.Code).Append(Sep)
            .Append(row.PrincipalMinor).Append(Sep).Append(row.InterestMinor).Append(Sep).Append(row.FeesMinor).Append(Sep);
        AppendIso(c, t.ChargeOffDate).Append(Sep);
        AppendIso(c, t.LastPaymentDate).Append(Sep).Append(t.DaysPastDue).Append(Sep);
        AppendIso(c, t.StatuteOfLimitationsDate).Append(Sep).Append(t.Status).Append(Sep);
        foreach (var s in row.Statements.Months)
        {
            AppendIso(c, s.StatementDate).Append('|').Append(s.AmountDueMinor).Append('|').Append(s.MinimumDueMinor).Append('|').Append(s.AmountPaidMinor).Append('|').Append(s.DaysPastDue).Append(';');
        }

        var length = 0;
        foreach (var chunk in c.GetChunks())
        {
            var needed = length + Encoding.UTF8.GetMaxByteCount(chunk.Length);
            if (needed > _utf8.Length)
            {
                Array.Resize(ref _utf8, Math.Max(needed, _utf8.Length * 2));
            }

            length += Encoding.UTF8.GetBytes(chunk.Span, _utf8.AsSpan(length));
        }

        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(_utf8.AsSpan(0, length), digest);
        return Convert.ToHexStringLower(digest);
    }

    private static StringBuilder AppendIso(StringBuilder c, LocalDate? date)
    {
        if (date is { } d)
        {
            Span<char> text = stackalloc char[10];
            if (IsoDates.TryFormat(d, text))
            {
                c.Append(text);
            }
            else
            {
                c.Append(NodaTime.Text.LocalDatePattern.Iso.Format(d));
            }
        }

        return c;
    }

    /// <summary>Strict YYYY-MM-DD (ASCII digits, a real calendar date), as <c>LocalDatePattern.Iso</c> reads ten characters, without its allocations.</summary>
    internal static LocalDate? IsoDate(ReadOnlySpan<char> text)
    {
        if (text.Length != 10 || text[4] != '-' || text[7] != '-'
            || !TryDigits(text[..4], out var year) || !TryDigits(text.Slice(5, 2), out var month) || !TryDigits(text.Slice(8, 2), out var day)
            || month is < 1 or > 12 || day < 1 || day > CalendarSystem.Iso.GetDaysInMonth(year, month))
        {
            return null;
        }

        return new LocalDate(year, month, day);
    }

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

    private static string Clip(string text) => text.Length > 60 ? text[..60] + "…" : text;

    [GeneratedRegex(@"^(?<lang>[A-Za-z]{2,3})(-(?<script>[A-Za-z]{4}))?(-(?<region>[A-Za-z]{2}|[0-9]{3}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguageTagPattern();

    [GeneratedRegex(@"^[^@\s""<>(),;:]+@[^@\s""<>(),;:]+\.[^@\s""<>(),;:.]{2,}$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

}
