using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Accounts.Import;
using Parley.Modules.Payments.Contracts;
using Parley.SharedKernel;
using Shouldly;

namespace Parley.Modules.Accounts.Tests.Import;

public sealed class PlacementRowValidatorTests
{
    private static readonly LocalDate Today = new(2026, 11, 2);

    private static readonly Dictionary<string, CreditorInfo> Creditors = new(StringComparer.Ordinal)
    {
        ["ACME"] = new CreditorInfo(CreditorId.New(), "ACME", Currency.USD, AllocationWaterfall.Default),
        ["NIPPON"] = new CreditorInfo(CreditorId.New(), "NIPPON", Currency.JPY, AllocationWaterfall.Default),
    };

    [Fact]
    public void A_valid_row_is_read_into_domain_values()
    {
        var (row, problems) = Validate(PlacementFile.Row(7));

        problems.ShouldBeEmpty();
        row.ShouldNotBeNull();
        row.Address.TimeZone.ShouldBe("America/New_York");
        row.Phones.ShouldHaveSingleItem().ShouldBe(new PhoneLine("+16172530007", PhoneType.Mobile, true, true));
        row.Language.ShouldBe("es-US");
        (row.PrincipalMinor, row.InterestMinor, row.FeesMinor).ShouldBe((120050L, 3510L, 2500L));
        row.Statements.Count.ShouldBe(2);
        row.Terms.Status.ShouldBe(AccountStatus.Open);
        row.Hash.Length.ShouldBe(64);
    }

    [Theory]
    [InlineData("creditor_code", "NOPE", "creditor_code", "unknown creditor 'NOPE'")]
    [InlineData("currency", "XYZ", "currency", "'XYZ' is not a supported ISO 4217 currency")]
    [InlineData("currency", "GBP", "currency", "GBP differs from creditor ACME's currency USD")]
    [InlineData("principal", "12.345", "principal", "12.345 has 3 decimals; USD allows 2")]
    [InlineData("interest", "-5.00", "interest", "is negative")]
    [InlineData("fees", "1,200.00", "fees", "is not an amount")]
    [InlineData("charge_off_date", "2026-02-30", "charge_off_date", "'2026-02-30' is not a valid date (YYYY-MM-DD)")]
    [InlineData("last_payment_date", "2026-11-04", "last_payment_date", "2026-11-04 is in the future")]
    [InlineData("date_of_birth", "2015-01-01", "date_of_birth", "age of 11")]
    [InlineData("date_of_birth", "31/12/1980", "date_of_birth", "is not a valid date")]
    [InlineData("mobile_phone", "12345", "mobile_phone", "is not a valid phone number for US")]
    [InlineData("home_phone", "call me", "home_phone", "cannot be read as a phone number")]
    [InlineData("jurisdiction", "US-ZZ", "jurisdiction", "'US-ZZ' is not a supported jurisdiction")]
    [InlineData("jurisdiction", "US", "jurisdiction", "is not a supported jurisdiction")]
    [InlineData("time_zone", "Mars/Olympus", "time_zone", "'Mars/Olympus' is not an IANA time zone id")]
    [InlineData("time_zone", "Europe/London", "time_zone", "Europe/London is not a time zone of US")]
    [InlineData("given_name", "", "given_name", "is required")]
    [InlineData("account_ref", "", "account_ref", "is required")]
    [InlineData("days_past_due", "-3", "days_past_due", "is not a whole number of zero or more")]
    [InlineData("status", "lost", "status", "'lost' is not one of open")]
    [InlineData("product_type", "mortgage", "product_type", "'mortgage' is not one of credit_card")]
    [InlineData("mobile_consent", "maybe", "mobile_consent", "'maybe' is not one of none, call, sms, call+sms")]
    [InlineData("email", "not-an-email", "email", "is not an email address")]
    [InlineData("language", "english please", "language", "is not a BCP 47 language tag")]
    [InlineData("statements", "2025-11-30|300.00|25.00|25.00", "statements", "statement 1 has 4 parts")]
    [InlineData("statements", "2025-12-31|1|1|1|0;2025-11-30|1|1|1|0", "statements", "statement 2: 2025-11-30 is not after the previous statement's date")]
    [InlineData("statements", "2026-12-31|1|1|1|0", "statements", "statement 1: 2026-12-31 is in the future")]
    [InlineData("statements", "2025-11-30|1.001|1|1|0", "statements", "statement 1: amount_due 1.001 has 3 decimals; USD allows 2")]
    public void A_bad_field_is_reported_with_its_column_and_a_clear_message(string column, string value, string field, string message)
    {
        var (row, problems) = Validate(PlacementFile.Row(1, (column, value)));

        row.ShouldBeNull();
        var problem = problems.ShouldHaveSingleItem();
        problem.Field.ShouldBe(field);
        problem.Message.ShouldContain(message);
        problem.RowNumber.ShouldBe(5);
    }

    [Fact]
    public void Every_problem_of_a_row_is_reported_not_just_the_first()
    {
        var (_, problems) = Validate(PlacementFile.Row(1, ("principal", "-1"), ("status", "gone"), ("time_zone", "Nowhere/City")));

        problems.Select(p => p.Field).ShouldBe(["time_zone", "principal", "status"]);
    }

    [Fact]
    public void Yen_amounts_allow_no_decimals()
    {
        var (_, problems) = Validate(PlacementFile.Row(1, ("creditor_code", "NIPPON"), ("currency", "JPY"), ("principal", "1000.5"), ("interest", "35"), ("statements", "")));

        problems.ShouldHaveSingleItem().Message.ShouldBe("1000.5 has 1 decimals; JPY allows 0");
    }

    [Fact]
    public void A_jurisdiction_spanning_several_zones_needs_its_zone_stated()
    {
        var (_, problems) = Validate(PlacementFile.Row(1, ("jurisdiction", "US-AZ"), ("time_zone", "")));
        var (row, _) = Validate(PlacementFile.Row(1, ("jurisdiction", "US-AZ"), ("time_zone", "America/Phoenix")));

        problems.ShouldHaveSingleItem().Message.ShouldBe("is required for US-AZ, which spans more than one time zone");
        row.ShouldNotBeNull().Address.TimeZone.ShouldBe("America/Phoenix");
    }

    [Fact]
    public void The_hash_depends_on_content_not_on_formatting()
    {
        var (plain, _) = Validate(PlacementFile.Row(3));
        var (reformatted, _) = Validate(PlacementFile.Row(3, ("principal", "1200.5"), ("mobile_phone", "+1 617 253 0003"), ("language", "ES-us"), ("status", " OPEN ")));
        var (changed, _) = Validate(PlacementFile.Row(3, ("principal", "1200.51")));

        reformatted!.Hash.ShouldBe(plain!.Hash);
        changed!.Hash.ShouldNotBe(plain.Hash);
    }

    [Fact]
    public void Bytes_that_are_not_utf8_are_reported_on_their_field()
    {
        var row = PlacementFile.Row(1);
        var fields = PlacementFile.Columns.Select(c => row[c]).ToArray();
        var record = new RawRecord(9, fields, null, [PlacementFile.Columns.ToList().IndexOf("family_name")]);
        var problems = new List<RowProblem>();

        new PlacementRowValidator(Creditors, Today).Validate(record, problems).ShouldBeNull();

        problems.ShouldHaveSingleItem().ShouldBe(new RowProblem(9, "A0000001", "family_name", "contains bytes that are not valid UTF-8 (save the file as UTF-8)"));
    }

    [Fact]
    public void The_row_hash_is_stable_across_releases()
    {
        // Pinned: a changed hash would make every account of an unchanged re-import look changed.
        Validate(PlacementFile.Row(7)).Row!.Hash.ShouldBe("afdbc1d7b010e647b469878ec75276b887da787fc441e6ffab386805df95e68d");
    }

    [Fact]
    public void The_contact_history_columns_are_read_into_one_list_oldest_first_and_the_last_contact_wins_its_instant()
    {
        var (row, problems) = ValidateWithHistory(PlacementFile.Row(4,
            ("last_contact_at", "2026-10-01T10:00:00-04:00"), ("last_contact_channel", "CALL"), ("last_contact_outcome", "Promise"),
            ("contact_history", "2026-10-01T14:00:00Z call no_answer;2026-09-01T09:00:00Z letter ; 2026-09-15T12:00:00+01:00 sms delivered;")));

        problems.ShouldBeEmpty();
        row!.Contacts.ShouldBe(
        [
            new ContactLine(Instant.FromUtc(2026, 9, 1, 9, 0), PlacedContactChannel.Letter, null),
            new ContactLine(Instant.FromUtc(2026, 9, 15, 11, 0), PlacedContactChannel.Sms, PlacedContactOutcome.Delivered),
            new ContactLine(Instant.FromUtc(2026, 10, 1, 14, 0), PlacedContactChannel.Call, PlacedContactOutcome.Promise),
        ]);
    }

    [Theory]
    [InlineData("last_contact_at", "2026-11-04T00:00:00+14:00", "last_contact_at", "is in the future")]
    [InlineData("last_contact_at", "2026-10-01 10:00", "last_contact_at", "is not an instant with its offset")]
    [InlineData("last_contact_outcome", "no_answer", "last_contact_at", "is required when last_contact_channel or last_contact_outcome is given")]
    [InlineData("contact_history", "2026-10-01T10:00:00Z", "contact_history", "entry 1 has 1 parts")]
    [InlineData("contact_history", "2026-10-01T10:00:00Z sms; 2026-10-02T10:00:00Z call bounced", "contact_history", "entry 2: bounced is not an outcome of a contact by call")]
    [InlineData("contact_history", "2026-10-01T10:00:00Z pigeon", "contact_history", "entry 1: 'pigeon' is not one of call, sms, email, letter")]
    public void A_bad_contact_value_is_named_on_its_column(string column, string value, string field, string message)
    {
        var (row, problems) = ValidateWithHistory(PlacementFile.Row(2, (column, value)));

        row.ShouldBeNull();
        problems.ShouldContain(p => p.Field == field && p.Message.Contains(message, StringComparison.Ordinal), string.Join(" | ", problems));
    }

    [Fact]
    public void More_than_fifty_history_entries_are_refused_and_the_contacts_change_the_hash()
    {
        var many = string.Join(';', Enumerable.Range(0, 51).Select(m => $"2026-01-01T00:{m:D2}:00Z sms"));
        var (_, problems) = ValidateWithHistory(PlacementFile.Row(2, ("contact_history", many)));
        problems.ShouldHaveSingleItem().Message.ShouldBe("has 51 entries; at most 50 are allowed");

        var (plain, _) = Validate(PlacementFile.Row(3));
        var (withHistory, _) = ValidateWithHistory(PlacementFile.Row(3, ("contact_history", "2026-01-01T00:00:00Z sms")));
        var (blankHistory, _) = ValidateWithHistory(PlacementFile.Row(3));
        withHistory!.Hash.ShouldNotBe(plain!.Hash);
        blankHistory!.Hash.ShouldBe(plain.Hash);
    }

    private static (PlacementRow? Row, List<RowProblem> Problems) ValidateWithHistory(Dictionary<string, string> row)
    {
        var problems = new List<RowProblem>();
        var record = new RawRecord(5, [.. PlacementFile.Columns.Concat(PlacementFile.HistoryColumns).Select(c => row.GetValueOrDefault(c, ""))], null, []);
        return (new PlacementRowValidator(Creditors, Today).Validate(record, problems), problems);
    }

    private static (PlacementRow? Row, List<RowProblem> Problems) Validate(Dictionary<string, string> row)
    {
        var problems = new List<RowProblem>();
        var record = new RawRecord(5, PlacementFile.Columns.Select(c => row[c]).ToArray(), null, []);
        return (new PlacementRowValidator(Creditors, Today).Validate(record, problems), problems);
    }
}
