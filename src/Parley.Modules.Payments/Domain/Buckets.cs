using Parley.Modules.Payments.Contracts;

namespace Parley.Modules.Payments.Domain;

/// <summary>Amounts per bucket in minor units: balances, or an entry's signed deltas (positive = more owed, or more credit held).</summary>
public readonly record struct Buckets(long Principal, long Interest, long Fees, long Credit)
{
    public static Buckets Zero => default;

    public long Outstanding => checked(Principal + Interest + Fees - Credit);

    public bool AnyNegative => Principal < 0 || Interest < 0 || Fees < 0 || Credit < 0;

    public bool IsZero => this == default;

    public long Of(BalanceBucket bucket) => bucket switch
    {
        BalanceBucket.Principal => Principal,
        BalanceBucket.Interest => Interest,
        BalanceBucket.Fees => Fees,
    };

    public Buckets With(BalanceBucket bucket, long value) => bucket switch
    {
        BalanceBucket.Principal => this with { Principal = value },
        BalanceBucket.Interest => this with { Interest = value },
        BalanceBucket.Fees => this with { Fees = value },
    };

    public static Buckets operator +(Buckets a, Buckets b) =>
        new(checked(a.Principal + b.Principal), checked(a.Interest + b.Interest), checked(a.Fees + b.Fees), checked(a.Credit + b.Credit));

    public static Buckets operator -(Buckets a) => new(checked(-a.Principal), checked(-a.Interest), checked(-a.Fees), checked(-a.Credit));

    public static Buckets operator -(Buckets a, Buckets b) => a + -b;
}
