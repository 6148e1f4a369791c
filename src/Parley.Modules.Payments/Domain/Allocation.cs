using Parley.Modules.Payments.Contracts;

namespace Parley.Modules.Payments.Domain;

/// <summary>Pure allocation rules shared by the ledger and the placement paths.</summary>
public static class Allocation
{
    /// <summary>
    /// The deltas a payment of <paramref name="amountMinor"/> posts: each bucket in waterfall order is paid down to
    /// no lower than zero, and whatever is left becomes credit so an overpayment is never lost.
    /// </summary>
    public static Buckets Payment(Buckets balance, AllocationWaterfall waterfall, long amountMinor)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amountMinor);
        var remaining = amountMinor;
        var deltas = Buckets.Zero;
        foreach (var bucket in waterfall.Order)
        {
            var paid = Math.Min(remaining, Math.Max(balance.Of(bucket), 0));
            deltas = deltas.With(bucket, -paid);
            remaining -= paid;
        }

        return deltas with { Credit = remaining };
    }

    /// <summary>
    /// The deltas a creditor's restatement posts: each bucket moves by the change in stated figures, and a reduction
    /// below zero (the creditor restating after payments Parley took) is held as credit rather than lost.
    /// </summary>
    public static Buckets Restatement(Buckets balance, Buckets statedChange)
    {
        var principal = Spill(balance.Principal, statedChange.Principal, out var principalSpill);
        var interest = Spill(balance.Interest, statedChange.Interest, out var interestSpill);
        var fees = Spill(balance.Fees, statedChange.Fees, out var feesSpill);
        return new(principal, interest, fees, checked(principalSpill + interestSpill + feesSpill));
    }

    private static long Spill(long current, long change, out long spill)
    {
        var next = checked(current + change);
        spill = next < 0 ? -next : 0;
        return next < 0 ? -current : change;
    }
}
