using Shouldly;

namespace Parley.Modules.Compliance.Tests.Scenarios;

/// <summary>Malformed input is refused with the scenario and the field named; absent optional facts are not errors.</summary>
public sealed class MalformedInputTests
{
    [Theory]
    [InlineData("""{"consumer":{"time_zones":["Mars/Olympus_Mons"]}}""", "consumer.time_zones[0]", "unknown time zone")]
    [InlineData("""{"consumer":{"location_evidence":[{"source":"phone","time_zone":"America/Nowhere"}]}}""", "consumer.location_evidence[0].time_zone", "unknown time zone")]
    [InlineData("""{"proposed_action":{"at":"2026-02-30T10:00:00Z"}}""", "proposed_action.at", "not a valid instant")]
    [InlineData("""{"proposed_action":{"at":"2026-06-10T25:00:00Z"}}""", "proposed_action.at", "not a valid instant")]
    [InlineData("""{"proposed_action":{"channel":"carrier_pigeon"}}""", "proposed_action.channel", "unknown channel")]
    [InlineData("""{"contact_history":[{"channel":"fax","at":"2026-06-01T10:00:00-04:00"}]}""", "contact_history[0].channel", "unknown channel")]
    [InlineData("""{"consumer":{"flags":{"opted_out_channels":["pager"]}}}""", "consumer.flags.opted_out_channels[0]", "unknown channel")]
    [InlineData("""{"expected":{"rule_ids":["US-REGF-TIME-9TO5"]}}""", "expected.rule_ids[0]", "unknown rule id")]
    [InlineData("""{"contact_history":[{"channel":"call","at":"2026-06-02T10:00:00-04:00"},{"channel":"call","at":"2026-06-01T10:00:00-04:00"}]}""", "contact_history[1].at", "out of order")]
    [InlineData("""{"jurisdiction":"US-ZZ"}""", "jurisdiction", "unknown jurisdiction")]
    [InlineData("""{"consumer":{"flags":{"breathing_space_start":"2026-13-01"}}}""", "consumer.flags.breathing_space_start", "not a valid date")]
    [InlineData("""{"proposed_action":{"channel":"action","content":{"action_type":"repossess_car"}}}""", "proposed_action.content.action_type", "unknown action type")]
    public void Malformed_fields_are_named_with_the_scenario(string patch, string field, string problem)
    {
        var error = Should.Throw<Parley.Modules.Compliance.Scenarios.ScenarioFormatException>(() => ScenarioBuilder.Build(ScenarioBuilder.UsBase, patch));

        error.ScenarioId.ShouldBe("T");
        error.Field.ShouldBe(field);
        error.Problem.ShouldContain(problem);
        error.Message.ShouldStartWith($"T: {field}");
    }

    [Fact]
    public void Unknown_extra_fields_are_ignored() =>
        ScenarioBuilder.Us("""{"consumer":{"favourite_colour":"teal"},"proposed_action":{"content":{"font":"serif"}}}""").ShouldDecide("allow", "US-REGF-TIME-8TO9");

    [Fact]
    public void A_missing_disclosure_fact_is_named_and_never_allowed()
    {
        var decision = ScenarioBuilder.Us("""{"proposed_action":{"content":{"includes_mini_miranda":null}}}""");

        decision.ShouldDecide("deny", "US-REGF-MINIMIRANDA");
        decision.MissingFacts.ShouldContain("content.includes_mini_miranda");
    }
}
