using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Compliance.Collection;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Compliance.Eligibility;
using Parley.Modules.Compliance.Engine;
using Parley.SharedKernel;
using Shouldly;

namespace Parley.Modules.Compliance.Tests.Eligibility;

/// <summary>
/// The collection controls on a stored account: which holds stop which steps under which rule, and what a time-barred
/// debt's jurisdiction asks (no suit; New York's disclosure and no revival; California's notice; a payment may restart the
/// time limit elsewhere in the US; none in England; Scotland's prescribed debt stops collection). Time-barred is the
/// customer's own calendar date against the statute-of-limitations date, the same for the gate's facts.
/// </summary>
public sealed class CollectionControlsTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 2, 15, 0);

    [Theory]
    [InlineData(HoldType.Dispute, "US-REGF-DISPUTE-PAUSE")]
    [InlineData(HoldType.BreathingSpace, "UK-BS-STANDARD-60D")]
    [InlineData(HoldType.MentalHealthCrisis, "UK-BS-MHCM")]
    [InlineData(HoldType.CeaseCommunication, "US-REGF-CEASE")]
    [InlineData(HoldType.Deceased, "US-REGF-DECEASED")]
    [InlineData(HoldType.Bankruptcy, "PARLEY-HOLD-BANKRUPTCY")]
    public void A_stopping_hold_blocks_offers_plans_and_activation_but_never_a_voluntary_payment(HoldType kind, string ruleId)
    {
        var profile = Profile("US-TX", "America/Chicago", null, new ContactHold(kind, Now - Duration.FromDays(1), null, "on file"));
        foreach (var step in new[] { CollectionStep.Offer, CollectionStep.ProposePlan, CollectionStep.ActivatePlan })
        {
            var standing = AccountCollectionControls.Standing(profile, step, Now);
            standing.Blocks.Single().RuleId.ShouldBe(ruleId);
            Should.Throw<DomainException>(standing.ThrowIfBlocked).Error.ShouldBeOfType<CollectionPaused>().Kind.ShouldBe(ErrorKind.Conflict);
        }

        AccountCollectionControls.Standing(profile, CollectionStep.VoluntaryPayment, Now).Blocked.ShouldBeFalse();
    }

    [Theory]
    [InlineData(HoldType.Hardship)]
    [InlineData(HoldType.Complaint)]
    [InlineData(HoldType.VulnerabilityReview)]
    public void Hardship_complaint_and_vulnerability_holds_leave_offers_open(HoldType kind) =>
        AccountCollectionControls.Standing(Profile("GB-ENG", "Europe/London", null, new ContactHold(kind, Now - Duration.FromDays(1), null, "on file")), CollectionStep.Offer, Now)
            .Blocked.ShouldBeFalse();

    [Fact]
    public void Several_holds_are_all_named_the_first_in_the_catalogues_hard_stop_order()
    {
        var profile = Profile("GB-ENG", "Europe/London", null,
            new ContactHold(HoldType.Dispute, Now - Duration.FromDays(3), null, "not mine"),
            new ContactHold(HoldType.BreathingSpace, Now - Duration.FromDays(1), null, "notice"));
        var standing = AccountCollectionControls.Standing(profile, CollectionStep.ProposePlan, Now);
        standing.Blocks.Select(b => b.Kind).ShouldBe(["breathing_space", "dispute"]);
        standing.Blocks[1].RuleId.ShouldBe("UK-CONC-DISPUTE");
    }

    [Fact]
    public void New_york_says_no_suit_asks_the_disclosure_before_payment_and_says_a_payment_does_not_restart_the_time_limit()
    {
        var notice = TimeBar.Notice(Profile("US-NY", "America/New_York", new LocalDate(2026, 1, 1)), Now).ShouldNotBeNull();
        notice.Revival.ShouldBe(LimitationRevival.DoesNotRestart);
        notice.RevivalNotice.Text.ShouldContain("does not restart");
        notice.Disclosures.Select(d => d.RuleId).ShouldBe(["US-REGF-TIMEBARRED", "US-NY-TIMEBARRED-DISCLOSURE", "US-NY-TIMEBARRED-DISCLOSURE"]);
    }

    [Fact]
    public void California_carries_the_prescribed_notice_and_a_payment_may_restart_the_time_limit()
    {
        var notice = TimeBar.Notice(Profile("US-CA", "America/Los_Angeles", new LocalDate(2026, 1, 1)), Now).ShouldNotBeNull();
        notice.Revival.ShouldBe(LimitationRevival.MayRestart);
        notice.RevivalNotice.Text.ShouldContain("may restart");
        notice.Disclosures.Single(d => d.RuleId == "US-CA-TIMEBARRED").Text.ShouldContain("we will not sue you for it");
        notice.Disclosures.ShouldContain(d => d.RuleId == "US-REGF-TIMEBARRED");
    }

    [Fact]
    public void England_never_suggests_court_and_scotland_stops_collection_on_a_prescribed_debt_but_takes_a_payment()
    {
        var england = TimeBar.Notice(Profile("GB-ENG", "Europe/London", new LocalDate(2026, 1, 1)), Now).ShouldNotBeNull();
        england.Revival.ShouldBe(LimitationRevival.DoesNotRestart);
        england.Disclosures[0].RuleId.ShouldBe("UK-CONC-STATUTE-BARRED");
        AccountCollectionControls.Standing(Profile("GB-ENG", "Europe/London", new LocalDate(2026, 1, 1)), CollectionStep.Offer, Now).Blocked.ShouldBeFalse();

        var scotland = Profile("GB-SCT", "Europe/London", new LocalDate(2026, 1, 1));
        var offer = AccountCollectionControls.Standing(scotland, CollectionStep.Offer, Now);
        offer.Blocks.Single().Kind.ShouldBe("prescribed_debt");
        offer.Blocks.Single().RuleId.ShouldBe("UK-CONC-STATUTE-BARRED");
        AccountCollectionControls.Standing(scotland, CollectionStep.VoluntaryPayment, Now).Blocked.ShouldBeFalse();
    }

    [Fact]
    public void Time_barred_turns_at_midnight_on_the_customers_own_calendar_for_the_offers_and_the_gate_alike()
    {
        // 03:00 UTC on 2 November is still 1 November in California and already 2 November in London.
        var at = Instant.FromUtc(2026, 11, 2, 3, 0);
        var sol = new LocalDate(2026, 11, 2);
        var california = Profile("US-CA", "America/Los_Angeles", sol);
        var london = Profile("GB-ENG", "Europe/London", sol);

        TimeBar.Notice(california, at).ShouldBeNull();
        TimeBar.Notice(london, at).ShouldNotBeNull();
        StatuteOfLimitations.IsTimeBarred(sol, at, "America/Los_Angeles").ShouldBeFalse();
        StatuteOfLimitations.IsTimeBarred(sol, at, "Europe/London").ShouldBeTrue();
        StoredAccountFacts.Build(california, Channel.Letter, at, ComplianceOptions.Default).Facts.TimeBarred.ShouldBe(false);
        StoredAccountFacts.Build(london, Channel.Letter, at, ComplianceOptions.Default).Facts.TimeBarred.ShouldBe(true);
        TimeBar.Notice(california, at + Duration.FromHours(5)).ShouldNotBeNull();
    }

    [Fact]
    public void The_gate_refuses_a_threat_of_suit_on_a_time_barred_stored_account()
    {
        var built = StoredAccountFacts.Build(Profile("US-CA", "America/Los_Angeles", new LocalDate(2026, 1, 1)), Channel.Letter, Now, ComplianceOptions.Default);
        var threat = built.Proposal with { Content = built.Proposal.Content with { ThreatensSuit = true, IncludesCaTimeBarredNotice = true } };
        var decision = new ComplianceGate(ComplianceOptions.Default).Evaluate(threat, built.Facts);
        decision.Allowed.ShouldBeFalse();
        decision.DecidingRuleIds.ShouldContain("US-REGF-TIMEBARRED");
    }

    private static ContactProfile Profile(string jurisdiction, string zone, LocalDate? sol, params ContactHold[] holds)
    {
        Jurisdiction.TryParse(jurisdiction, out var where).ShouldBeTrue();
        return new ContactProfile(
            AccountId.New(),
            "D-1",
            sol,
            [new ContactPostalAddress("1 High Street", null, "Town", where.IsUk ? "AB1 2CD" : "90001", where, zone)],
            [],
            [],
            holds);
    }
}
