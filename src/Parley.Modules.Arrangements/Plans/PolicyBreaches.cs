using System.Globalization;
using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Arrangements.Schedules;
using Parley.SharedKernel;

namespace Parley.Modules.Arrangements.Plans;

/// <summary>
/// Every way a proposed plan is outside the creditor's policy, not just the first: each of the schedule's bounds (minimum
/// instalment, settlement discount) is checked with the other relaxed, then the plan's length, the freeze it asks for
/// and its instalments against what the customer can afford. The plan is built without the bounds it breaks, as a
/// supervisor would approve it.
/// </summary>
public static class PolicyBreaches
{
    /// <summary>The plan's schedule (without the bounds it breaks) and the schedule bounds it breaks.</summary>
    public static (Schedule Schedule, List<PolicyBreach> Breaches) Build(PlanRequest request, PlanPolicy creditor, LocalDate today)
    {
        try
        {
            return (ScheduleBuilder.Build(request, creditor, today), []);
        }
        catch (DomainException ex) when (ex.Error is InstalmentBelowMinimum or SettlementDiscountOutsidePolicy)
        {
            // Outside policy is a supervisor's decision, not a refusal: find each bound broken, then build without them.
        }

        var breaches = new List<PolicyBreach>();
        var unbounded = PlanPolicy.Unbounded(request.Balance.Currency);
        if (Breaks<InstalmentBelowMinimum>(request, creditor with { SettlementDiscountMinPercent = 0m, SettlementDiscountMaxPercent = 100m }, today) is { } below)
        {
            breaches.Add(new PolicyBreach(PolicyBreach.BelowMinimum, below.Problem));
        }

        if (Breaks<SettlementDiscountOutsidePolicy>(request, creditor with { MinimumInstalment = unbounded.MinimumInstalment }, today) is { } discount)
        {
            breaches.Add(new PolicyBreach(PolicyBreach.DiscountOutsideBounds, discount.Problem));
        }

        return (ScheduleBuilder.Build(request, unbounded, today), breaches);
    }

    /// <summary>The plan's last instalment falls due on or after the creditor's longest plan from its start.</summary>
    public static PolicyBreach? Length(Schedule schedule, int maxPlanMonths)
    {
        if (schedule.Instalments.Count == 0 || schedule.EndDate < schedule.Request.Start.PlusMonths(maxPlanMonths))
        {
            return null;
        }

        var months = Period.Between(schedule.Request.Start, schedule.EndDate, PeriodUnits.Months).Months + 1;
        return new PolicyBreach(PolicyBreach.LongerThanPolicy, string.Create(CultureInfo.InvariantCulture,
            $"the plan runs {months} months (to {schedule.EndDate:uuuu-MM-dd}), longer than the creditor's longest plan of {maxPlanMonths} months"));
    }

    /// <summary>Every breach of a plan proposed on an account with <paramref name="policy"/>; the schedule bounds come from <see cref="Build"/>.</summary>
    public static List<PolicyBreach> All(List<PolicyBreach> scheduleBreaches, Schedule schedule, AccountArrangementPolicy policy, bool freeze, long? affordablePerPeriod, bool chosenAboveAffordable)
    {
        var breaches = new List<PolicyBreach>(scheduleBreaches);
        if (Length(schedule, policy.MaxPlanMonths) is { } length)
        {
            breaches.Add(length);
        }

        if (freeze && !policy.FreezeAllowed)
        {
            breaches.Add(new PolicyBreach(PolicyBreach.FreezeNotAllowed, "the creditor's policy does not allow freezing interest and fees"));
        }

        // Above the affordable share is never refused: with the customer's recorded choice it is flagged, without it a supervisor decides.
        var currency = schedule.Balance.Currency;
        var largest = schedule.Instalments.Count == 0 ? 0 : schedule.Instalments.Max(i => i.Amount.ToMinorUnits());
        if (affordablePerPeriod is { } perPeriod && largest > perPeriod && !chosenAboveAffordable)
        {
            breaches.Add(new PolicyBreach(PolicyBreach.AboveAffordable,
                $"instalments up to {Money.FromMinorUnits(largest, currency)} are above the affordable {Money.FromMinorUnits(perPeriod, currency)} and the customer has not chosen to pay more (UK-CONC-NO-PRESSURE)"));
        }

        return breaches;
    }

    private static T? Breaks<T>(PlanRequest request, PlanPolicy policy, LocalDate today)
        where T : PlanError
    {
        try
        {
            ScheduleBuilder.Build(request, policy, today);
            return null;
        }
        catch (DomainException ex) when (ex.Error is T error)
        {
            return error;
        }
    }
}
