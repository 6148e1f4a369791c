using Parley.Modules.Compliance.Model;
using Shouldly;

namespace Parley.Modules.Compliance.Tests.Rules;

/// <summary>
/// <c>RuleResult.ByFact</c>: a stated fact passes or denies; an unstated one is denied (or routed) as a missing fact
/// naming the field, so the refusal says what to find out instead of asserting a breach.
/// </summary>
public sealed class ByFactTests
{
    [Theory]
    [InlineData(true, RuleOutcome.Pass, null)]
    [InlineData(false, RuleOutcome.Deny, null)]
    [InlineData(null, RuleOutcome.Deny, "content.x")]
    public void A_stated_fact_decides_and_an_unstated_one_is_missing(bool? fact, RuleOutcome outcome, string? missing)
    {
        var result = RuleResult.ByFact(fact, "yes", "no", "content.x", "unknown");

        result.Outcome.ShouldBe(outcome);
        result.MissingFact.ShouldBe(missing);
    }

    [Fact]
    public void An_unstated_fact_may_route_or_give_a_whole_answer()
    {
        RuleResult.ByFact(null, "yes", "no", "content.x", "unknown", RuleOutcome.Route).Outcome.ShouldBe(RuleOutcome.Route);
        RuleResult.ByFact(null, "yes", "no", RuleResult.NotApplicable("nothing known")).Outcome.ShouldBe(RuleOutcome.NotApplicable);
    }

    [Theory]
    // California's first letter after the debt is time-barred, with the notice not stated either way.
    [InlineData("US", """{"jurisdiction":"US-CA","consumer":{"state":"CA","flags":{"time_barred":true},"first_written_communication_since_time_barred":true},"proposed_action":{"channel":"letter","to":"postal:1 Main St"}}""", "US-CA-TIMEBARRED", "content.includes_ca_time_barred_notice")]
    // Every NYC communication about a time-barred debt, the out-of-statute disclosure not stated.
    [InlineData("US", """{"jurisdiction":"US-NYC","consumer":{"state":"NY","flags":{"time_barred":true}}}""", "US-NY-TIMEBARRED-DISCLOSURE", "content.ny_sol_disclosure_given_in_same_medium")]
    // A UK third party hears about the debt with no authority recorded at all.
    [InlineData("UK", """{"proposed_action":{"content":{"addressee_role":"debt_adviser","mentions_debt_or_creditor":true}}}""", "UK-CONC-THIRDPARTY", "consumer.third_party_authority")]
    public void Rules_that_used_to_deny_an_unstated_fact_outright_name_it_as_missing(string region, string patch, string ruleId, string fact)
    {
        var decision = region == "UK" ? ScenarioBuilder.Uk(patch) : ScenarioBuilder.Us(patch);

        var result = decision.Reasons.Single(r => r.RuleId == ruleId).Result;
        result.Outcome.ShouldBe(RuleOutcome.Deny, decision.Explanation);
        result.MissingFact.ShouldBe(fact);
        decision.MissingFacts.ShouldContain(fact);
    }

    [Fact]
    public void A_prerecorded_landline_call_stated_to_have_no_opt_out_mechanism_is_denied_not_missing()
    {
        var decision = ScenarioBuilder.Us("""{"proposed_action":{"to":"landline:+12155550123","content":{"uses_prerecorded_voice":true,"includes_optout_mechanism":false}}}""");

        var result = decision.Reasons.Single(r => r.RuleId == "US-TCPA-PRERECORDED-LANDLINE-3IN30").Result;
        result.Outcome.ShouldBe(RuleOutcome.Deny, decision.Explanation);
        result.MissingFact.ShouldBeNull();
    }
}
