using System.Globalization;
using NodaTime;
using Parley.Modules.Accounts.Domain;
using Parley.SharedKernel;
using static Parley.Modules.Accounts.Import.PlacementFieldParsers;
using Col = Parley.Modules.Accounts.Import.PlacementColumns;

namespace Parley.Modules.Accounts.Import;

/// <summary>
/// Turns one record's fields into a <see cref="PlacementRow"/> or the list of everything wrong with it, field by
/// field, so a creditor can fix a file in one pass. Each field is read by its parser (<see cref="PlacementFieldParsers"/>)
/// as the column table says (<see cref="PlacementColumns"/>); the row's fingerprint is <see cref="PlacementRowFingerprint"/>.
/// Not thread-safe (it reuses buffers); one per import.
/// </summary>
internal sealed class PlacementRowValidator(IReadOnlyDictionary<string, CreditorInfo> creditors, LocalDate latestToday, Instant? now = null)
{
    // A contact after this has not happened yet (by default the end of today anywhere on Earth, as for dates).
    private readonly Instant _latestContact = now ?? latestToday.PlusDays(1).AtMidnight().InZoneLeniently(DateTimeZone.ForOffset(Offset.FromHours(14))).ToInstant();

    private const int MinimumAge = 16;
    private const int MaximumAge = 120;
    private static readonly string[] StatementAmountLabels = ["amount_due", "minimum_due", "amount_paid"];

    // libphonenumber is the dearest check per row and numbers repeat across a file; bounded so memory stays flat.
    private const int PhoneCacheLimit = 100_000;

    private readonly Dictionary<(string Text, string Region), PhoneOutcome> _phoneCache = [];
    private readonly PlacementRowFingerprint _fingerprint = new();
    private readonly List<RowProblem> _problems = [];
    private readonly bool[] _unreadable = new bool[Col.Count];
    private long _row;
    private string _accountRef = "";

    /// <summary>Validates a record with the header's fields (the 32 core ones, or all <see cref="PlacementColumns.Count"/>); problems are appended to <paramref name="problems"/>.</summary>
    public PlacementRow? Validate(RawRecord record, List<RowProblem> problems)
    {
        _row = record.RowNumber;
        _problems.Clear();
        // A file without the optional contact-history columns reads them as blank.
        var f = new string[Col.Count];
        for (var i = 0; i < f.Length; i++)
        {
            f[i] = i < record.Fields.Length ? record.Fields[i].Trim() : "";
        }

        _accountRef = ControlCharacters.Visible(f[Col.AccountRef].Length > 64 ? f[Col.AccountRef][..64] : f[Col.AccountRef]);
        Array.Clear(_unreadable);
        foreach (var i in record.InvalidUtf8Fields)
        {
            Unreadable(i, "contains bytes that are not valid UTF-8 (save the file as UTF-8)");
            f[i] = "";
        }

        for (var i = 0; i < f.Length; i++)
        {
            // A NUL cannot be stored by PostgreSQL (its COPY would fail the whole batch), and no control character belongs in a field.
            if (!_unreadable[i] && ControlCharacters.IndexInField(f[i]) is var at and >= 0)
            {
                Unreadable(i, $"contains a control character ({ControlCharacters.Describe(f[i], at)}); remove it and send the row again");
                f[i] = "";
            }
        }

        var creditor = FindCreditor(f[Col.CreditorCode]);
        var customerRef = Text(f, Col.CustomerRef);
        var given = Text(f, Col.GivenName);
        var family = Text(f, Col.FamilyName);
        var dateOfBirth = BirthDate(f[Col.DateOfBirth]);
        var language = LanguageTag(f[Col.Language]);
        var line1 = Text(f, Col.AddressLine1);
        var line2 = Text(f, Col.AddressLine2);
        var city = Text(f, Col.City);
        var postalCode = Text(f, Col.PostalCode);
        var (jurisdiction, timeZone) = PlaceOf(f[Col.Jurisdiction], f[Col.TimeZone]);
        var region = jurisdiction?.Country ?? "US";
        var phones = new List<PhoneLine>(3);
        var (call, sms) = ConsentOf(f[Col.MobileConsent]);
        AddPhone(phones, f, Col.MobilePhone, region, PhoneType.Mobile, call, sms);
        AddPhone(phones, f, Col.HomePhone, region, PhoneType.Landline, false, false);
        AddPhone(phones, f, Col.WorkPhone, region, PhoneType.Work, false, false);
        var email = EmailOf(f);
        var accountRef = Text(f, Col.AccountRef);
        var productType = ProductOf(f[Col.ProductType]);
        var originalCreditor = Text(f, Col.OriginalCreditor) ?? "";
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
        var contacts = ContactsOf(f);

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
            accountRef!, terms, principal!.Value, interest ?? 0, fees ?? 0, statements!, "")
        {
            Contacts = contacts,
        };
        return row with { Hash = _fingerprint.Of(row) };
    }

    private void Problem(int column, string message)
    {
        // A field refused for its bytes was blanked; what its parser then says about a blank is noise.
        if (!_unreadable[column])
        {
            _problems.Add(new RowProblem(_row, _accountRef, Col.Names[column], message));
        }
    }

    private void Unreadable(int column, string message)
    {
        Problem(column, message);
        _unreadable[column] = true;
    }

    /// <summary>A free-text field, within its column's length and required as the column table says.</summary>
    private string? Text(string[] f, int column)
    {
        var (_, maxLength, required) = Col.All[column];
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

        var tag = PlacementFieldParsers.LanguageTag(text);
        if (tag is null)
        {
            Problem(Col.Language, $"'{Clip(text)}' is not a BCP 47 language tag such as en, en-US or cy-GB");
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
        if (Col.MobileConsents.Read(text) is { } consent)
        {
            return consent;
        }

        Problem(Col.MobileConsent, $"'{Clip(text)}' is not one of {Col.MobileConsents.OneOf}");
        return (false, false);
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
            outcome = Phone(text, region);
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

    private EmailLine? EmailOf(string[] f)
    {
        var type = Col.EmailTypes.Read(f[Col.EmailType]);
        if (type is null)
        {
            Problem(Col.EmailType, $"'{Clip(f[Col.EmailType])}' is not one of {Col.EmailTypes.OneOf}");
        }

        var consent = Col.EmailConsents.Read(f[Col.EmailConsent]);
        if (consent is null)
        {
            Problem(Col.EmailConsent, $"'{Clip(f[Col.EmailConsent])}' is not one of {Col.EmailConsents.OneOf}");
        }

        var address = f[Col.Email];
        if (address.Length == 0)
        {
            return null;
        }

        if (!IsEmailAddress(address))
        {
            Problem(Col.Email, $"'{Clip(address)}' is not an email address");
            return null;
        }

        return type is { } t && consent is { } c ? new EmailLine(address.ToLowerInvariant(), t, c) : null;
    }

    private ProductType? ProductOf(string text)
    {
        var type = Col.ProductTypes.Read(text);
        if (type is null)
        {
            Problem(Col.ProductType, text.Length == 0 ? "is required" : $"'{Clip(text)}' is not one of {Col.ProductTypes.OneOf}");
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
        PlacementFieldParsers.Amount(text, currency, out var error) is { } minor ? minor
        : error is null ? (required ? Fail(column, "is required") : null)
        : Fail(column, error);

    private long? Fail(int column, string message)
    {
        Problem(column, message);
        return null;
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
        var status = Col.Statuses.Read(text);
        if (status is null)
        {
            Problem(Col.Status, text.Length == 0 ? "is required" : $"'{Clip(text)}' is not one of {Col.Statuses.OneOf}");
        }

        return status;
    }

    /// <summary>
    /// The lender's last contact and contact history: one list, oldest first, one contact per channel and instant (the
    /// last_contact_* columns win over a history entry at the same instant).
    /// </summary>
    private IReadOnlyList<ContactLine> ContactsOf(string[] f)
    {
        var contacts = new Dictionary<(Instant, PlacedContactChannel), ContactLine>();
        var historyText = f[Col.ContactHistory];
        if (historyText.Length > 0)
        {
            var entries = historyText.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (entries.Length > Col.MaxContactHistory)
            {
                Problem(Col.ContactHistory, $"has {entries.Length} entries; at most {Col.MaxContactHistory} are allowed");
                entries = [];
            }

            for (var n = 1; n <= entries.Length; n++)
            {
                var parts = entries[n - 1].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length is < 2 or > 3)
                {
                    Problem(Col.ContactHistory, $"entry {n} has {parts.Length} parts; expected instant channel [outcome], e.g. 2026-11-30T15:00:00Z call no_answer");
                    continue;
                }

                var at = ContactInstant(parts[0], Col.ContactHistory, $"entry {n}: ");
                var channel = ContactChannel(parts[1], Col.ContactHistory, $"entry {n}: ");
                var outcome = ContactOutcome(parts.Length == 3 ? parts[2] : "", channel, Col.ContactHistory, $"entry {n}: ");
                if (at is { } instant && channel is { } c && outcome.Valid)
                {
                    contacts[(instant, c)] = new ContactLine(instant, c, outcome.Value);
                }
            }
        }

        var (atText, channelText, outcomeText) = (f[Col.LastContactAt], f[Col.LastContactChannel], f[Col.LastContactOutcome]);
        if (atText.Length > 0 || channelText.Length > 0 || outcomeText.Length > 0)
        {
            if (atText.Length == 0)
            {
                Problem(Col.LastContactAt, "is required when last_contact_channel or last_contact_outcome is given");
            }

            if (channelText.Length == 0)
            {
                Problem(Col.LastContactChannel, "is required when last_contact_at or last_contact_outcome is given");
            }

            var at = atText.Length == 0 ? null : ContactInstant(atText, Col.LastContactAt, "");
            var channel = channelText.Length == 0 ? null : ContactChannel(channelText, Col.LastContactChannel, "");
            var outcome = ContactOutcome(outcomeText, channel, Col.LastContactOutcome, "");
            if (at is { } instant && channel is { } c && outcome.Valid)
            {
                contacts[(instant, c)] = new ContactLine(instant, c, outcome.Value);
            }
        }

        return contacts.Count == 0 ? [] : [.. contacts.Values.OrderBy(c => c.At).ThenBy(c => c.Channel)];
    }

    private Instant? ContactInstant(string text, int column, string prefix)
    {
        var parsed = NodaTime.Text.OffsetDateTimePattern.ExtendedIso.Parse(text);
        if (!parsed.Success)
        {
            Problem(column, $"{prefix}'{Clip(text)}' is not an instant with its offset, such as 2026-11-30T15:00:00Z or 2026-11-30T10:00:00-05:00");
            return null;
        }

        var instant = parsed.Value.ToInstant();
        if (instant > _latestContact)
        {
            Problem(column, $"{prefix}{text} is in the future");
            return null;
        }

        return instant;
    }

    private PlacedContactChannel? ContactChannel(string text, int column, string prefix)
    {
        var channel = Col.ContactChannels.Read(text);
        if (channel is null)
        {
            Problem(column, $"{prefix}'{Clip(text)}' is not one of {Col.ContactChannels.OneOf}");
        }

        return channel;
    }

    /// <summary>The outcome (null: not known); not valid when it is not a word, or not an outcome the channel's contacts have.</summary>
    private (bool Valid, PlacedContactOutcome? Value) ContactOutcome(string text, PlacedContactChannel? channel, int column, string prefix)
    {
        if (text.Length == 0)
        {
            return (true, null);
        }

        if (Col.ContactOutcomes.Read(text) is not { } outcome)
        {
            Problem(column, $"{prefix}'{Clip(text)}' is not one of {Col.ContactOutcomes.OneOf}");
            return (false, null);
        }

        if (channel is { } c && !Col.Fits(c, outcome))
        {
            Problem(column, $"{prefix}{text.ToLowerInvariant()} is not an outcome of a contact by {Col.ContactChannels.Word(c)}");
            return (false, null);
        }

        return (true, outcome);
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
                if (PlacementFieldParsers.Amount(entry[parts[k + 1]], currency, out var error) is not { } minor)
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
}
