using NodaTime;
using Parley.Modules.Compliance.Engine;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Compliance.Model;
using Parley.Modules.Compliance.Scenarios;
using Shouldly;
using Log = Parley.Modules.Compliance.DecisionLog.DecisionLog;

namespace Parley.Modules.Compliance.Tests.Rules;

/// <summary>
/// A refusal names every rule the proposal breaks, across stages and overlays, not only the deciding one: the
/// decision, its explanation, the evaluate output and the decision log all carry the whole list.
/// </summary>
public sealed class EveryReasonTests
{
    // A California consumer of a creditor collecting its own debt, at 06:30 local, without the debt-collector disclosure.
    private const string CaliforniaCreditorAtDawn = """
        {"jurisdiction":"US-CA","collector":{"type":"first_party_creditor","fdcpa_debt_collector":false},
         "consumer":{"state":"CA","time_zones":["America/Los_Angeles"],"location_evidence":null},
         "proposed_action":{"at":"2026-06-10T13:30:00Z","content":{"includes_mini_miranda":false}}}
        """;

    // A New York e-mail without the disclosure or an opt-out notice, to an address whose consent was only oral.
    private const string NewYorkEmailOnOralConsent = """
        {"jurisdiction":"US-NY","consumer":{"state":"NY",
           "electronic_consents":[{"address":"email:pat@example.com","form":"oral","given_at":"2026-05-01T10:00:00-04:00"}]},
         "proposed_action":{"channel":"email","to":"email:pat@example.com","content":{"includes_mini_miranda":false,"includes_optout_notice":false}}}
        """;

    // A New York City e-mail about a time-barred debt: no consent recorded, no disclosure, no out-of-statute notice.
    private const string NycTimeBarredEmail = """
        {"jurisdiction":"US-NYC","consumer":{"state":"NY","flags":{"time_barred":true}},
         "proposed_action":{"channel":"email","to":"email:pat@example.com","content":{"includes_mini_miranda":false}}}
        """;

    // A UK payment-plan call that warns of default and fees, offers no forbearance and no free advice, on an SFS over the guidelines.
    private const string UkPlanCallOverGuidelines = """
        {"consumer":{"sfs":{"monthly_income":1800,"disposable_income":120,"flexible_within_spending_guidelines":false}},
         "proposed_action":{"content":{"purpose":"agree_payment_plan","requests_payment":true,"warns_default_and_fees":true,
           "offers_forbearance_options":false,"signposts_free_debt_advice":false}}}
        """;

    private const string WrittenConsent = """
        "electronic_consents":[{"address":"email:pat@example.com","form":"written","given_at":"2026-05-01T10:00:00-04:00"}]
        """;

    private static readonly ComplianceOptions CreditorsOutsideRegF = ComplianceOptions.Default with { ApplyRegFToFirstPartyCollections = false };

    [Fact]
    public void Two_federal_rules_deny_a_california_creditor_through_the_rosenthal_act()
    {
        var decision = ScenarioBuilder.Us(CaliforniaCreditorAtDawn, CreditorsOutsideRegF);

        decision.Verdict.ShouldBe(Verdict.Deny, decision.Explanation);
        decision.DecidingRuleIds.ShouldBe(["US-REGF-MINIMIRANDA", "US-REGF-TIME-8TO9"], ignoreOrder: true, decision.Explanation);
        decision.Explanation.ShouldContain("(US-REGF-MINIMIRANDA)");
        decision.Explanation.ShouldContain("(US-REGF-TIME-8TO9)");
    }

    [Fact]
    public void Outside_california_the_same_creditor_call_is_not_under_reg_f()
    {
        var decision = ScenarioBuilder.Us(CaliforniaCreditorAtDawn.Replace("US-CA", "US-NV").Replace("\"CA\"", "\"NV\""), CreditorsOutsideRegF);

        decision.Verdict.ShouldBe(Verdict.Allow, decision.Explanation);
    }

    [Fact]
    public void The_deciding_stage_comes_first_and_every_later_failure_follows_with_its_reason()
    {
        var decision = ScenarioBuilder.Us(CaliforniaCreditorAtDawn, CreditorsOutsideRegF);

        // Content (the disclosure) is an earlier stage than time and place: it decides, and the hour is still named.
        decision.Reasons.Select(r => r.RuleId).ShouldBe(["US-REGF-MINIMIRANDA", "US-REGF-TIME-8TO9"]);
        decision.Reasons.ShouldAllBe(r => r.Result.Failed && r.Result.Reason.Length > 0);
        decision.DecidingRuleIds.ShouldBe(decision.Reasons.Select(r => r.RuleId).ToArray());
    }

    [Fact]
    public void Three_rules_deny_a_new_york_email_on_oral_consent()
    {
        var decision = ScenarioBuilder.Us(NewYorkEmailOnOralConsent);

        decision.Verdict.ShouldBe(Verdict.Deny, decision.Explanation);
        decision.DecidingRuleIds.ShouldBe(["US-NY-DFS-EMAIL-CONSENT", "US-REGF-ELEC-OPTOUT-NOTICE", "US-REGF-MINIMIRANDA"], ignoreOrder: true, decision.Explanation);

        // Oral consent is a stated fact that fails New York's written-consent rule, not a fact still to find.
        var ny = decision.Reasons.Single(r => r.RuleId == "US-NY-DFS-EMAIL-CONSENT").Result;
        ny.Outcome.ShouldBe(RuleOutcome.Deny);
        ny.MissingFact.ShouldBeNull();
    }

    [Theory]
    [InlineData("""{"address":"email:pat@example.com","form":"written","given_at":"2026-05-01T10:00:00-04:00"}""", false)]
    [InlineData("""{"address":"email:pat@example.com","form":"electronic","given_at":"2026-05-01T10:00:00-04:00"}""", false)] // signed electronically
    [InlineData("""{"address":"email:pat@example.com","form":"written","given_at":"2026-05-01T10:00:00-04:00","revoked_at":"2026-06-01T09:00:00-04:00"}""", true)]
    [InlineData("""{"address":"email:pat@example.com","form":"written","given_at":"2026-06-11T10:00:00-04:00"}""", true)] // not given yet
    [InlineData("""{"address":"email:other@example.com","form":"written"}""", true)] // another address
    public void Structured_written_consent_decides_the_new_york_email_rule(string consent, bool nyDenies)
    {
        var decision = ScenarioBuilder.Us(NewYorkEmailOnOralConsent.Replace(
            """{"address":"email:pat@example.com","form":"oral","given_at":"2026-05-01T10:00:00-04:00"}""", consent));

        decision.DecidingRuleIds.Contains("US-NY-DFS-EMAIL-CONSENT").ShouldBe(nyDenies, decision.Explanation);
        decision.DecidingRuleIds.ShouldContain("US-REGF-MINIMIRANDA");
        decision.DecidingRuleIds.ShouldContain("US-REGF-ELEC-OPTOUT-NOTICE");
    }

    [Fact]
    public void Without_any_consent_recorded_new_york_names_the_structured_field_as_the_missing_fact()
    {
        var decision = ScenarioBuilder.Us(NewYorkEmailOnOralConsent.Replace("\"electronic_consents\"", "\"unused\""));

        decision.Reasons.Single(r => r.RuleId == "US-NY-DFS-EMAIL-CONSENT").Result.MissingFact.ShouldBe("consumer.electronic_consents");
        decision.MissingFacts.ShouldContain("consumer.electronic_consents");
    }

    [Fact]
    public void Four_rules_deny_a_new_york_city_email_about_a_time_barred_debt()
    {
        var decision = ScenarioBuilder.Us(NycTimeBarredEmail);

        decision.Verdict.ShouldBe(Verdict.Deny, decision.Explanation);
        decision.DecidingRuleIds.ShouldBe(
            ["US-NYC-ECOMM-CONSENT", "US-NY-DFS-EMAIL-CONSENT", "US-REGF-MINIMIRANDA", "US-NY-TIMEBARRED-DISCLOSURE"], ignoreOrder: true, decision.Explanation);
        foreach (var id in decision.DecidingRuleIds)
        {
            decision.Explanation.ShouldContain($"({id})");
        }
    }

    [Fact]
    public void Written_city_consent_clears_both_consent_rules_and_leaves_the_content_rules()
    {
        var decision = ScenarioBuilder.Us(NycTimeBarredEmail.Replace(
            "\"flags\"", WrittenConsent + ",\"flags\""));

        decision.DecidingRuleIds.ShouldBe(["US-REGF-MINIMIRANDA", "US-NY-TIMEBARRED-DISCLOSURE"], ignoreOrder: true, decision.Explanation);
    }

    [Fact]
    public void Uk_conc_and_the_standard_financial_statement_are_named_together_when_a_person_must_decide()
    {
        var decision = ScenarioBuilder.Uk(UkPlanCallOverGuidelines);

        // The SFS rule routes; the conduct rules deny in the same stage: routing wins, and the denials are still named.
        decision.Verdict.ShouldBe(Verdict.RouteToHuman, decision.Explanation);
        decision.DecidingRuleIds.ShouldBe(["UK-CONC-FORBEARANCE", "UK-DUTY-OUTCOMES", "UK-SFS-IE"], ignoreOrder: true, decision.Explanation);
        decision.Reasons.Single(r => r.RuleId == "UK-SFS-IE").Result.Outcome.ShouldBe(RuleOutcome.Route);
        decision.Reasons.Single(r => r.RuleId == "UK-CONC-FORBEARANCE").Result.Outcome.ShouldBe(RuleOutcome.Deny);
    }

    [Fact]
    public void Uk_four_reasons_when_the_customer_is_also_asked_for_the_full_balance()
    {
        var decision = ScenarioBuilder.Uk(UkPlanCallOverGuidelines.Replace("\"requests_payment\":true", "\"requests_payment\":true,\"demand_full_balance\":true"));

        decision.DecidingRuleIds.ShouldBe(["UK-CONC-FORBEARANCE", "UK-CONC-NO-PRESSURE", "UK-DUTY-OUTCOMES", "UK-SFS-IE"], ignoreOrder: true, decision.Explanation);
    }

    [Fact]
    public void The_evaluate_output_and_the_decision_log_hold_every_reason()
    {
        var scenario = ScenarioBuilder.Build(ScenarioBuilder.UsBase, NycTimeBarredEmail);
        var decision = new ComplianceGate().Evaluate(scenario.Proposal, scenario.Facts);
        decision.DecidingRuleIds.Count.ShouldBe(4, decision.Explanation);

        var json = System.Text.Json.JsonDocument.Parse(ScenarioEvaluation.ToJson([new ScenarioResult("T", decision)]));
        json.RootElement[0].GetProperty("rule_ids").EnumerateArray().Select(e => e.GetString()).ShouldBe(decision.DecidingRuleIds);

        var record = Log.Append(null, "T", "{}", Log.Digest("{}"), decision, Instant.FromUtc(2026, 6, 10, 16, 0));
        record.RuleIds.ShouldBe(decision.DecidingRuleIds);
        Log.Verify([record]).Valid.ShouldBeTrue();
    }
}
