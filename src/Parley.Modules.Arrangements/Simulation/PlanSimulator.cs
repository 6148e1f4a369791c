using System.Globalization;
using NodaTime;
using Parley.Modules.Arrangements.Schedules;
using Parley.SharedKernel;

namespace Parley.Modules.Arrangements.Simulation;

/// <summary>
/// What to simulate: a plan, the creditor's bounds, the default path's annual interest rate and monthly fee, and the
/// customer's bank holidays (weekends only when no customer is known).
/// </summary>
public sealed record SimulationRequest(PlanRequest Plan, PlanPolicy Policy, decimal AnnualRatePercent, Money MonthlyFee, BankHolidayCalendar Holidays = BankHolidayCalendar.WeekendsOnly);

/// <summary>
/// Where a plan takes the customer: its exact schedule, end date, milestones and what it saves against the default
/// path. The default path is kept simple on purpose: with no arrangement the balance stays unpaid and accrues simple
/// interest at the annual rate (day count actual/365) and the monthly fee for each whole month, from the start to the
/// plan's end date; an arrangement kept freezes both, so they are what it saves. Amounts round half away from zero.
/// </summary>
public static class PlanSimulator
{
    public static readonly IReadOnlyList<int> MilestonePercents = [25, 50, 75, 100];

    public const decimal MaxAnnualRatePercent = 100m;

    public static SimulationResult Simulate(SimulationRequest request, LocalDate today)
    {
        var currency = request.Plan.Balance.Currency;
        if (request.AnnualRatePercent is < 0m or > MaxAnnualRatePercent)
        {
            throw new DomainException(new InvalidPlanParameter("rate", string.Create(CultureInfo.InvariantCulture, $"an annual interest rate is a percentage from 0 to {MaxAnnualRatePercent}")));
        }

        if (request.MonthlyFee.Currency != currency)
        {
            throw new DomainException(new PlanCurrencyMismatch("fee", currency, request.MonthlyFee.Currency));
        }

        if (request.MonthlyFee.IsNegative || request.MonthlyFee > request.Plan.Balance)
        {
            throw new DomainException(new InvalidPlanParameter("fee", $"a monthly fee of {request.MonthlyFee} is not plausible for a balance of {request.Plan.Balance}"));
        }

        var schedule = ScheduleBuilder.Build(request.Plan, request.Policy, today).InCalendar(request.Holidays);
        var start = request.Plan.Start;
        var days = Period.Between(start, schedule.EndDate, PeriodUnits.Days).Days;
        var months = Period.Between(start, schedule.EndDate, PeriodUnits.Months).Months;
        var interest = Money.Round(schedule.Balance.Amount * request.AnnualRatePercent / 100m * days / 365m, currency, MidpointRounding.AwayFromZero);
        var fees = Money.FromMinorUnits(checked(request.MonthlyFee.ToMinorUnits() * months), currency);

        return new SimulationResult(
            currency.Code,
            Scaled(schedule.Balance),
            PlanShapes.ToSpec(request.Plan.Shape),
            request.Plan.Frequency,
            start,
            Scaled(schedule.Settles),
            Scaled(schedule.WrittenOff),
            schedule.Instalments.Count,
            schedule.EndDate,
            Scaled(schedule.TotalPaid),
            Scaled(interest),
            Scaled(fees),
            new DefaultPath(request.AnnualRatePercent, Scaled(request.MonthlyFee), days, months, Scaled(interest), Scaled(fees)),
            Milestones(schedule),
            [.. schedule.Instalments.Select(i => new SimulatedInstalment(i.Number, i.Due, Scaled(i.Amount), Scaled(i.BalanceAfter)))]);
    }

    /// <summary>The amount with exactly the currency's decimals (1000 GBP as 1000.00), so JSON shows every amount alike.</summary>
    public static decimal Scaled(Money money)
    {
        var minor = Math.Abs(money.ToMinorUnits());
        return new decimal(unchecked((int)minor), unchecked((int)(minor >> 32)), 0, money.IsNegative, (byte)money.Currency.MinorUnits);
    }

    /// <summary>For each percentage, the first instalment after which at least that share of the settled amount is paid.</summary>
    public static IReadOnlyList<Milestone> Milestones(Schedule schedule)
    {
        var settles = schedule.Settles.ToMinorUnits();
        var milestones = new List<Milestone>();
        long paid = 0;
        var next = 0;
        foreach (var instalment in schedule.Instalments)
        {
            paid += instalment.Amount.ToMinorUnits();

            // paid / settles ≥ p / 100, in whole numbers so no rounding decides a milestone.
            while (next < MilestonePercents.Count && paid * 100 >= settles * MilestonePercents[next])
            {
                milestones.Add(new Milestone(MilestonePercents[next], instalment.Due, instalment.Number));
                next++;
            }
        }

        return milestones;
    }
}
