namespace Parley.Modules.Compliance.Tests.Rules;

// Base: a Philadelphia consumer (America/New_York), Wednesday 10 June 2026; 16:00Z is 12:00 EDT.
public sealed class RegFTime8To9Tests
{
    [Theory]
    [InlineData("""{"proposed_action":{"at":"2026-06-10T11:30:00Z"}}""", "deny")] // 07:30
    [InlineData("""{"proposed_action":{"at":"2026-06-10T12:00:00Z"}}""", "deny")] // 08:00:00 exactly
    [InlineData("""{"proposed_action":{"at":"2026-06-10T12:00:01Z"}}""", "allow")]
    [InlineData("""{"proposed_action":{"at":"2026-06-11T00:59:59Z"}}""", "allow")] // 20:59:59
    [InlineData("""{"proposed_action":{"at":"2026-06-11T01:00:00Z"}}""", "deny")] // 21:00:00 exactly
    [InlineData("""{"proposed_action":{"channel":"sms","to":"sms:+12155550100","at":"2026-06-11T02:00:00Z"}}""", "deny")] // electronic: send time counts
    [InlineData("""{"proposed_action":{"channel":"letter","to":"postal:1500 Market St","at":"2026-06-11T04:00:00Z"}}""", "allow")] // letters are not timed
    public void Rows(string patch, string expected) => ScenarioBuilder.Us(patch).ShouldDecide(expected, "US-REGF-TIME-8TO9");
}

public sealed class RegFTimeMultiZoneTests
{
    [Theory]
    [InlineData("""{"consumer":{"time_zones":["America/New_York","America/Los_Angeles"]},"proposed_action":{"at":"2026-06-10T14:00:00Z"}}""", "deny")] // 10:00 ET, 07:00 PT
    [InlineData("""{"consumer":{"time_zones":["America/New_York","America/Los_Angeles"]},"proposed_action":{"at":"2026-06-10T15:01:00Z"}}""", "allow")] // 08:01 PT
    [InlineData("""{"consumer":{"time_zones":["America/New_York","America/Los_Angeles"]},"proposed_action":{"at":"2026-06-11T01:30:00Z"}}""", "deny")] // 21:30 ET
    [InlineData("""{"consumer":{"state":null,"time_zones":null,"location_evidence":null,"candidate_time_zones_policy":"all_50_states"},"proposed_action":{"at":"2026-06-10T17:30:00Z"}}""", "deny")] // 07:30 HST
    [InlineData("""{"consumer":{"state":null,"time_zones":null,"location_evidence":null,"candidate_time_zones_policy":"all_50_states"},"proposed_action":{"at":"2026-06-10T18:30:00Z"}}""", "allow")] // 08:30 HST, 14:30 ET
    [InlineData("""{"jurisdiction":"US-UNKNOWN","consumer":{"state":null,"time_zones":null,"location_evidence":[{"source":"phone","number":"+18005550100","type":"voip","time_zone":null}]},"proposed_action":{"at":"2026-06-10T16:00:00Z"}}""", "deny")] // unknown location: all-50-states default
    public void Rows(string patch, string expected) => ScenarioBuilder.Us(patch).ShouldDecide(expected, "US-REGF-TIME-MULTIZONE");
}

public sealed class RegFTimeDesignatedTests
{
    [Theory]
    [InlineData("""{"consumer":{"inconvenient_times":[{"from_local":"09:00","to_local":"17:00","days":"all","source":"consumer said: I work days"}]}}""", "deny")]
    [InlineData("""{"consumer":{"inconvenient_times":[{"from_local":"09:00","to_local":"17:00","days":"all"}]},"proposed_action":{"at":"2026-06-10T22:00:00Z"}}""", "allow")] // 18:00
    [InlineData("""{"consumer":{"inconvenient_times":[{"from_local":"09:00","to_local":"17:00","days":["sat","sun"]}]}}""", "allow")] // Wednesday
    [InlineData("""{"consumer":{"inconvenient_times":[{"from_local":"20:00","to_local":"12:30","days":"all"}]}}""", "deny")] // wraps midnight; 12:00 inside
    public void Rows(string patch, string expected) => ScenarioBuilder.Us(patch).ShouldDecide(expected, "US-REGF-TIME-DESIGNATED");
}

public sealed class RegFTimeExceptionsTests
{
    private const string InboundLate = """ "contact_history":[{"channel":"sms","direction":"inbound","at":"2026-06-10T22:30:00-04:00","to":"sms:+12155550100","outcome":"delivered","body":"what do I owe?"}""";

    [Theory]
    [InlineData("""{""" + InboundLate + """],"proposed_action":{"channel":"sms","to":"sms:+12155550100","at":"2026-06-11T02:31:00Z","content":{"responds_to_consumer_initiated":true}}}""", "allow")]
    [InlineData("""{""" + InboundLate + """,{"channel":"sms","at":"2026-06-10T22:31:00-04:00","to":"sms:+12155550100","outcome":"delivered"}],"proposed_action":{"channel":"sms","to":"sms:+12155550100","at":"2026-06-11T02:40:00Z","content":{"responds_to_consumer_initiated":true}}}""", "deny")]
    [InlineData("""{""" + InboundLate + """],"proposed_action":{"channel":"call","at":"2026-06-11T02:31:00Z","content":{"responds_to_consumer_initiated":true}}}""", "deny")] // different medium
    [InlineData("""{"consumer":{"direct_prior_consent":[{"given_at":"2026-06-09T15:00:00-04:00","scope":"call on 2026-06-10 at 07:30 about D1"}]},"proposed_action":{"at":"2026-06-10T11:30:00Z","content":{"pursuant_to_prior_consent":true}}}""", "allow")]
    public void Rows(string patch, string expected) => ScenarioBuilder.Us(patch).ShouldDecide(expected, "US-REGF-TIME-EXCEPTIONS");
}

public sealed class RegFPlaceTests
{
    [Theory]
    [InlineData("""{"proposed_action":{"content":{"at_inconvenient_place":true}}}""", "deny")]
    [InlineData("""{"proposed_action":{"content":{"at_inconvenient_place":false}}}""", "allow")]
    public void Rows(string patch, string expected) => ScenarioBuilder.Us(patch).ShouldDecide(expected, "US-REGF-PLACE");
}

public sealed class RegFWorkplaceTests
{
    [Theory]
    [InlineData("""{"consumer":{"flags":{"employer_prohibits_workplace_contact":true}},"proposed_action":{"to":"work:+12155550177"}}""", "deny")]
    [InlineData("""{"consumer":{"flags":{"employer_prohibits_workplace_contact":false}},"proposed_action":{"to":"work:+12155550177"}}""", "allow")]
    [InlineData("""{"consumer":{"flags":{"employer_prohibits_workplace_contact":true}}}""", "allow")] // the mobile is not the workplace
    public void Rows(string patch, string expected) => ScenarioBuilder.Us(patch).ShouldDecide(expected, "US-REGF-WORKPLACE");
}

public sealed class MaTimeTests
{
    [Theory]
    [InlineData("""{"jurisdiction":"US-MA","consumer":{"state":"MA"},"proposed_action":{"at":"2026-06-10T11:30:00Z"}}""", "deny")]
    [InlineData("""{"jurisdiction":"US-MA","consumer":{"state":"MA"}}""", "allow")]
    public void Rows(string patch, string expected) => ScenarioBuilder.Us(patch).ShouldDecide(expected, "US-MA-TIME");
}

public sealed class MaWorkplaceRequestTests
{
    [Theory]
    [InlineData("""{"jurisdiction":"US-MA","consumer":{"state":"MA","flags":{"opted_out_addresses":["work:+16175550182"]}},"proposed_action":{"to":"work:+16175550182"}}""", "deny")]
    [InlineData("""{"jurisdiction":"US-MA","consumer":{"state":"MA"},"proposed_action":{"to":"work:+16175550182"}}""", "allow")]
    public void Rows(string patch, string expected) => ScenarioBuilder.Us(patch).ShouldDecide(expected, "US-MA-WORKPLACE-REQUEST");
}
