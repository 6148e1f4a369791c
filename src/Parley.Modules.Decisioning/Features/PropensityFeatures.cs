using NodaTime;
using Parley.Modules.Decisioning.Propensity;

namespace Parley.Modules.Decisioning.Features;

/// <summary>
/// The one feature code path of the propensity-to-pay model, for training rows (the demo's simulated outcomes) and
/// live accounts alike: recent payments, arrears, balance, age of the debt, holds and contactability. The balance (PP05)
/// is in the account currency's major units; everything else is a count, a ratio or a number of days.
/// </summary>
public static class PropensityFeatures
{
    public const string FeatureSetVersion = "propensity-features/1";

    /// <summary>Days since the last payment are capped here; no payment on record reads the same.</summary>
    public const int DaysSinceCap = 365;

    private const float DaysPerMonth = 30f;

    private const float RatioCap = 2f;

    public static readonly IReadOnlyList<FeatureDefinition> Definitions =
    [
        new("PP01", "days_past_due", "{0} days past due", "0", "not past due"),
        new("PP02", "days_since_last_payment", "no payment in the last {0} days", "0", "paid today"),
        new("PP03", "payments_90d", "{0} payments in the last 90 days", "0", "no payment in the last 90 days"),
        new("PP04", "paid_90d_to_balance", "paid {0} of the balance in the last 90 days", "0%", "paid nothing in the last 90 days"),
        new("PP05", "balance", "a balance of {0}", "#,0", "nothing owed"),
        new("PP06", "balance_to_largest_bill", "the balance is {0} times the largest bill", "0.0", "nothing owed"),
        new("PP07", "days_since_charge_off", "charged off {0} days ago", "0", "not charged off"),
        new("PP08", "debt_age_months", "first statement {0} months ago", "0", "first statement this month"),
        new("PP09", "active_holds", "{0} holds pausing collection", "0", "no hold on collection"),
        new("PP10", "consented_channels", "{0} ways to contact with consent", "0", "no way to contact with consent"),
        new("PP11", "paid_ratio_last", "paid {0} of the last settled bill", "0%", "paid nothing of the last settled bill"),
        new("PP12", "paid_ratio_3", "paid {0} of the bills over the last three settled months", "0%", "paid nothing of the bills over the last three settled months"),
        new("PP13", "months_paid_something", "paid something in {0} of the settled months", "0", "paid nothing in any settled month"),
        new("PP14", "arrears_change_3", "arrears changed by {0} months over three statements", "+0;-0;0", "arrears unchanged over three statements"),
    ];

    public static FeatureSet Set { get; } = new(FeatureSetVersion, Definitions);

    public static float[] Compute(PropensityFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var features = new float[Definitions.Count];
        var months = facts.Statements.Count > PropensityFacts.StatementsKept
            ? facts.Statements.Skip(facts.Statements.Count - PropensityFacts.StatementsKept).ToArray()
            : facts.Statements;
        var n = months.Count;
        var scale = Math.Pow(10, facts.MinorUnits);
        var maxDue = 0L;
        foreach (var m in months)
        {
            maxDue = Math.Max(maxDue, m.AmountDueMinor);
        }

        var balance = Math.Max(0, facts.BalanceMinor);
        features[0] = Math.Max(0, facts.DaysPastDue);
        features[1] = facts.LastPaymentDate is { } last ? Math.Clamp(Period.DaysBetween(last, facts.AsOf), 0, DaysSinceCap) : DaysSinceCap;
        features[2] = facts.Payments90Days;
        features[3] = balance > 0 ? Math.Min(RatioCap, (float)((double)facts.Paid90DaysMinor / balance)) : RatioCap;
        features[4] = (float)(balance / scale);
        features[5] = maxDue > 0 ? (float)((double)balance / maxDue) : 0f;
        features[6] = facts.ChargeOffDate is { } chargedOff ? Math.Max(0, Period.DaysBetween(chargedOff, facts.AsOf)) : 0;
        features[7] = facts.FirstStatementDate is { } first ? Math.Max(0, MonthsBetween(first, facts.AsOf)) : 0;
        features[8] = facts.ActiveHolds;
        features[9] = facts.ConsentedChannels;

        // The latest statement's payment is not yet due: payment behaviour is read from the settled ones before it.
        var settled = Math.Max(0, n - 1);
        features[10] = PaidRatio(months, settled - 1, 1);
        features[11] = PaidRatio(months, settled - 1, 3);
        var paidSomething = 0;
        for (var i = 0; i < settled; i++)
        {
            paidSomething += months[i].AmountPaidMinor > 0 ? 1 : 0;
        }

        features[12] = paidSomething;
        features[13] = n > 3 ? (months[n - 1].DaysPastDue - months[n - 4].DaysPastDue) / DaysPerMonth : 0f;
        return features;
    }

    private static int MonthsBetween(LocalDate from, LocalDate to) => ((to.Year - from.Year) * 12) + to.Month - from.Month;

    private static float PaidRatio(IReadOnlyList<StatementMonth> months, int last, int count)
    {
        long billed = 0;
        long paid = 0;
        for (var i = last; i > last - count && i >= 0; i--)
        {
            billed += Math.Max(0, months[i].AmountDueMinor);
            paid += months[i].AmountPaidMinor;
        }

        return billed <= 0 ? 1f : Math.Min(RatioCap, (float)((double)paid / billed));
    }
}
