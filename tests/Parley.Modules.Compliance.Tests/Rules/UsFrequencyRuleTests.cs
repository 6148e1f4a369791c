namespace Parley.Modules.Compliance.Tests.Rules;

internal static class Histories
{
    // Seven placed calls on 4–9 June (EDT), none a conversation.
    public const string SevenCalls = """
        "contact_history":[
          {"channel":"call","at":"2026-06-04T09:00:00-04:00","outcome":"no_answer","to":"mobile:+12155550100"},
          {"channel":"call","at":"2026-06-04T17:00:00-04:00","outcome":"no_answer","to":"landline:+12155550155"},
          {"channel":"call","at":"2026-06-05T10:00:00-04:00","outcome":"voicemail_limited_content","to":"mobile:+12155550100"},
          {"channel":"call","at":"2026-06-06T11:00:00-04:00","outcome":"no_answer","to":"work:+12155550177"},
          {"channel":"call","at":"2026-06-07T12:00:00-04:00","outcome":"no_answer","to":"mobile:+12155550100"},
          {"channel":"call","at":"2026-06-08T13:00:00-04:00","outcome":"no_answer","to":"mobile:+12155550100"},
          {"channel":"call","at":"2026-06-09T14:00:00-04:00","outcome":"no_answer","to":"mobile:+12155550100"}
        ]
        """;

    public const string SevenCallsTwoNeverConnected = """
        "contact_history":[
          {"channel":"call","at":"2026-06-04T09:00:00-04:00","outcome":"no_answer","connected":false,"network_result":"busy"},
          {"channel":"call","at":"2026-06-04T17:00:00-04:00","outcome":"no_answer","connected":false,"network_result":"number_not_in_service_intercept"},
          {"channel":"call","at":"2026-06-05T10:00:00-04:00","outcome":"no_answer"},
          {"channel":"call","at":"2026-06-06T11:00:00-04:00","outcome":"no_answer"},
          {"channel":"call","at":"2026-06-07T12:00:00-04:00","outcome":"no_answer"},
          {"channel":"call","at":"2026-06-08T13:00:00-04:00","outcome":"no_answer"},
          {"channel":"call","at":"2026-06-09T14:00:00-04:00","outcome":"no_answer"}
        ]
        """;

    public const string SixCalls = """
        "contact_history":[
          {"channel":"call","at":"2026-06-04T09:00:00-04:00","outcome":"no_answer"},
          {"channel":"call","at":"2026-06-05T10:00:00-04:00","outcome":"no_answer"},
          {"channel":"call","at":"2026-06-06T11:00:00-04:00","outcome":"no_answer"},
          {"channel":"call","at":"2026-06-07T12:00:00-04:00","outcome":"no_answer"},
          {"channel":"call","at":"2026-06-08T13:00:00-04:00","outcome":"no_answer"},
          {"channel":"call","at":"2026-06-09T14:00:00-04:00","outcome":"no_answer"}
        ]
        """;
}

public sealed class RegFCallFrequency7In7Tests
{
    [Theory]
    [InlineData("{" + Histories.SevenCalls + "}", "deny")] // across mobile, landline and work numbers
    [InlineData("{" + Histories.SixCalls + "}", "allow")]
    [InlineData("{" + Histories.SevenCallsTwoNeverConnected + "}", "allow")]
    [InlineData("{" + Histories.SevenCalls + ""","proposed_action":{"debt_id":"D2"}}""", "allow")] // per debt
    [InlineData("{" + Histories.SevenCalls + ""","proposed_action":{"at":"2026-06-11T16:00:00Z"}}""", "allow")] // 4 June left the window
    public void Rows(string patch, string expected) => ScenarioBuilder.Us(patch).ShouldDecide(expected, "US-REGF-CALLFREQ-7IN7");
}

public sealed class RegFCallFrequencyPostConversationTests
{
    [Theory]
    [InlineData("""{"contact_history":[{"channel":"call","at":"2026-06-04T10:00:00-04:00","outcome":"conversation"}]}""", "deny")] // 10 June is day 7
    [InlineData("""{"contact_history":[{"channel":"call","at":"2026-06-03T10:00:00-04:00","outcome":"conversation"}]}""", "allow")] // day 8
    [InlineData("""{"contact_history":[{"channel":"call","direction":"inbound","at":"2026-06-05T10:00:00-04:00","outcome":"conversation"}]}""", "deny")] // whoever initiated
    [InlineData("""{"contact_history":[{"channel":"call","at":"2026-06-09T10:00:00-04:00","outcome":"voicemail_limited_content"}]}""", "allow")] // an LCM is not a conversation
    [InlineData("""{"contact_history":[{"channel":"call","at":"2026-06-09T10:00:00-04:00","outcome":"conversation","debt_id":"D2"}]}""", "allow")] // another debt
    public void Rows(string patch, string expected) => ScenarioBuilder.Us(patch).ShouldDecide(expected, "US-REGF-CALLFREQ-POSTCONV");
}

public sealed class RegFCallFrequencyExclusionsTests
{
    [Theory]
    [InlineData("{" + Histories.SevenCallsTwoNeverConnected + "}", "allow")]
    [InlineData("{" + Histories.SevenCalls + ""","consumer":{"direct_prior_consent":[{"given_at":"2026-06-09T15:00:00-04:00","scope":"call on 2026-06-10 about D1"}]},"proposed_action":{"content":{"pursuant_to_prior_consent":true}}}""", "allow")]
    public void Rows(string patch, string expected) => ScenarioBuilder.Us(patch).ShouldDecide(expected, "US-REGF-CALLFREQ-EXCLUSIONS");

    [Fact]
    public void Consent_older_than_seven_days_does_not_exclude_the_call() =>
        ScenarioBuilder.Us("{" + Histories.SevenCalls + ""","consumer":{"direct_prior_consent":[{"given_at":"2026-06-01T15:00:00-04:00","scope":"call me back"}]},"proposed_action":{"content":{"pursuant_to_prior_consent":true}}}""")
            .ShouldDecide("deny", "US-REGF-CALLFREQ-7IN7");
}

public sealed class RegFCallFrequencyMultiDebtTests
{
    private const string SevenAboutD2 = "{" + Histories.SevenCalls + "}";

    [Theory]
    [InlineData(""","proposed_action":{"content":{"will_discuss_debt_ids":["D1","D2"]}}}""", "deny")]
    [InlineData(""","proposed_action":{"content":{"will_discuss_debt_ids":["D1"]}}}""", "allow")]
    public void Rows(string proposal, string expected) =>
        ScenarioBuilder.Us(SevenAboutD2.Replace("\"to\":\"mobile", "\"debt_id\":\"D2\",\"to\":\"mobile", StringComparison.Ordinal)
            .Replace("\"to\":\"landline", "\"debt_id\":\"D2\",\"to\":\"landline", StringComparison.Ordinal)
            .Replace("\"to\":\"work", "\"debt_id\":\"D2\",\"to\":\"work", StringComparison.Ordinal).TrimEnd('}') + proposal)
            .ShouldDecide(expected, "US-REGF-CALLFREQ-MULTIDEBT");
}

public sealed class RegFHarassmentGeneralTests
{
    private const string Sms = """ "proposed_action":{"channel":"sms","to":"sms:+12155550100"}""";

    [Theory]
    [InlineData("""{"contact_history":[{"channel":"sms","at":"2026-06-10T09:00:00-04:00","to":"sms:+12155550100","outcome":"delivered"}],""" + Sms + "}", "deny")]
    [InlineData("""{"contact_history":[{"channel":"sms","at":"2026-06-09T09:00:00-04:00","to":"sms:+12155550100","outcome":"delivered"}],""" + Sms + "}", "allow")]
    [InlineData("""{"contact_history":[{"channel":"sms","at":"2026-06-05T09:00:00-04:00"},{"channel":"sms","at":"2026-06-07T09:00:00-04:00"},{"channel":"sms","at":"2026-06-09T09:00:00-04:00"}],""" + Sms + "}", "deny")]
    [InlineData("""{"contact_history":[{"channel":"email","at":"2026-06-10T09:00:00-04:00","to":"email:pat@example.com"}],"proposed_action":{"channel":"email","to":"email:pat@example.com"}}""", "deny")]
    public void Rows(string patch, string expected) => ScenarioBuilder.Us(patch).ShouldDecide(expected, "US-REGF-HARASS-GENERAL");
}

public sealed class MaCallFrequency2In7Tests
{
    private const string Ma = """ "jurisdiction":"US-MA","consumer":{"state":"MA"},""";

    [Theory]
    [InlineData("{" + Ma + """ "contact_history":[{"channel":"call","at":"2026-06-05T10:00:00-04:00","outcome":"no_answer"},{"channel":"sms","at":"2026-06-08T10:00:00-04:00","to":"sms:+12155550100"}]}""", "deny")] // texts count
    [InlineData("{" + Ma + """ "contact_history":[{"channel":"call","at":"2026-06-05T10:00:00-04:00","outcome":"no_answer"}]}""", "allow")]
    [InlineData("{" + Ma + """ "contact_history":[{"channel":"call","at":"2026-06-02T10:00:00-04:00"},{"channel":"call","at":"2026-06-03T10:00:00-04:00"}]}""", "allow")] // outside 7 days
    [InlineData("{" + Ma + """ "contact_history":[{"channel":"call","at":"2026-05-20T10:00:00-04:00","to":"work:+16175550182"},{"channel":"call","at":"2026-06-01T10:00:00-04:00","to":"work:+16175550182"}],"proposed_action":{"to":"work:+16175550182"}}""", "deny")] // 2 per 30 days at work
    [InlineData("{" + Ma + """ "contact_history":[{"channel":"call","at":"2026-05-20T10:00:00-04:00","to":"work:+16175550182"},{"channel":"call","at":"2026-06-01T10:00:00-04:00","to":"work:+16175550182"}]}""", "allow")] // mobile bucket is separate
    public void Rows(string patch, string expected) => ScenarioBuilder.Us(patch).ShouldDecide(expected, "US-MA-CALLFREQ-2IN7");
}

public sealed class NycFrequency3In7Tests
{
    [Theory]
    [InlineData("""{"jurisdiction":"US-NYC","consumer":{"state":"NY"},"contact_history":[{"channel":"letter","at":"2026-06-05T10:00:00-04:00"},{"channel":"email","at":"2026-06-07T10:00:00-04:00"},{"channel":"call","at":"2026-06-09T10:00:00-04:00","connected":false}]}""", "deny")]
    [InlineData("""{"jurisdiction":"US-NYC","consumer":{"state":"NY"},"contact_history":[{"channel":"letter","at":"2026-06-05T10:00:00-04:00"},{"channel":"email","at":"2026-06-07T10:00:00-04:00"}]}""", "allow")]
    [InlineData("""{"jurisdiction":"US-NY","consumer":{"state":"NY"},"contact_history":[{"channel":"letter","at":"2026-06-05T10:00:00-04:00"},{"channel":"email","at":"2026-06-07T10:00:00-04:00"},{"channel":"call","at":"2026-06-09T10:00:00-04:00"}]}""", "allow")] // outside the city
    public void Rows(string patch, string expected) => ScenarioBuilder.Us(patch).ShouldDecide(expected, "US-NYC-FREQ-3IN7");
}

public sealed class WaFrequency3PerWeekTests
{
    [Theory]
    [InlineData("""{"jurisdiction":"US-WA","consumer":{"state":"WA"},"contact_history":[{"channel":"letter","at":"2026-06-05T10:00:00-04:00"},{"channel":"email","at":"2026-06-07T10:00:00-04:00"},{"channel":"call","at":"2026-06-09T10:00:00-04:00"}]}""", "deny")]
    [InlineData("""{"jurisdiction":"US-WA","consumer":{"state":"WA"},"contact_history":[{"channel":"letter","at":"2026-06-05T10:00:00-04:00"},{"channel":"call","at":"2026-06-09T10:00:00-04:00"}]}""", "allow")]
    [InlineData("""{"jurisdiction":"US-WA","consumer":{"state":"WA"},"contact_history":[{"channel":"call","at":"2026-06-08T10:00:00-04:00","to":"work:+12065550100"}],"proposed_action":{"to":"work:+12065550100"}}""", "deny")] // 1 a week at work
    public void Rows(string patch, string expected) => ScenarioBuilder.Us(patch).ShouldDecide(expected, "US-WA-FREQ-3PERWEEK");
}

public sealed class TcpaPrerecordedLandline3In30Tests
{
    private const string Proposal = """ "proposed_action":{"to":"landline:+12155550155","content":{"uses_prerecorded_voice":true,"includes_optout_mechanism":true}}""";

    [Theory]
    [InlineData("""{"contact_history":[{"channel":"call","at":"2026-05-20T10:00:00-04:00","to":"landline:+12155550155","prerecorded":true},{"channel":"call","at":"2026-05-27T10:00:00-04:00","to":"landline:+12155550155","prerecorded":true},{"channel":"call","at":"2026-06-03T10:00:00-04:00","to":"landline:+12155550155","prerecorded":true}],""" + Proposal + "}", "deny")]
    [InlineData("""{"contact_history":[{"channel":"call","at":"2026-05-27T10:00:00-04:00","to":"landline:+12155550155","prerecorded":true},{"channel":"call","at":"2026-06-03T10:00:00-04:00","to":"landline:+12155550155","prerecorded":true}],""" + Proposal + "}", "allow")]
    [InlineData("""{"proposed_action":{"to":"landline:+12155550155","content":{"uses_prerecorded_voice":true,"includes_optout_mechanism":false}}}""", "deny")]
    [InlineData("""{"consumer":{"tcpa_prior_express_consent":{"landline:+12155550155":true}},"contact_history":[{"channel":"call","at":"2026-05-20T10:00:00-04:00","to":"landline:+12155550155","prerecorded":true},{"channel":"call","at":"2026-05-27T10:00:00-04:00","to":"landline:+12155550155","prerecorded":true},{"channel":"call","at":"2026-06-03T10:00:00-04:00","to":"landline:+12155550155","prerecorded":true}],""" + Proposal + "}", "allow")]
    public void Rows(string patch, string expected) => ScenarioBuilder.Us(patch).ShouldDecide(expected, "US-TCPA-PRERECORDED-LANDLINE-3IN30");
}
