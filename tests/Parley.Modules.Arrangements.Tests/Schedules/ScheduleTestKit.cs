using NodaTime;
using Parley.Modules.Arrangements.Schedules;
using Parley.SharedKernel;

namespace Parley.Modules.Arrangements.Tests.Schedules;

internal static class ScheduleTestKit
{
    public static readonly LocalDate Today = new(2026, 11, 23);

    public static Money Gbp(decimal amount) => Money.Of(amount, Currency.GBP);

    /// <summary>A creditor with a £25 minimum instalment and settlement discounts from 0 % to 30 %.</summary>
    public static readonly PlanPolicy Policy = new(Gbp(25m), 0m, 30m);

    public static Schedule Build(decimal balance, PlanShape shape, LocalDate start, Frequency frequency = Frequency.Monthly, PlanPolicy? policy = null, LocalDate? today = null) =>
        ScheduleBuilder.Build(new PlanRequest(Gbp(balance), frequency, start, shape), policy ?? Policy, today ?? Today);

    public static decimal[] Amounts(Schedule schedule) => [.. schedule.Instalments.Select(i => i.Amount.Amount)];

    public static LocalDate[] Dates(Schedule schedule) => [.. schedule.Instalments.Select(i => i.Due)];
}
