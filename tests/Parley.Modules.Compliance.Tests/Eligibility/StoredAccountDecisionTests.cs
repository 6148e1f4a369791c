using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Compliance.Eligibility;
using Parley.Modules.Compliance.Engine;
using Parley.SharedKernel;
using Shouldly;

namespace Parley.Modules.Compliance.Tests.Eligibility;

/// <summary>Decisions about a stored account's profile: facts from addresses, phones, e-mails and holds; no contact history read means "a person decides", never "allowed".</summary>
public sealed class StoredAccountDecisionTests
{
    private static readonly AccountId Account = AccountId.New();
    private static readonly ComplianceGate Gate = new();

    // 17:00 UTC on Tuesday 10 Nov 2026 is noon in Boston; 03:00 UTC is 22:00 the evening before.
    private static readonly Instant Noon = Instant.FromUtc(2026, 11, 10, 17, 0);
    private static readonly Instant LateEvening = Instant.FromUtc(2026, 11, 10, 3, 0);

    private static ContactProfile Profile(
        string jurisdiction = "US-MA",
        string timeZone = "America/New_York",
        string postalCode = "02110",
        bool consentToCall = true,
        bool consentToEmail = true,
        IReadOnlyList<ContactPhone>? phones = null,
        params ContactHold[] holds) =>
        new(
            Account,
            "REF-1",
            null,
            [new ContactPostalAddress("1 Main St", null, "Boston", postalCode, Jurisdiction.Parse(jurisdiction), timeZone)],
            phones ?? [new ContactPhone("+16175550123", ContactPhoneKind.Mobile, consentToCall, ConsentToSms: true)],
            [new ContactEmail("pat@example.com", IsWork: false, consentToEmail)],
            holds);

    private static AccountDecision Decide(ContactProfile profile, Channel channel, Instant at) =>
        ContactEligibility.Decide(Gate, profile, channel, at);

    [Fact]
    public void A_call_late_in_the_customers_evening_is_not_now_with_the_next_lawful_instant_in_their_time()
    {
        var d = Decide(Profile(), Channel.Call, LateEvening);

        d.Decision.Verdict.ShouldBe(Verdict.Deny);
        d.Decision.DecidingRuleIds.ShouldContain("US-REGF-TIME-8TO9");
        var next = d.Decision.NextLawfulAt.ShouldNotBeNull();
        next.InZone(DateTimeZoneProviders.Tzdb["America/New_York"]).TimeOfDay.ShouldBeGreaterThan(new LocalTime(8, 0));
        var line = ContactEligibility.Describe(d, LateEvening);
        line.Allowed.ShouldBeFalse();
        line.Summary.ShouldStartWith("Call: not now — ");
        line.Summary.ShouldContain("; next lawful Tue 08:");
        line.Summary.ShouldEndWith("(customer's time)");
        line.NextLawfulAtLocal.ShouldNotBeNull().ShouldEndWith("-05:00");
        line.NextLawfulAtUtc.ShouldNotBeNull().ShouldEndWith("Z");
    }

    [Fact]
    public void A_call_in_hours_goes_to_a_person_when_no_contact_history_could_be_read()
    {
        var d = Decide(Profile(), Channel.Call, Noon);

        d.Decision.Verdict.ShouldBe(Verdict.RouteToHuman);
        d.Decision.DecidingRuleIds.ShouldContain("US-REGF-CALLFREQ-7IN7");
        d.Decision.MissingFacts.ShouldBe(["contact_history"]);
        d.Decision.Explanation.ShouldContain(StoredAccountFacts.HistoryNote);
        var line = ContactEligibility.Describe(d, Noon);
        line.Summary.ShouldStartWith("Call: a person must decide — contact history is not available");

        // Each rule that sends it to a person is listed with why, as for any refusal.
        line.Reasons.Select(r => r.RuleId).ShouldBe(line.RuleIds);
        line.Reasons.ShouldAllBe(r => r.Decision == "route_to_human" && r.Reason.StartsWith("Contact history is not available", StringComparison.Ordinal));
    }

    [Fact]
    public void A_letter_in_hours_is_allowed_and_its_facts_name_where_the_zone_came_from()
    {
        var d = Decide(Profile(), Channel.Letter, Noon);

        d.Decision.Verdict.ShouldBe(Verdict.Allow, d.Decision.Explanation);
        d.Built.FactNotes.ShouldContain(n => n.Contains("America/New_York (postal address 02110)", StringComparison.Ordinal));
        d.Built.FactNotes.ShouldContain("jurisdiction: US-MA (postal address)");
        ContactEligibility.Describe(d, Noon).Summary.ShouldBe("Letter: allowed now");
    }

    [Fact]
    public void An_e_mail_address_without_consent_is_denied_naming_the_missing_basis()
    {
        var d = Decide(Profile(consentToEmail: false), Channel.Email, Noon);

        d.Decision.Verdict.ShouldBe(Verdict.Deny);
        d.Decision.DecidingRuleIds.ShouldContain("US-REGF-EMAIL-PROCEDURES");
        d.Decision.MissingFacts.ShouldContain("consumer.electronic_channel_basis[email:pat@example.com]");
    }

    [Fact]
    public void A_number_without_consent_to_calls_is_not_called_but_may_still_be_texted()
    {
        var profile = Profile(consentToCall: false);

        var call = Decide(profile, Channel.Call, Noon);
        call.Decision.Verdict.ShouldBe(Verdict.Deny);
        call.Decision.DecidingRuleIds.ShouldContain("US-REGF-MEDIUM-OPTOUT");
        call.Decision.Explanation.ShouldContain("opted out of calls to +16175550123");
        call.Decision.Explanation.ShouldNotContain("landline");
        Decide(profile, Channel.Sms, Noon).Decision.DecidingRuleIds.ShouldNotContain("US-REGF-MEDIUM-OPTOUT");
    }

    [Fact]
    public void A_phone_in_another_zone_narrows_the_window_to_both_zones()
    {
        var profile = Profile(jurisdiction: "US-CA", timeZone: "America/Los_Angeles", postalCode: "94103",
            phones: [new ContactPhone("+12125550100", ContactPhoneKind.Landline, ConsentToCall: true, ConsentToSms: false)]);

        // 15:30 UTC is 10:30 in New York but 07:30 in San Francisco.
        var d = Decide(profile, Channel.Call, Instant.FromUtc(2026, 11, 10, 15, 30));

        d.Built.Facts.Zones.Zones.Select(z => z.Id).ShouldBe(["America/Los_Angeles", "America/New_York"], ignoreOrder: true);
        d.Decision.Verdict.ShouldBe(Verdict.Deny);
        d.Decision.DecidingRuleIds.ShouldContain("US-REGF-TIME-8TO9");
        ContactEligibility.Describe(d, d.Built.Proposal.At).Summary.ShouldContain("next lawful Tue 08:");
    }

    [Theory]
    [InlineData(Channel.Letter, 17)] // allowed
    [InlineData(Channel.Call, 3)] // refused: late evening, with a next lawful instant
    [InlineData(Channel.Call, 15)] // refused: 07:30 in San Francisco, the phone's zone in New York
    public void A_planners_decision_logs_the_same_record_with_prose_only_for_a_refusal(Channel channel, int utcHour)
    {
        var profile = Profile(jurisdiction: "US-CA", timeZone: "America/Los_Angeles", postalCode: "94103",
            phones: [new ContactPhone("+12125550100", ContactPhoneKind.Landline, ConsentToCall: true, ConsentToSms: false)]);
        var at = Instant.FromUtc(2026, 11, 10, utcHour, 30);
        var history = new ContactHistoryFacts(at - Duration.FromDays(32), at + Duration.FromDays(32), []);
        var zones = new Parley.Modules.Compliance.Time.PhoneZoneCache();

        var full = ContactEligibility.Decide(Gate, profile, channel, at, history);
        var planned = ContactEligibility.Decide(Gate, profile, channel, at, history, null, zones, explainAllowed: false);
        var again = ContactEligibility.Decide(Gate, profile, channel, at, history, null, zones, explainAllowed: false);

        planned.Built.Facts.Zones.Zones.Select(z => z.Id).ShouldBe(["America/Los_Angeles", "America/New_York"], ignoreOrder: true);
        foreach (var d in new[] { planned, again })
        {
            d.Decision.Verdict.ShouldBe(full.Decision.Verdict);
            d.Decision.DecidingRuleIds.ShouldBe(full.Decision.DecidingRuleIds);
            d.Decision.NextLawfulAt.ShouldBe(full.Decision.NextLawfulAt);
            d.Built.FactsDigest.ShouldBe(full.Built.FactsDigest);
            d.Reason.ShouldBe(full.Reason);
            // The logged record (its hash covers every field) is the same.
            Parley.Modules.Compliance.DecisionLog.DecisionLog.Append(null, "s", "p", d.Built.FactsDigest, d.Decision, at).Hash
                .ShouldBe(Parley.Modules.Compliance.DecisionLog.DecisionLog.Append(null, "s", "p", full.Built.FactsDigest, full.Decision, at).Hash);
        }

        full.Decision.Allowed.ShouldBe(channel == Channel.Letter);
        if (full.Decision.Allowed)
        {
            planned.Decision.Explanation.ShouldBe(ComplianceGate.AllowedUnexplained);
            full.Decision.Explanation.ShouldContain("Facts: ");
        }
        else
        {
            planned.Decision.Explanation.ShouldBe(full.Decision.Explanation);
        }
    }

    [Fact]
    public void A_uk_breathing_space_hold_pauses_collection_contact()
    {
        var hold = new ContactHold(HoldType.BreathingSpace, Noon - Duration.FromDays(3), null, "Insolvency Service notice");
        var profile = Profile(jurisdiction: "GB-ENG", timeZone: "Europe/London", postalCode: "M1 1AA",
            phones: [new ContactPhone("+447700900123", ContactPhoneKind.Mobile, true, true)], holds: hold);

        var d = Decide(profile, Channel.Letter, Noon);

        d.Decision.Verdict.ShouldNotBe(Verdict.Allow);
        d.Decision.DecidingRuleIds.ShouldContain(id => id.StartsWith("UK-BS-", StringComparison.Ordinal));
        d.Built.FactNotes.ShouldContain(n => n.StartsWith("hold: BreathingSpace since", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(HoldType.Bankruptcy)]
    [InlineData(HoldType.Complaint)]
    [InlineData(HoldType.Hardship)]
    public void A_hold_no_catalogue_rule_covers_sends_an_otherwise_allowed_contact_to_a_person(HoldType kind)
    {
        var d = Decide(Profile(holds: new ContactHold(kind, Noon - Duration.FromDays(1), null, "recorded by an agent")), Channel.Letter, Noon);

        d.Decision.Verdict.ShouldBe(Verdict.RouteToHuman);
        d.Reason.ShouldContain(kind.ToString());
    }

    [Fact]
    public void A_written_cease_hold_stops_calls()
    {
        var d = Decide(Profile(holds: new ContactHold(HoldType.CeaseCommunication, Noon - Duration.FromDays(2), null, "letter received")), Channel.Call, Noon);

        d.Decision.Verdict.ShouldBe(Verdict.Deny);
        d.Decision.DecidingRuleIds.ShouldContain("US-REGF-CEASE");
    }

    [Fact]
    public void No_phone_on_file_is_a_denial_naming_it_not_an_error()
    {
        var d = Decide(Profile(phones: []), Channel.Sms, Noon);

        d.Decision.Verdict.ShouldBe(Verdict.Deny);
        d.Decision.MissingFacts.ShouldBe(["customer mobile number"]);
        ContactEligibility.Describe(d, Noon).Summary.ShouldBe("SMS: not allowed — no mobile number on file");
    }

    [Fact]
    public void A_customer_with_neither_address_nor_phone_cannot_be_placed()
    {
        var profile = Profile(phones: []) with { Addresses = [] };

        Should.Throw<DomainException>(() => Decide(profile, Channel.Call, Noon)).Error.ShouldBeOfType<CustomerNotPlaced>();
    }

    [Theory]
    [InlineData("call", Channel.Call)]
    [InlineData("SMS", Channel.Sms)]
    [InlineData("email", Channel.Email)]
    [InlineData(" letter ", Channel.Letter)]
    public void Channel_names_parse(string text, Channel expected)
    {
        ContactEligibility.TryParseChannel(text, out var channel).ShouldBeTrue();
        channel.ShouldBe(expected);
    }

    [Theory]
    [InlineData("fax")]
    [InlineData("action")]
    [InlineData(null)]
    public void Other_channel_names_do_not(string? text) => ContactEligibility.TryParseChannel(text, out _).ShouldBeFalse();
}
