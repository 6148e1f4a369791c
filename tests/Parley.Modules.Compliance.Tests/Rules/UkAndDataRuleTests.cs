using Parley.Modules.Compliance.Engine;
using Parley.Modules.Compliance.Model;
using Shouldly;

namespace Parley.Modules.Compliance.Tests.Rules;

public sealed class NyTimeBarredDisclosureTests
{
    [Theory]
    [InlineData("""{"jurisdiction":"US-NY","consumer":{"state":"NY","flags":{"time_barred":true}},"proposed_action":{"channel":"action","to":null,"content":{"action_type":"accept_payment"}}}""", "deny")]
    [InlineData("""{"jurisdiction":"US-NY","consumer":{"state":"NY","flags":{"time_barred":true}},"proposed_action":{"channel":"action","to":null,"content":{"action_type":"accept_payment","ny_sol_disclosure_given_in_same_medium":true}}}""", "allow")]
    [InlineData("""{"jurisdiction":"US-NYC","consumer":{"state":"NY","flags":{"time_barred":true}}}""", "deny")] // every NYC communication
    public void Rows(string patch, string expected) => ScenarioBuilder.Us(patch).ShouldDecide(expected, "US-NY-TIMEBARRED-DISCLOSURE");
}

public sealed class CaRosenthalScopeTests
{
    [Fact]
    public void California_applies_the_contact_rules_to_creditors_even_when_the_deployment_does_not() =>
        ScenarioBuilder.Us("""{"jurisdiction":"US-CA","consumer":{"state":"CA","time_zones":["America/Los_Angeles"],"location_evidence":null},"collector":{"type":"first_party_creditor","fdcpa_debt_collector":false},"proposed_action":{"at":"2026-06-10T14:30:00Z"}}""",
            ComplianceOptions.Default with { ApplyRegFToFirstPartyCollections = false }).ShouldDecide("deny", "US-REGF-TIME-8TO9");

    [Theory]
    [InlineData("""{"jurisdiction":"US-CA","consumer":{"state":"CA"}}""", RuleOutcome.Pass)]
    [InlineData("{}", RuleOutcome.NotApplicable)]
    public void Rows(string patch, RuleOutcome outcome) =>
        ScenarioBuilder.Us(patch).Evaluated.Single(e => e.RuleId == "US-CA-ROSENTHAL-SCOPE").Result.Outcome.ShouldBe(outcome);
}

public sealed class CaTimeBarredTests
{
    private const string Ca = """ "jurisdiction":"US-CA","consumer":{"state":"CA","flags":{"time_barred":true}""";

    [Theory]
    [InlineData("{" + Ca + ""","first_written_communication_since_time_barred":true},"proposed_action":{"channel":"letter","to":"postal:1 Main St","content":{"includes_ca_time_barred_notice":false}}}""", "deny")]
    [InlineData("{" + Ca + ""","first_written_communication_since_time_barred":true},"proposed_action":{"channel":"letter","to":"postal:1 Main St","content":{"includes_ca_time_barred_notice":true}}}""", "allow")]
    [InlineData("{" + Ca + ""","first_written_communication_since_time_barred":false},"proposed_action":{"channel":"letter","to":"postal:1 Main St"}}""", "allow")]
    [InlineData("{" + Ca + """},"proposed_action":{"channel":"action","to":null,"content":{"action_type":"issue_court_claim"}}}""", "deny")]
    public void Rows(string patch, string expected) => ScenarioBuilder.Us(patch).ShouldDecide(expected, "US-CA-TIMEBARRED");
}

// UK base: a Manchester customer, Wednesday 10 June 2026; 10:00Z is 11:00 BST.
public sealed class UkBreathingSpaceStandardTests
{
    [Theory]
    [InlineData("""{"consumer":{"flags":{"breathing_space_start":"2026-06-01","breathing_space_type":"standard"}},"proposed_action":{"content":{"requests_payment":true}}}""", "deny")]
    [InlineData("""{"consumer":{"flags":{"breathing_space_start":"2026-03-01","breathing_space_type":"standard"}},"proposed_action":{"content":{"requests_payment":true}}}""", "deny")] // day 102, no end notified
    [InlineData("""{"consumer":{"flags":{"breathing_space_start":"2026-03-01","breathing_space_type":"standard"},"breathing_space_end_notified":"2026-04-30"},"proposed_action":{"content":{"requests_payment":true}}}""", "allow")]
    [InlineData("""{"consumer":{"flags":{"breathing_space_start":"2026-06-01","breathing_space_type":"standard"}},"proposed_action":{"channel":"action","to":null,"content":{"action_type":"accept_payment"}}}""", "allow")]
    public void Rows(string patch, string expected) => ScenarioBuilder.Uk(patch).ShouldDecide(expected, "UK-BS-STANDARD-60D");

    [Fact]
    public void A_notified_end_keeps_the_safety_margin() =>
        ScenarioBuilder.Uk("""{"consumer":{"flags":{"breathing_space_start":"2026-04-01","breathing_space_type":"standard"},"breathing_space_end_notified":"2026-06-09"},"proposed_action":{"content":{"requests_payment":true}}}""")
            .ShouldDecide("deny", "UK-BS-STANDARD-60D");
}

public sealed class UkBreathingSpaceMentalHealthCrisisTests
{
    [Theory]
    [InlineData("""{"consumer":{"flags":{"breathing_space_start":"2026-01-10","breathing_space_type":"mental_health_crisis"}},"proposed_action":{"content":{"requests_payment":false}}}""", "route_to_human")]
    [InlineData("""{"consumer":{"flags":{"breathing_space_start":"2026-01-10","breathing_space_type":"mental_health_crisis"},"breathing_space_end_notified":"2026-05-01"},"proposed_action":{"content":{"requests_payment":true}}}""", "allow")]
    public void Rows(string patch, string expected) => ScenarioBuilder.Uk(patch).ShouldDecide(expected, "UK-BS-MHCM");
}

public sealed class UkBreathingSpaceNoContactTests
{
    [Theory]
    [InlineData("""{"consumer":{"flags":{"breathing_space_start":"2026-06-09","breathing_space_type":"standard"}},"proposed_action":{"channel":"sms","to":"sms:+447700900100","content":{"requests_payment":true}}}""", "deny")]
    [InlineData("""{"consumer":{"flags":{"breathing_space_start":"2026-06-09","breathing_space_type":"standard"}},"proposed_action":{"channel":"letter","to":"postal:1 Example St","content":{"requests_payment":false}}}""", "route_to_human")]
    [InlineData("""{"consumer":{"flags":{"breathing_space_start":"2026-06-11","breathing_space_type":"standard"}},"proposed_action":{"content":{"requests_payment":true}}}""", "allow")] // starts tomorrow
    public void Rows(string patch, string expected) => ScenarioBuilder.Uk(patch).ShouldDecide(expected, "UK-BS-NO-CONTACT");
}

public sealed class UkBreathingSpaceFreezeTests
{
    [Theory]
    [InlineData("""{"consumer":{"flags":{"breathing_space_start":"2026-06-01"}},"proposed_action":{"channel":"action","to":null,"content":{"action_type":"apply_interest_and_fees"}}}""", "deny")]
    [InlineData("""{"proposed_action":{"channel":"action","to":null,"content":{"action_type":"apply_interest_and_fees"}}}""", "allow")]
    public void Rows(string patch, string expected) => ScenarioBuilder.Uk(patch).ShouldDecide(expected, "UK-BS-FREEZE");
}

public sealed class UkBreathingSpaceNoEnforcementTests
{
    [Theory]
    [InlineData("""{"consumer":{"flags":{"breathing_space_start":"2026-06-01"}},"proposed_action":{"channel":"action","to":null,"content":{"action_type":"issue_court_claim"}}}""", "deny")]
    [InlineData("""{"consumer":{"flags":{"breathing_space_start":"2026-06-01"}},"proposed_action":{"channel":"action","to":null,"content":{"action_type":"automated_default_and_debt_sale"}}}""", "deny")]
    [InlineData("""{"proposed_action":{"channel":"action","to":null,"content":{"action_type":"issue_court_claim"}}}""", "allow")]
    public void Rows(string patch, string expected) => ScenarioBuilder.Uk(patch).ShouldDecide(expected, "UK-BS-NO-ENFORCEMENT");
}

public sealed class UkConcMentalCapacityTests
{
    [Theory]
    [InlineData("""{"consumer":{"flags":{"mental_capacity_concern":true}}}""", "route_to_human")]
    [InlineData("""{"consumer":{"flags":{"mental_capacity_concern":false}}}""", "allow")]
    public void Rows(string patch, string expected) => ScenarioBuilder.Uk(patch).ShouldDecide(expected, "UK-CONC-MENTAL-CAPACITY");
}

public sealed class UkFg21VulnerabilityTests
{
    [Theory]
    [InlineData("""{"consumer":{"flags":{"vulnerable":true,"vulnerability_drivers":["life_events"]}},"proposed_action":{"channel":"sms","to":"sms:+447700900100","content":{"automated":true}}}""", "route_to_human")]
    [InlineData("""{"consumer":{"flags":{"vulnerable":true,"vulnerability_drivers":["capability"]}},"proposed_action":{"content":{"human_review":true}}}""", "allow")]
    [InlineData("""{"consumer":{"flags":{"vulnerable":true},"third_party_authority":{"type":"debt_advice_charity","verified":true}},"proposed_action":{"content":{"addressee_role":"debt_adviser"}}}""", "allow")]
    public void Rows(string patch, string expected) => ScenarioBuilder.Uk(patch).ShouldDecide(expected, "UK-FG21-VULNERABILITY");
}

public sealed class UkConcDisputeTests
{
    [Theory]
    [InlineData("""{"consumer":{"uk_dispute_grounds":"not_the_true_borrower"},"proposed_action":{"content":{"requests_payment":true}}}""", "deny")]
    [InlineData("""{"consumer":{"uk_dispute_grounds":"wrong_amount"},"proposed_action":{"channel":"letter","to":"postal:1 Example St","content":{"is_verification_response":true}}}""", "allow")]
    [InlineData("""{"consumer":{"flags":{"disputed_unverified":true,"dispute_form":"oral"}},"proposed_action":{"content":{"requests_payment":true}}}""", "deny")] // any form in the UK
    public void Rows(string patch, string expected) => ScenarioBuilder.Uk(patch).ShouldDecide(expected, "UK-CONC-DISPUTE");
}

public sealed class UkConcThirdPartyTests
{
    [Theory]
    [InlineData("""{"consumer":{"household":{"shared_address":true}},"proposed_action":{"channel":"letter","to":"postal:1 Example St","content":{"envelope_reveals_debt":true}}}""", "deny")]
    [InlineData("""{"consumer":{"third_party_authority":{"type":"debt_advice_charity","verified":true}},"proposed_action":{"content":{"addressee_role":"debt_adviser","mentions_debt_or_creditor":true}}}""", "allow")]
    [InlineData("""{"consumer":{"third_party_authority":{"type":"debt_advice_charity","verified":false}},"proposed_action":{"content":{"addressee_role":"debt_adviser","mentions_debt_or_creditor":true}}}""", "deny")]
    public void Rows(string patch, string expected) => ScenarioBuilder.Uk(patch).ShouldDecide(expected, "UK-CONC-THIRDPARTY");
}

public sealed class UkConcStatuteBarredTests
{
    [Theory]
    [InlineData("""{"consumer":{"uk_limitation":{"law":"Limitation Act 1980 s.5","period_years":6,"last_payment_or_acknowledgement":"2019-05-01"}},"proposed_action":{"channel":"letter","to":"postal:1 Example St","content":{"threatens_suit":true}}}""", "deny")]
    [InlineData("""{"consumer":{"uk_limitation":{"law":"Limitation Act 1980 s.5","period_years":6,"last_payment_or_acknowledgement":"2022-05-01"}},"proposed_action":{"channel":"letter","to":"postal:1 Example St","content":{"threatens_suit":true}}}""", "allow")]
    [InlineData("""{"jurisdiction":"UK-SCT","consumer":{"uk_limitation":{"law":"Prescription and Limitation (Scotland) Act 1973","last_payment_or_acknowledgement":"2020-05-01"}},"proposed_action":{"channel":"letter","to":"postal:1 Example St","content":{"requests_payment":true}}}""", "deny")]
    public void Rows(string patch, string expected) => ScenarioBuilder.Uk(patch).ShouldDecide(expected, "UK-CONC-STATUTE-BARRED");
}

public sealed class UkConcForbearanceTests
{
    [Theory]
    [InlineData("""{"consumer":{"sfs":{"monthly_income":1200,"fixed_costs":900,"flexible_costs":400}},"proposed_action":{"content":{"requests_payment":true}}}""", "deny")]
    [InlineData("""{"proposed_action":{"content":{"requests_payment":true,"offers_forbearance_options":false}}}""", "deny")]
    [InlineData("""{"proposed_action":{"content":{"warns_default_and_fees":true,"offers_forbearance_options":true,"signposts_free_debt_advice":true}}}""", "allow")]
    public void Rows(string patch, string expected) => ScenarioBuilder.Uk(patch).ShouldDecide(expected, "UK-CONC-FORBEARANCE");
}

public sealed class UkConcNoPressureTests
{
    [Theory]
    [InlineData("""{"proposed_action":{"content":{"requests_payment":true,"demand_full_balance":true}}}""", "deny")]
    [InlineData("""{"proposed_action":{"content":{"requests_payment":true,"payment_deadline_days":2}}}""", "deny")]
    [InlineData("""{"proposed_action":{"content":{"requests_payment":true,"payment_deadline_days":14}}}""", "allow")]
    public void Rows(string patch, string expected) => ScenarioBuilder.Uk(patch).ShouldDecide(expected, "UK-CONC-NO-PRESSURE");
}

public sealed class UkConcNegotiateTests
{
    [Theory]
    [InlineData("""{"proposed_action":{"channel":"action","to":null,"content":{"action_type":"reject_repayment_proposal","automated":true,"reason":"below_min_percentage_policy"}}}""", "route_to_human")]
    [InlineData("""{"consumer":{"sfs":{"disposable_income":50,"flexible_within_spending_guidelines":false}},"proposed_action":{"channel":"action","to":null,"content":{"action_type":"reject_repayment_proposal","human_review":true}}}""", "route_to_human")] // SFS review still routes
    public void Rows(string patch, string expected) => ScenarioBuilder.Uk(patch).ShouldDecide(expected, expected == "route_to_human" && patch.Contains("sfs", StringComparison.Ordinal) ? "UK-SFS-IE" : "UK-CONC-NEGOTIATE");

    [Fact]
    public void A_person_deciding_satisfies_the_rule() =>
        ScenarioBuilder.Uk("""{"proposed_action":{"channel":"action","to":null,"content":{"action_type":"reject_repayment_proposal","human_review":true}}}""").ShouldNotFail("UK-CONC-NEGOTIATE");
}

public sealed class UkSfsIncomeExpenditureTests
{
    [Theory]
    [InlineData("""{"consumer":{"sfs":{"disposable_income":120,"flexible_within_spending_guidelines":false}},"proposed_action":{"content":{"purpose":"agree_payment_plan"}}}""", "route_to_human")]
    [InlineData("""{"consumer":{"sfs":{"disposable_income":120,"flexible_within_spending_guidelines":true}},"proposed_action":{"content":{"purpose":"agree_payment_plan"}}}""", "allow")]
    public void Rows(string patch, string expected) => ScenarioBuilder.Uk(patch).ShouldDecide(expected, "UK-SFS-IE");
}

public sealed class UkDutyCrossCuttingTests
{
    [Theory]
    [InlineData("""{"consumer":{"flags":{"vulnerable":true}},"proposed_action":{"content":{"demand_full_balance":true}}}""", true)]
    [InlineData("""{"proposed_action":{"content":{"requests_payment":true}}}""", false)]
    public void Rows(string patch, bool fails)
    {
        var decision = ScenarioBuilder.Uk(patch);
        if (fails)
        {
            decision.ShouldFail("UK-DUTY-CROSSCUTTING");
        }
        else
        {
            decision.ShouldNotFail("UK-DUTY-CROSSCUTTING");
        }
    }
}

public sealed class UkDutyOutcomesTests
{
    [Theory]
    [InlineData("""{"proposed_action":{"content":{"warns_default_and_fees":true,"offers_forbearance_options":true,"signposts_free_debt_advice":false}}}""", "deny")]
    [InlineData("""{"proposed_action":{"content":{"warns_default_and_fees":true,"offers_forbearance_options":true,"signposts_free_debt_advice":true}}}""", "allow")]
    public void Rows(string patch, string expected) => ScenarioBuilder.Uk(patch).ShouldDecide(expected, "UK-DUTY-OUTCOMES");
}

public sealed class UkConcContactTimesTests
{
    [Theory]
    [InlineData("""{"proposed_action":{"at":"2026-06-10T06:30:00Z"}}""", "deny")] // 07:30 BST
    [InlineData("""{"proposed_action":{"at":"2026-06-14T11:00:00Z"}}""", "deny")] // Sunday
    [InlineData("""{"proposed_action":{"at":"2026-08-31T11:00:00Z"}}""", "deny")] // summer bank holiday
    [InlineData("""{"proposed_action":{"at":"2026-06-13T11:00:00Z"}}""", "allow")] // Saturday
    [InlineData("""{"consumer":{"inconvenient_times":[{"from_local":"09:00","to_local":"18:00","days":"weekdays","source":"shift work"}]}}""", "deny")]
    public void Rows(string patch, string expected) => ScenarioBuilder.Uk(patch).ShouldDecide(expected, "UK-CONC-CONTACT-TIMES");
}

public sealed class UkConcPoliciesTests
{
    [Fact]
    public void Every_uk_decision_follows_the_published_policies() =>
        ScenarioBuilder.Uk("{}").Evaluated.Single(e => e.RuleId == "UK-CONC-POLICIES").Result.Outcome.ShouldBe(RuleOutcome.Pass);
}

public sealed class EuGdprArticle22Tests
{
    [Theory]
    [InlineData("""{"proposed_action":{"content":{"solely_automated":true}}}""", "deny")]
    [InlineData("""{"proposed_action":{"content":{"solely_automated":false,"human_review":true}}}""", "allow")]
    [InlineData("""{"proposed_action":{"content":{"solely_automated":true,"safeguards":{"informed":true,"representations":true,"human_intervention":true,"contest":true}}}}""", "allow")]
    [InlineData("""{"consumer":{"gdpr_requests":[{"type":"art22_human_intervention","received_at":"2026-09-01T10:00:00Z"}]},"proposed_action":{"content":{"solely_automated":true}}}""", "route_to_human")]
    public void Rows(string patch, string expected) => ScenarioBuilder.Eu(patch).ShouldDecide(expected, "EU-GDPR-ART22");

    [Fact]
    public void In_the_uk_before_22A_commenced_article_22_applies() =>
        ScenarioBuilder.Uk("""{"proposed_action":{"channel":"action","to":null,"at":"2026-01-10T10:00:00Z","content":{"action_type":"automated_litigation_referral","solely_automated":true}}}""").ShouldFail("EU-GDPR-ART22");
}

public sealed class UkGdprArticle22AToDTests
{
    [Theory]
    [InlineData("""{"proposed_action":{"channel":"action","to":null,"content":{"action_type":"automated_default_and_debt_sale","solely_automated":true}}}""", "deny")]
    [InlineData("""{"proposed_action":{"channel":"action","to":null,"content":{"action_type":"automated_default_and_debt_sale","solely_automated":true,"safeguards":{"informed":true,"representations":true,"human_intervention":true,"contest":true}}}}""", "allow")]
    [InlineData("""{"consumer":{"gdpr_requests":[{"type":"art22_human_intervention"}]},"proposed_action":{"channel":"action","to":null,"content":{"action_type":"automated_default_and_debt_sale","solely_automated":true}}}""", "route_to_human")]
    public void Rows(string patch, string expected) => ScenarioBuilder.Uk(patch).ShouldDecide(expected, "UK-GDPR-ART22A-D");
}

public sealed class GdprArticle15Tests
{
    [Theory]
    [InlineData("""{"consumer":{"gdpr_requests":[{"type":"art15_access"}]},"proposed_action":{"content":{"human_review":true}}}""", RuleOutcome.Pass)]
    [InlineData("{}", RuleOutcome.NotApplicable)]
    public void Rows(string patch, RuleOutcome outcome) =>
        ScenarioBuilder.Eu(patch).Evaluated.Single(e => e.RuleId == "EU-GDPR-ART15").Result.Outcome.ShouldBe(outcome);
}

public sealed class GdprArticle17Tests
{
    [Theory]
    [InlineData("""{"consumer":{"gdpr_requests":[{"type":"art17_erasure"}]}}""", RuleOutcome.Pass)]
    [InlineData("{}", RuleOutcome.NotApplicable)]
    public void Rows(string patch, RuleOutcome outcome) =>
        ScenarioBuilder.Eu(patch).Evaluated.Single(e => e.RuleId == "EU-GDPR-ART17").Result.Outcome.ShouldBe(outcome);
}

public sealed class GdprArticle21Tests
{
    [Theory]
    [InlineData("""{"consumer":{"gdpr_requests":[{"type":"art21_objection"}]},"proposed_action":{"content":{"action_type":"deploy_model","model":"propensity-v3","human_review":true}}}""", "route_to_human")]
    [InlineData("""{"proposed_action":{"content":{"action_type":"deploy_model","model":"propensity-v3","human_review":true}}}""", "allow")]
    public void Rows(string patch, string expected) => ScenarioBuilder.Eu(patch).ShouldDecide(expected, "EU-GDPR-ART21");
}

public sealed class CcpaAccessDeleteTests
{
    [Theory]
    [InlineData("""{"jurisdiction":"US-CA","consumer":{"state":"CA","gdpr_requests":[{"type":"ccpa_delete"}]}}""", RuleOutcome.Pass)]
    [InlineData("""{"jurisdiction":"US-CA","consumer":{"state":"CA"}}""", RuleOutcome.NotApplicable)]
    public void Rows(string patch, RuleOutcome outcome) =>
        ScenarioBuilder.Us(patch).Evaluated.Single(e => e.RuleId == "US-CCPA-ACCESS-DELETE").Result.Outcome.ShouldBe(outcome);
}

public sealed class EcoaRegBCollectionsTests
{
    [Theory]
    [InlineData("""{"proposed_action":{"channel":"action","to":null,"content":{"action_type":"deploy_model","impact_ratio":0.9,"uses_prohibited_bases":["age"]}}}""", "deny")]
    [InlineData("""{"proposed_action":{"channel":"action","to":null,"content":{"action_type":"deploy_model","impact_ratio":0.9}}}""", "allow")]
    public void Rows(string patch, string expected) => ScenarioBuilder.Us(patch).ShouldDecide(expected, "US-ECOA-REGB-COLLECTIONS");
}

public sealed class FairnessFourFifthsTests
{
    [Theory]
    [InlineData("""{"proposed_action":{"channel":"action","to":null,"content":{"action_type":"deploy_model","impact_ratio":0.72,"protected_basis":"age"}}}""", "route_to_human")]
    [InlineData("""{"proposed_action":{"channel":"action","to":null,"content":{"action_type":"deploy_model","impact_ratio":0.85}}}""", "allow")]
    [InlineData("""{"proposed_action":{"channel":"action","to":null,"content":{"action_type":"deploy_model","adverse_outcome_rate_protected":0.40,"adverse_outcome_rate_reference":0.20}}}""", "route_to_human")] // 0.60/0.80 = 0.75
    [InlineData("""{"proposed_action":{"channel":"action","to":null,"content":{"action_type":"deploy_model"}}}""", "route_to_human")] // not measured
    public void Rows(string patch, string expected) => ScenarioBuilder.Us(patch).ShouldDecide(expected, "US-FAIRNESS-4-5THS");
}

public sealed class EuAiActAnnexIii5bTests
{
    [Theory]
    [InlineData("""{"proposed_action":{"content":{"action_type":"deploy_model","model":"propensity-v3"}}}""", "route_to_human")]
    [InlineData("""{"proposed_action":{"content":{"action_type":"deploy_model","model":"propensity-v3","human_review":true}}}""", "allow")]
    [InlineData("""{"proposed_action":{"at":"2026-07-01T10:00:00Z","content":{"action_type":"deploy_model","model":"propensity-v3"}}}""", "allow")] // before Annex III applies
    public void Rows(string patch, string expected) => ScenarioBuilder.Eu(patch).ShouldDecide(expected, "EU-AIACT-ANNEXIII-5B");
}
