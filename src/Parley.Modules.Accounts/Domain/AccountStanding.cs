using NodaTime;

namespace Parley.Modules.Accounts.Domain;

/// <summary>What the ledger says about an account now: net of credit, negative when the customer paid beyond the debt.</summary>
public sealed record LedgerStanding(long OutstandingMinor);

/// <summary>Whether Parley has put the account on a plan: never, one active now, or only plans that have closed.</summary>
public enum PlanState
{
    None,
    Active,
    Closed,
}

/// <summary>A plan milestone as the account follows it.</summary>
public enum PlanMilestone
{
    Activated,
    Completed,
    Broken,
    Cancelled,
}

/// <summary>
/// A plan milestone with what the account needs from it: whether the plan was ever active, whether it settled for less
/// than the balance, the due date of its first missed instalment (after holds), and the day it happened.
/// </summary>
public sealed record PlanFacts(PlanMilestone Milestone, bool WasActive, bool Settlement, LocalDate? MissedSince, LocalDate On);

/// <summary>An account's status and days past due at some moment, as its change history recorded them.</summary>
public sealed record Standing(AccountStatus Status, int DaysPastDue);

/// <summary>
/// The one place an account's standing follows the ledger and Parley's plans (docs/accounts.md, "Account standing"):
/// <list type="bullet">
/// <item>Nothing owed (the ledger at or below zero): paid in full, or in credit (refund due) when the ledger holds more
/// than the debt; never past due, bucket current.</item>
/// <item>Owing again after Parley found it paid (a reversal, a chargeback): the standing it had before it was paid;
/// in an arrangement when a Parley plan is active.</item>
/// <item>A plan activated: in arrangement, days past due 0 (the plan, not the contract, says what is due now).</item>
/// <item>A plan broken (or cancelled once active): open, and the clock the plan stopped runs again: the days past
/// due before the plan plus the days since the first missed instalment fell due.</item>
/// <item>A plan completed: settled when it settled for less; otherwise paid in full or in credit when nothing is owed,
/// or open and not past due when interest or fees remain (every instalment was kept).</item>
/// </list>
/// Recalled and closed accounts belong to the creditor again and are left alone; a settled account is left alone by
/// the ledger (the forgiven remainder stays on the creditor's books). Null means "no change".
/// </summary>
public static class AccountStanding
{
    public static Standing? AfterLedger(Standing current, LedgerStanding ledger, Standing? beforePaid, PlanState plans)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(ledger);
        if (current.Status.LeftCollections() || current.Status == AccountStatus.Settled)
        {
            return null;
        }

        if (ledger.OutstandingMinor <= 0)
        {
            return new(ledger.OutstandingMinor < 0 ? AccountStatus.InCredit : AccountStatus.PaidInFull, 0);
        }

        if (!current.Status.OwesNothing())
        {
            return null;
        }

        var status = (plans, beforePaid?.Status) switch
        {
            (PlanState.Active, _) => AccountStatus.InArrangement,
            (PlanState.Closed, AccountStatus.InArrangement) => AccountStatus.Open,
            (_, AccountStatus before and (AccountStatus.Open or AccountStatus.InArrangement)) => before,
            _ => AccountStatus.Open,
        };
        return new(status, beforePaid?.DaysPastDue ?? 0);
    }

    public static Standing? AfterPlan(Standing current, PlanFacts plan, LedgerStanding? ledger, int daysPastDueBeforePlan)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(plan);
        if (current.Status.LeftCollections())
        {
            return null;
        }

        var behind = plan.MissedSince is { } missed ? Math.Max(0, Period.DaysBetween(missed, plan.On)) : 0;
        return plan.Milestone switch
        {
            PlanMilestone.Activated when current.Status is AccountStatus.Open or AccountStatus.InArrangement => new(AccountStatus.InArrangement, 0),
            PlanMilestone.Broken or PlanMilestone.Cancelled when plan.WasActive && current.Status == AccountStatus.InArrangement =>
                new(AccountStatus.Open, daysPastDueBeforePlan + behind),
            PlanMilestone.Completed when plan.Settlement && current.Status is not AccountStatus.InCredit => new(AccountStatus.Settled, 0),
            PlanMilestone.Completed when ledger is { OutstandingMinor: <= 0 } => new(ledger.OutstandingMinor < 0 ? AccountStatus.InCredit : AccountStatus.PaidInFull, 0),
            PlanMilestone.Completed when current.Status == AccountStatus.InArrangement => new(AccountStatus.Open, 0),
            _ => null,
        };
    }
}
