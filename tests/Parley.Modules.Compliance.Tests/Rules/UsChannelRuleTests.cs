namespace Parley.Modules.Compliance.Tests.Rules;

public sealed class RegFMediumOptOutTests
{
    private const string Stop = """ "contact_history":[{"channel":"sms","direction":"inbound","at":"2026-06-10T11:50:00-04:00","to":"sms:+12155550100","body":"Stop"}]""";

    [Theory]
    [InlineData("""{"consumer":{"flags":{"opted_out_channels":["call"]}}}""", "deny")]
    [InlineData("""{"consumer":{"flags":{"opted_out_addresses":["mobile:+12155550100"]}}}""", "deny")]
    [InlineData("""{"consumer":{"flags":{"opted_out_addresses":["work:+12155550177"]}}}""", "allow")] // only that number
    [InlineData("""{"consumer":{"flags":{"opted_out_channels":["sms"]}}}""", "allow")] // texts only
    [InlineData("{" + Stop + ""","proposed_action":{"channel":"sms","to":"sms:+12155550100"}}""", "deny")]
    [InlineData("{" + Stop + ""","proposed_action":{"channel":"sms","to":"sms:+12155550100","at":"2026-06-10T15:51:00Z","content":{"is_optout_confirmation":true}}}""", "allow")]
    public void Rows(string patch, string expected) => ScenarioBuilder.Us(patch).ShouldDecide(expected, "US-REGF-MEDIUM-OPTOUT");
}

public sealed class RegFEmailProceduresTests
{
    [Theory]
    [InlineData("""{"proposed_action":{"channel":"email","to":"email:pat@example.com"}}""", "allow")]
    [InlineData("""{"proposed_action":{"channel":"email","to":"email:someone@example.com"}}""", "deny")]
    [InlineData("""{"contact_history":[{"channel":"email","direction":"inbound","at":"2026-06-01T10:00:00-04:00","to":"email:someone@example.com"}],"proposed_action":{"channel":"email","to":"email:someone@example.com"}}""", "allow")] // the consumer used it
    public void Rows(string patch, string expected) => ScenarioBuilder.Us(patch).ShouldDecide(expected, "US-REGF-EMAIL-PROCEDURES");
}

public sealed class RegFSmsProceduresTests
{
    [Theory]
    [InlineData("""{"proposed_action":{"channel":"sms","to":"sms:+12155550100"}}""", "allow")]
    [InlineData("""{"proposed_action":{"channel":"sms","to":"sms:+12155550111"}}""", "deny")]
    [InlineData("""{"proposed_action":{"channel":"sms","to":"sms:+12155550100","content":{"number_reassigned":true}}}""", "deny")]
    public void Rows(string patch, string expected) => ScenarioBuilder.Us(patch).ShouldDecide(expected, "US-REGF-SMS-PROCEDURES");
}

public sealed class RegFWorkEmailTests
{
    private const string WorkAddress = """ "email_addresses":[{"value":"pat@employer.example","employer_provided":true,"source":"employer HR"}]""";

    [Theory]
    [InlineData("""{"consumer":{""" + WorkAddress + ""","electronic_channel_basis":{"email:pat@employer.example":"1006.6(d)(4)(ii) creditor notice"}},"proposed_action":{"channel":"email","to":"email:pat@employer.example"}}""", "deny")]
    [InlineData("""{"consumer":{""" + WorkAddress + ""","electronic_channel_basis":{"email:pat@employer.example":"1006.6(d)(4)(i)(A): consumer used this address"}},"proposed_action":{"channel":"email","to":"email:pat@employer.example"}}""", "allow")]
    public void Rows(string patch, string expected) => ScenarioBuilder.Us(patch).ShouldDecide(expected, "US-REGF-WORK-EMAIL");
}

public sealed class RegFSocialMediaTests
{
    [Theory]
    [InlineData("""{"proposed_action":{"channel":"social_media","to":null,"content":{"visibility":"public"}}}""", "deny")]
    [InlineData("""{"proposed_action":{"channel":"social_media","to":null,"content":{"visibility":"private"}}}""", "allow")]
    public void Rows(string patch, string expected) => ScenarioBuilder.Us(patch).ShouldDecide(expected, "US-REGF-SOCIAL-MEDIA");
}

public sealed class TcpaAutodialConsentTests
{
    [Theory]
    [InlineData("""{"consumer":{"tcpa_prior_express_consent":{"mobile:+12155550100":false}},"proposed_action":{"content":{"uses_prerecorded_voice":true}}}""", "deny")]
    [InlineData("""{"consumer":{"tcpa_prior_express_consent":{"mobile:+12155550100":true}},"proposed_action":{"content":{"uses_prerecorded_voice":true}}}""", "allow")]
    [InlineData("""{"proposed_action":{"channel":"sms","to":"sms:+12155550100","content":{"automated_batch":true}}}""", "deny")] // consent not recorded
    [InlineData("""{"proposed_action":{"content":{"uses_prerecorded_voice":false}}}""", "allow")] // an agent's call
    public void Rows(string patch, string expected) => ScenarioBuilder.Us(patch).ShouldDecide(expected, "US-TCPA-AUTODIAL-CONSENT");
}

public sealed class TcpaRevocationTests
{
    private const string Stop = """ "contact_history":[{"channel":"sms","direction":"inbound","at":"2026-06-10T11:50:00-04:00","to":"sms:+12155550100","body":"STOP"}]""";

    [Theory]
    [InlineData("{" + Stop + ""","proposed_action":{"channel":"sms","to":"sms:+12155550100"}}""", "deny")]
    [InlineData("{" + Stop + ""","proposed_action":{"channel":"sms","to":"sms:+12155550100","at":"2026-06-10T15:53:00Z","content":{"is_optout_confirmation":true}}}""", "allow")]
    [InlineData("{" + Stop + ""","proposed_action":{"channel":"sms","to":"sms:+12155550100","at":"2026-06-10T16:10:00Z","content":{"is_optout_confirmation":true}}}""", "deny")] // later than 5 minutes
    [InlineData("""{"proposed_action":{"channel":"sms","to":"sms:+12155550100"}}""", "allow")]
    public void Rows(string patch, string expected) => ScenarioBuilder.Us(patch).ShouldDecide(expected, "US-TCPA-REVOCATION");
}

public sealed class TcpaReassignedTests
{
    [Theory]
    [InlineData("""{"consumer":{"tcpa_prior_express_consent":{"mobile:+12155550100":true}},"proposed_action":{"content":{"uses_prerecorded_voice":true,"number_reassigned":true}}}""", "deny")]
    [InlineData("""{"consumer":{"tcpa_prior_express_consent":{"mobile:+12155550100":true}},"proposed_action":{"content":{"uses_prerecorded_voice":true,"number_reassigned":false}}}""", "allow")]
    public void Rows(string patch, string expected) => ScenarioBuilder.Us(patch).ShouldDecide(expected, "US-TCPA-REASSIGNED");
}

public sealed class TcpaQuietHoursScopeTests
{
    [Theory]
    [InlineData("{}", "allow")]
    [InlineData("""{"proposed_action":{"at":"2026-06-10T11:30:00Z"}}""", "deny")] // the Reg F rule, not this one, denies 07:30
    public void Rows(string patch, string expected)
    {
        var decision = ScenarioBuilder.Us(patch);
        decision.ShouldNotFail("US-TCPA-QUIETHOURS-SCOPE");
        Shouldly.ShouldBeStringTestExtensions.ShouldBe(Parley.Modules.Compliance.Scenarios.ScenarioEvaluation.DecisionName(decision.Verdict), expected);
    }
}

public sealed class NycElectronicConsentTests
{
    [Theory]
    [InlineData("""{"jurisdiction":"US-NYC","consumer":{"state":"NY","electronic_consent_nyc":{"sms:+12155550100":"signed 2026-05-01"}},"proposed_action":{"channel":"sms","to":"sms:+12155550100"}}""", "allow")]
    [InlineData("""{"jurisdiction":"US-NYC","consumer":{"state":"NY"},"proposed_action":{"channel":"sms","to":"sms:+12155550100"}}""", "deny")]
    [InlineData("""{"jurisdiction":"US-NYC","consumer":{"state":"NY"}}""", "allow")] // a call is not electronic
    public void Rows(string patch, string expected) => ScenarioBuilder.Us(patch).ShouldDecide(expected, "US-NYC-ECOMM-CONSENT");
}

public sealed class NyDfsEmailConsentTests
{
    [Theory]
    [InlineData("""{"jurisdiction":"US-NY","consumer":{"state":"NY","electronic_channel_basis":{"email:pat@example.com":"1006.6(d)(4)(i)(B): written consent to e-mail 2026-05-01"}},"proposed_action":{"channel":"email","to":"email:pat@example.com"}}""", "allow")]
    [InlineData("""{"jurisdiction":"US-NY","consumer":{"state":"NY"},"proposed_action":{"channel":"email","to":"email:pat@example.com"}}""", "deny")]
    [InlineData("""{"jurisdiction":"US-NY","consumer":{"state":"NY","email_addresses":[{"value":"pat@example.com","employer_provided":true}],"electronic_consent_nyc":{"email:pat@example.com":"written"}},"proposed_action":{"channel":"email","to":"email:pat@example.com"}}""", "deny")]
    public void Rows(string patch, string expected) => ScenarioBuilder.Us(patch).ShouldDecide(expected, "US-NY-DFS-EMAIL-CONSENT");
}
