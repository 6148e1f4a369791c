namespace Parley.Modules.Accounts.Domain;

public static class DelinquencyBuckets
{
    public static DelinquencyBucket For(int daysPastDue, bool chargedOff) => (chargedOff, daysPastDue) switch
    {
        (true, _) => DelinquencyBucket.ChargedOff,
        (false, <= 0) => DelinquencyBucket.Current,
        (false, <= 30) => DelinquencyBucket.Dpd1To30,
        (false, <= 60) => DelinquencyBucket.Dpd31To60,
        (false, <= 90) => DelinquencyBucket.Dpd61To90,
        (false, <= 120) => DelinquencyBucket.Dpd91To120,
        (false, <= 180) => DelinquencyBucket.Dpd121To180,
        (false, _) => DelinquencyBucket.Dpd181Plus,
    };
}
