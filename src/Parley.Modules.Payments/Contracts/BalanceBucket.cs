namespace Parley.Modules.Payments.Contracts;

/// <summary>The buckets a debt's balance is held in.</summary>
public enum BalanceBucket
{
    Principal,
    Interest,
    Fees,
}
