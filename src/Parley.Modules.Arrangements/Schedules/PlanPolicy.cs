using Parley.SharedKernel;

namespace Parley.Modules.Arrangements.Schedules;

/// <summary>The creditor's bounds a plan must respect: the smallest instalment and the settlement discount range.</summary>
public sealed record PlanPolicy(Money MinimumInstalment, decimal SettlementDiscountMinPercent, decimal SettlementDiscountMaxPercent)
{
    /// <summary>No minimum and no settlement discount: what the simulator assumes when no creditor is named.</summary>
    public static PlanPolicy Unbounded(Currency currency) => new(Money.FromMinorUnits(1, currency), 0m, 100m);
}

/// <summary>What a plan is asked to do: repay <see cref="Balance"/> from <see cref="Start"/> at a frequency, in a shape.</summary>
public sealed record PlanRequest(Money Balance, Frequency Frequency, NodaTime.LocalDate Start, PlanShape Shape);
