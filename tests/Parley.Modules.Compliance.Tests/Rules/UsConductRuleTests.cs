using Parley.Modules.Compliance.Engine;
using Shouldly;

namespace Parley.Modules.Compliance.Tests.Rules;

public sealed class FdcpaScopeTests
{
    [Theory]
    [InlineData("""{"proposed_action":{"at":"2026-06-10T11:30:00Z"}}""", true, "deny")]
    [InlineData("""{"collector":{"type":"first_party_creditor","fdcpa_debt_collector":false},"proposed_action":{"at":"2026-06-10T11:30:00Z"}}""", true, "deny")] // platform policy
    [InlineData("""{"collector":{"type":"first_party_creditor","fdcpa_debt_collector":false},"proposed_action":{"at":"2026-06-10T11:30:00Z"}}""", false, "allow")]
    public void Rows(string patch, bool applyToFirstParty, string expected) =>
        ScenarioBuilder.Us(patch, ComplianceOptions.Default with { ApplyRegFToFirstPartyCollections = applyToFirstParty })
            .ShouldDecide(expected, expected == "allow" ? "US-FDCPA-SCOPE" : "US-REGF-TIME-8TO9");
}

public sealed class RegFRecordsTests
{
    [Theory]
    [InlineData("{}")]
    [InlineData("""{"proposed_action":{"at":"2026-06-10T11:30:00Z"}}""")]
    public void Every_decision_records_itself(string patch) =>
        ScenarioBuilder.Us(patch).Evaluated.Single(e => e.RuleId == "US-REGF-RECORDS").Result.Outcome.ShouldBe(Model.RuleOutcome.Pass);
}

public sealed class RegFAttorneyTests
{
    [Theory]
    [InlineData("""{"consumer":{"flags":{"attorney_represented":true},"attorney":{"name":"A. Counsel","address":"1 Law St"}}}""", "deny")]
    [InlineData("""{"consumer":{"flags":{"attorney_represented":true},"attorney":{"name":"A. Counsel","address":"1 Law St","responded_recently":false}}}""", "allow")]
    [InlineData("""{"consumer":{"flags":{"attorney_represented":true}},"proposed_action":{"content":{"addressee_role":"attorney"}}}""", "allow")]
    public void Rows(string patch, string expected) => ScenarioBuilder.Us(patch).ShouldDecide(expected, "US-REGF-ATTORNEY");
}

public sealed class RegFCeaseTests
{
    [Theory]
    [InlineData("""{"consumer":{"flags":{"cease_requested":true,"cease_request_form":"written","cease_requested_at":"2026-06-03T09:00:00-04:00"}}}""", "deny")]
    [InlineData("""{"consumer":{"flags":{"cease_requested":true,"cease_request_form":"oral","cease_requested_at":"2026-06-03T09:00:00-04:00"}}}""", "route_to_human")]
    [InlineData("""{"consumer":{"flags":{"cease_requested":true,"cease_request_form":"written"}},"proposed_action":{"channel":"letter","to":"postal:1500 Market St","content":{"cease_exception":"advise_efforts_terminated"}}}""", "allow")]
    [InlineData("""{"consumer":{"flags":{"cease_requested":true,"cease_request_form":"written","cease_requested_at":"2026-06-20T09:00:00-04:00"}}}""", "allow")] // not yet received
    public void Rows(string patch, string expected) => ScenarioBuilder.Us(patch).ShouldDecide(expected, "US-REGF-CEASE");
}

public sealed class RegFThirdPartyTests
{
    [Theory]
    [InlineData("""{"proposed_action":{"content":{"addressee_role":"neighbour","mentions_debt_or_creditor":true}}}""", "deny")]
    [InlineData("""{"proposed_action":{"content":{"addressee_role":"neighbour","is_location_inquiry":true,"mentions_debt_or_creditor":false}}}""", "allow")]
    [InlineData("""{"proposed_action":{"channel":"letter","to":"postal:1500 Market St","content":{"envelope_reveals_debt":true}}}""", "deny")]
    [InlineData("""{"consumer":{"answering_party":"adult_child_not_personal_representative"},"proposed_action":{"content":{"requests_payment":true}}}""", "deny")]
    [InlineData("""{"proposed_action":{"content":{"addressee_role":"spouse","requests_payment":true}}}""", "allow")]
    public void Rows(string patch, string expected) => ScenarioBuilder.Us(patch).ShouldDecide(expected, "US-REGF-THIRDPARTY");
}

public sealed class RegFLimitedContentMessageTests
{
    [Theory]
    [InlineData("""{"proposed_action":{"content":{"voicemail_script":"limited_content","includes_mini_miranda":false}}}""", "allow")]
    [InlineData("""{"proposed_action":{"content":{"voicemail_script":"extended","mentions_debt_or_creditor":true,"includes_mini_miranda":false}}}""", "deny")]
    [InlineData("""{"proposed_action":{"channel":"sms","to":"sms:+12155550100","content":{"is_limited_content_message":true,"includes_mini_miranda":false}}}""", "deny")]
    public void Rows(string patch, string expected) => ScenarioBuilder.Us(patch).ShouldDecide(expected, "US-REGF-LCM");
}

public sealed class RegFElectronicOptOutNoticeTests
{
    [Theory]
    [InlineData("""{"proposed_action":{"channel":"sms","to":"sms:+12155550100","content":{"includes_optout_notice":false}}}""", "deny")]
    [InlineData("""{"proposed_action":{"channel":"sms","to":"sms:+12155550100","content":{"includes_optout_notice":true}}}""", "allow")]
    [InlineData("""{"proposed_action":{"channel":"email","to":"email:pat@example.com","content":{"includes_optout_notice":null}}}""", "deny")] // not known
    public void Rows(string patch, string expected) => ScenarioBuilder.Us(patch).ShouldDecide(expected, "US-REGF-ELEC-OPTOUT-NOTICE");
}

public sealed class RegFMiniMirandaTests
{
    [Theory]
    [InlineData("""{"proposed_action":{"content":{"includes_mini_miranda":false}}}""", "deny")]
    [InlineData("""{"proposed_action":{"content":{"includes_mini_miranda":true,"is_initial_communication":true}}}""", "allow")]
    [InlineData("""{"proposed_action":{"channel":"letter","to":"postal:1500 Market St","content":{"includes_mini_miranda":false}}}""", "deny")]
    [InlineData("""{"proposed_action":{"content":{"is_limited_content_message":true,"includes_mini_miranda":false}}}""", "allow")] // an LCM is not a communication
    public void Rows(string patch, string expected) => ScenarioBuilder.Us(patch).ShouldDecide(expected, "US-REGF-MINIMIRANDA");
}

public sealed class RegFValidationTimingTests
{
    [Theory]
    [InlineData("""{"contact_history":[{"channel":"call","at":"2026-06-01T10:00:00-04:00","outcome":"conversation","is_initial_communication":true}],"proposed_action":{"at":"2026-06-11T16:00:00Z"}}""", "deny_and_require_validation_notice")]
    [InlineData("""{"contact_history":[{"channel":"call","at":"2026-06-01T10:00:00-04:00","outcome":"conversation","is_initial_communication":true},{"channel":"letter","at":"2026-06-02T10:00:00-04:00","is_validation_notice":true}],"proposed_action":{"at":"2026-06-11T16:00:00Z"}}""", "allow")]
    [InlineData("""{"contact_history":[{"channel":"letter","at":"2026-06-08T10:00:00-04:00","is_initial_communication":true}]}""", "allow")] // within 5 business days
    public void Rows(string patch, string expected) => ScenarioBuilder.Us(patch).ShouldDecide(expected, "US-REGF-VALIDATION-TIMING");
}

public sealed class RegFValidationContentTests
{
    [Theory]
    [InlineData("""{"proposed_action":{"channel":"letter","to":"postal:1500 Market St","content":{"is_validation_notice":true,"uses_model_form_b1":true,"validation_period_end_date_computed":true}}}""", "allow")]
    [InlineData("""{"proposed_action":{"channel":"letter","to":"postal:1500 Market St","content":{"is_validation_notice":true,"uses_model_form_b1":false,"validation_period_end_date_computed":true}}}""", "deny")]
    public void Rows(string patch, string expected) => ScenarioBuilder.Us(patch).ShouldDecide(expected, "US-REGF-VALIDATION-CONTENT");
}

public sealed class RegFValidationPeriodTests
{
    [Theory]
    [InlineData("""{"proposed_action":{"channel":"letter","to":"postal:1500 Market St","content":{"is_validation_notice":true,"uses_model_form_b1":true,"validation_period_end_date_computed":false}}}""", "deny")]
    [InlineData("""{"proposed_action":{"channel":"letter","to":"postal:1500 Market St","content":{"is_validation_notice":true,"uses_model_form_b1":true,"validation_period_end_date_computed":true}}}""", "allow")]
    public void Rows(string patch, string expected) => ScenarioBuilder.Us(patch).ShouldDecide(expected, "US-REGF-VALIDATION-PERIOD");

    [Fact]
    public void The_period_ends_30_days_after_receipt_assumed_5_business_days_after_sending() =>
        Parley.Modules.Compliance.Rules.ValidationDates.PeriodEnd(new NodaTime.LocalDate(2026, 6, 5)).ShouldBe(new NodaTime.LocalDate(2026, 7, 12)); // Fri → Fri 12 Jun receipt

    [Theory]
    [InlineData(2026, 7, 1, 2026, 8, 8)] // Wed 1 Jul: Fri 3 Jul (Independence Day observed) is skipped, receipt Thu 9 Jul
    [InlineData(2026, 11, 23, 2026, 12, 31)] // Mon 23 Nov: Thanksgiving skipped, receipt Tue 1 Dec
    [InlineData(2026, 12, 28, 2027, 2, 4)] // Mon 28 Dec: New Year's Day (Fri) skipped, receipt Tue 5 Jan
    public void Federal_holidays_are_not_counted_toward_assumed_receipt(int y, int m, int d, int ey, int em, int ed) =>
        Parley.Modules.Compliance.Rules.ValidationDates.PeriodEnd(new NodaTime.LocalDate(y, m, d)).ShouldBe(new NodaTime.LocalDate(ey, em, ed));
}

public sealed class UsFederalHolidayTests
{
    [Theory]
    [InlineData(2026, 1, 1)]
    [InlineData(2026, 1, 19)] // Martin Luther King, Jr.
    [InlineData(2026, 2, 16)] // Washington's Birthday
    [InlineData(2026, 5, 25)] // Memorial Day
    [InlineData(2026, 6, 19)] // Juneteenth
    [InlineData(2026, 7, 3)] // Independence Day (Saturday) observed Friday
    [InlineData(2026, 7, 4)]
    [InlineData(2026, 9, 7)] // Labor Day
    [InlineData(2026, 10, 12)] // Columbus Day
    [InlineData(2026, 11, 11)] // Veterans Day
    [InlineData(2026, 11, 26)] // Thanksgiving
    [InlineData(2026, 12, 25)]
    [InlineData(2027, 12, 31)] // New Year's Day 2028 (Saturday) observed Friday
    public void Legal_public_holidays_of_5_usc_6103(int y, int m, int d) =>
        Parley.Modules.Compliance.Time.UsFederalHolidays.IsHoliday(new NodaTime.LocalDate(y, m, d)).ShouldBeTrue();

    [Theory]
    [InlineData(2026, 6, 10)]
    [InlineData(2026, 11, 27)] // the Friday after Thanksgiving is a working day
    [InlineData(2026, 12, 24)]
    public void Ordinary_days_are_not_holidays(int y, int m, int d) =>
        Parley.Modules.Compliance.Time.UsFederalHolidays.IsHoliday(new NodaTime.LocalDate(y, m, d)).ShouldBeFalse();
}

public sealed class RegFOvershadowTests
{
    [Theory]
    [InlineData("""{"consumer":{"flags":{"validation_period_end":"2026-06-30"}},"proposed_action":{"content":{"payment_deadline_days":10}}}""", "deny")]
    [InlineData("""{"consumer":{"flags":{"validation_period_end":"2026-06-30"}},"proposed_action":{"content":{"payment_deadline_days":30}}}""", "allow")]
    [InlineData("""{"proposed_action":{"content":{"deadline_precedes_validation_period_end":true}}}""", "deny")]
    public void Rows(string patch, string expected) => ScenarioBuilder.Us(patch).ShouldDecide(expected, "US-REGF-OVERSHADOW");
}

public sealed class RegFDisputePauseTests
{
    [Theory]
    [InlineData("""{"consumer":{"flags":{"disputed_unverified":true,"dispute_form":"written","dispute_received_at":"2026-06-02T09:00:00-04:00","validation_period_end":"2026-06-20"}}}""", "deny")]
    [InlineData("""{"consumer":{"flags":{"disputed_unverified":true,"dispute_form":"oral","dispute_received_at":"2026-06-02T09:00:00-04:00","validation_period_end":"2026-06-20"}}}""", "allow")]
    [InlineData("""{"consumer":{"flags":{"disputed_unverified":true,"dispute_form":"written","dispute_received_at":"2026-06-02T09:00:00-04:00","validation_period_end":"2026-05-30"}}}""", "allow")] // late
    [InlineData("""{"consumer":{"flags":{"disputed_unverified":true,"dispute_form":"written","dispute_received_at":"2026-06-02T09:00:00-04:00","validation_period_end":"2026-06-20"}},"proposed_action":{"channel":"letter","to":"postal:1500 Market St","content":{"is_verification_response":true}}}""", "allow")]
    [InlineData("""{"consumer":{"flags":{"disputed_unverified":true,"dispute_form":"written","dispute_received_at":"2026-06-02T09:00:00-04:00","validation_period_end":"2026-06-20"}},"proposed_action":{"channel":"action","to":null,"content":{"action_type":"credit_report_furnish"}}}""", "deny")]
    public void Rows(string patch, string expected) => ScenarioBuilder.Us(patch).ShouldDecide(expected, "US-REGF-DISPUTE-PAUSE");
}

public sealed class RegFOriginalCreditorPauseTests
{
    [Theory]
    [InlineData("""{"consumer":{"flags":{"original_creditor_requested":true,"original_creditor_request_form":"written","original_creditor_requested_at":"2026-06-02T09:00:00-04:00","validation_period_end":"2026-06-20"}}}""", "deny")]
    [InlineData("""{"consumer":{"flags":{"original_creditor_requested":true,"original_creditor_request_form":"oral","validation_period_end":"2026-06-20"}}}""", "allow")]
    public void Rows(string patch, string expected) => ScenarioBuilder.Us(patch).ShouldDecide(expected, "US-REGF-ORIGCRED-PAUSE");
}

public sealed class RegFTimeBarredTests
{
    [Theory]
    [InlineData("""{"consumer":{"flags":{"time_barred":true}},"proposed_action":{"content":{"threatens_suit":true}}}""", "deny")]
    [InlineData("""{"consumer":{"flags":{"time_barred":true}},"proposed_action":{"channel":"action","to":null,"content":{"action_type":"issue_court_claim"}}}""", "deny")]
    [InlineData("""{"consumer":{"flags":{"time_barred":false}},"proposed_action":{"content":{"threatens_suit":true}}}""", "allow")]
    [InlineData("""{"proposed_action":{"content":{"threatens_suit":true}}}""", "route_to_human")] // status unknown
    [InlineData("""{"consumer":{"flags":{"time_barred":true}},"proposed_action":{"content":{"requests_payment":true}}}""", "allow")] // asking is lawful, suing is not
    public void Rows(string patch, string expected) => ScenarioBuilder.Us(patch).ShouldDecide(expected, "US-REGF-TIMEBARRED");
}

public sealed class RegFPassiveCollectionTests
{
    private const string Furnish = """ "proposed_action":{"channel":"action","to":null,"content":{"action_type":"credit_report_furnish"}}""";

    [Theory]
    [InlineData("{" + Furnish + "}", "deny")]
    [InlineData("""{"contact_history":[{"channel":"letter","at":"2026-05-20T10:00:00-04:00","outcome":"delivered"}],""" + Furnish + "}", "allow")]
    [InlineData("""{"contact_history":[{"channel":"letter","at":"2026-06-01T10:00:00-04:00","outcome":"delivered"}],""" + Furnish + "}", "deny")] // 9 days
    [InlineData("""{"contact_history":[{"channel":"call","at":"2026-06-09T10:00:00-04:00","outcome":"conversation"}],""" + Furnish + "}", "allow")]
    public void Rows(string patch, string expected) => ScenarioBuilder.Us(patch).ShouldDecide(expected, "US-REGF-PASSIVE-COLLECTION");
}

public sealed class RegFDeceasedTests
{
    [Theory]
    [InlineData("""{"consumer":{"flags":{"deceased":true,"date_of_death":"2026-04-01"}}}""", "route_to_human")]
    [InlineData("""{"consumer":{"flags":{"deceased":true},"estate_representative":{"name":"Sam Doe","role":"executor","verified":true}},"proposed_action":{"content":{"addressee_role":"personal_representative"}}}""", "allow")]
    [InlineData("""{"consumer":{"flags":{"deceased":true},"estate_representative":null},"proposed_action":{"content":{"addressee_role":"adult_child","requests_payment":true}}}""", "deny")]
    [InlineData("""{"consumer":{"flags":{"deceased":true},"estate_representative":{"name":"Sam Doe","role":"executor","verified":false}},"proposed_action":{"content":{"addressee_role":"personal_representative"}}}""", "route_to_human")]
    public void Rows(string patch, string expected) => ScenarioBuilder.Us(patch).ShouldDecide(expected, "US-REGF-DECEASED");
}
