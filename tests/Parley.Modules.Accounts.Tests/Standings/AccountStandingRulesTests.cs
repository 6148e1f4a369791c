using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Accounts.Domain;
using Parley.SharedKernel;
using Shouldly;

namespace Parley.Modules.Accounts.Tests.Standings;

/// <summary>The rules of <see cref="AccountStanding"/> and the placement's own, on their own.</summary>
public sealed class AccountStandingRulesTests
{
    private static readonly Standing Open270 = new(AccountStatus.Open, 270);
    private static readonly LocalDate Day = new(2026, 11, 26);

    [Fact]
    public void Nothing_owed_is_paid_in_full_or_in_credit_and_never_past_due()
    {
        AccountStanding.AfterLedger(Open270, new LedgerStanding(0), null, PlanState.None).ShouldBe(new Standing(AccountStatus.PaidInFull, 0));
        AccountStanding.AfterLedger(Open270, new LedgerStanding(-600), null, PlanState.None).ShouldBe(new Standing(AccountStatus.InCredit, 0));
        AccountStanding.AfterLedger(new Standing(AccountStatus.PaidInFull, 0), new LedgerStanding(-1), null, PlanState.None).ShouldBe(new Standing(AccountStatus.InCredit, 0));
        AccountStanding.AfterLedger(Open270, new LedgerStanding(5_00), null, PlanState.None).ShouldBeNull();
    }

    [Fact]
    public void Owing_again_returns_to_the_standing_before_it_was_paid()
    {
        var paid = new Standing(AccountStatus.InCredit, 0);
        AccountStanding.AfterLedger(paid, new LedgerStanding(100_00), Open270, PlanState.None).ShouldBe(Open270);
        AccountStanding.AfterLedger(paid, new LedgerStanding(100_00), new Standing(AccountStatus.InArrangement, 0), PlanState.None).ShouldBe(new Standing(AccountStatus.InArrangement, 0));
        AccountStanding.AfterLedger(paid, new LedgerStanding(100_00), new Standing(AccountStatus.InArrangement, 0), PlanState.Closed).ShouldBe(new Standing(AccountStatus.Open, 0));
        AccountStanding.AfterLedger(paid, new LedgerStanding(100_00), Open270, PlanState.Active).ShouldBe(new Standing(AccountStatus.InArrangement, 270));
        AccountStanding.AfterLedger(new Standing(AccountStatus.PaidInFull, 0), new LedgerStanding(100_00), null, PlanState.None).ShouldBe(new Standing(AccountStatus.Open, 0));
    }

    [Theory]
    [InlineData(AccountStatus.Recalled)]
    [InlineData(AccountStatus.Closed)]
    [InlineData(AccountStatus.Settled)]
    public void The_ledger_leaves_recalled_closed_and_settled_accounts_alone(AccountStatus status) =>
        AccountStanding.AfterLedger(new Standing(status, 0), new LedgerStanding(-100), null, PlanState.None).ShouldBeNull();

    [Fact]
    public void A_plan_stops_the_clock_and_a_broken_plan_restarts_it_from_the_first_miss()
    {
        var activated = AccountStanding.AfterPlan(Open270, new PlanFacts(PlanMilestone.Activated, true, false, null, Day), null, 0);
        activated.ShouldBe(new Standing(AccountStatus.InArrangement, 0));

        var broken = AccountStanding.AfterPlan(activated!, new PlanFacts(PlanMilestone.Broken, true, false, new LocalDate(2026, 11, 10), Day), null, 270);
        broken.ShouldBe(new Standing(AccountStatus.Open, 270 + 16));

        var cancelledWhileProposed = AccountStanding.AfterPlan(new Standing(AccountStatus.InArrangement, 0), new PlanFacts(PlanMilestone.Cancelled, false, false, null, Day), null, 0);
        cancelledWhileProposed.ShouldBeNull("a plan that never became active leaves a creditor's own arrangement alone");
        AccountStanding.AfterPlan(new Standing(AccountStatus.InArrangement, 0), new PlanFacts(PlanMilestone.Cancelled, true, false, null, Day), null, 45)
            .ShouldBe(new Standing(AccountStatus.Open, 45));
    }

    [Fact]
    public void A_completed_plan_settles_pays_in_full_or_leaves_the_account_current()
    {
        var inPlan = new Standing(AccountStatus.InArrangement, 0);
        AccountStanding.AfterPlan(inPlan, new PlanFacts(PlanMilestone.Completed, true, true, null, Day), new LedgerStanding(300_00), 0).ShouldBe(new Standing(AccountStatus.Settled, 0));
        AccountStanding.AfterPlan(inPlan, new PlanFacts(PlanMilestone.Completed, true, false, null, Day), new LedgerStanding(0), 0).ShouldBe(new Standing(AccountStatus.PaidInFull, 0));
        AccountStanding.AfterPlan(inPlan, new PlanFacts(PlanMilestone.Completed, true, false, null, Day), new LedgerStanding(12_00), 0).ShouldBe(new Standing(AccountStatus.Open, 0));
        AccountStanding.AfterPlan(new Standing(AccountStatus.PaidInFull, 0), new PlanFacts(PlanMilestone.Completed, true, false, null, Day), new LedgerStanding(0), 0).ShouldBe(new Standing(AccountStatus.PaidInFull, 0));
    }

    [Fact]
    public void An_account_that_owes_nothing_is_current_even_after_a_charge_off()
    {
        var terms = new AccountTerms(Currency.USD, ProductType.CreditCard, "First Card", new LocalDate(2026, 2, 1), new LocalDate(2026, 6, 3), 270, null, AccountStatus.Open);
        var account = new Account(CreditorId.New(), CustomerId.New(), "R-1", terms, Instant.FromUtc(2026, 10, 1, 0, 0));
        account.DelinquencyBucket.ShouldBe(DelinquencyBucket.ChargedOff);

        var changes = account.MoveTo(AccountStatus.InCredit, 270);

        changes.ShouldBe([new FieldChange("Status", "Open", "InCredit"), new FieldChange("DaysPastDue", "270", "0")]);
        account.DaysPastDue.ShouldBe(0);
        account.DelinquencyBucket.ShouldBe(DelinquencyBucket.Current);
        account.ChargeOffDate.ShouldBe(new LocalDate(2026, 2, 1));
        account.MoveTo(AccountStatus.InCredit, 0).ShouldBeEmpty();
        account.MoveTo(AccountStatus.Open, 270);
        account.DelinquencyBucket.ShouldBe(DelinquencyBucket.ChargedOff);
    }

    [Theory]
    [InlineData(AccountStatus.Open, 0, AccountStatus.PaidInFull, 0)]
    [InlineData(AccountStatus.InArrangement, 0, AccountStatus.PaidInFull, 0)]
    [InlineData(AccountStatus.Settled, 0, AccountStatus.Settled, 0)]
    [InlineData(AccountStatus.Open, 1, AccountStatus.Open, 90)]
    [InlineData(AccountStatus.PaidInFull, 1, AccountStatus.PaidInFull, 0)]
    public void A_placement_stating_nothing_owed_is_paid_in_full_and_not_past_due(AccountStatus placed, long balance, AccountStatus held, int daysPastDue)
    {
        var terms = new AccountTerms(Currency.USD, ProductType.CreditCard, "First Card", null, null, 90, null, placed).ForBalance(balance);
        terms.Status.ShouldBe(held);
        terms.DaysPastDue.ShouldBe(daysPastDue);
    }
}
