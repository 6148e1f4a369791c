using System.Globalization;

namespace Parley.Modules.Decisioning.Features;

/// <summary>What the feature pipeline knows about an account besides its statements (amounts in the account's minor units).</summary>
public sealed record AccountFacts(long CreditLimitMinor, int CurrencyMinorUnits)
{
    public decimal CreditLimit => CreditLimitMinor / (decimal)Math.Pow(10, CurrencyMinorUnits);
}

/// <summary>
/// One monthly statement as the feature code reads it (amounts in the account's minor units): Decisioning's own input,
/// filled from a UCI row or from an account's statements read through the Accounts module's contract.
/// </summary>
public readonly record struct StatementMonth(long AmountDueMinor, long AmountPaidMinor, int DaysPastDue);

/// <summary>
/// A model input with a stable reason code and a plain-language template (<c>{0}</c> is the formatted value), and the
/// words for a value that formats as zero ("paid nothing of the last settled bill", not "paid 0% of …").
/// </summary>
public sealed record FeatureDefinition(string ReasonCode, string Name, string Template, string Format, string WhenZero)
{
    public string Explain(float value)
    {
        var text = value.ToString(Format, CultureInfo.InvariantCulture);
        if (text.TrimStart('+', '-') is "0" or "0%")
        {
            return WhenZero;
        }

        // "1 months behind" reads wrong: one month is singular.
        var template = text.TrimStart('+', '-') == "1" ? Template.Replace("{0} months", "{0} month", StringComparison.Ordinal) : Template;
        return string.Format(CultureInfo.InvariantCulture, template, text);
    }
}

/// <summary>
/// The one feature code path for training (UCI rows mapped into statements) and live accounts alike. All features but
/// the credit limit (EW19) are ratios or counts, so they read the same in any currency; the limit is in the training
/// currency's major units. The latest statement's payment is not yet due, so payment behaviour is read from the
/// statements before it ("settled" statements).
/// </summary>
public static class EarlyWarningFeatures
{
    public const string FeatureSetVersion = "early-warning-features/1";

    /// <summary>The vector length ML.NET's schema is declared with; equals <see cref="Definitions"/>' count.</summary>
    public const int FeatureCount = 19;

    /// <summary>The monthly statements the model learned from (UCI's six): a longer history is cut to its latest six.</summary>
    public const int StatementMonths = 6;

    private const float DaysPerMonth = 30f;

    /// <summary>A paid/billed ratio above this adds nothing but noise.</summary>
    private const float RatioCap = 2f;

    public static readonly IReadOnlyList<FeatureDefinition> Definitions =
    [
        new("EW01", "months_behind_latest", "{0} months behind on the latest statement", "0", "current on the latest statement"),
        new("EW02", "worst_months_behind", "as much as {0} months behind in the last six statements", "0", "never behind in the last six statements"),
        new("EW03", "months_behind_change_3", "arrears changed by {0} months over three statements", "+0;-0;0", "arrears unchanged over three statements"),
        new("EW04", "months_in_arrears", "in arrears on {0} of the last six statements", "0", "in arrears on none of the last six statements"),
        new("EW05", "utilisation_latest", "latest balance is {0} of the credit limit", "0%", "nothing owed on the latest statement"),
        new("EW06", "utilisation_mean", "balance averaged {0} of the credit limit", "0%", "no balance on average over the statements"),
        new("EW07", "paid_ratio_1", "paid {0} of the last settled bill", "0%", "paid nothing of the last settled bill"),
        new("EW08", "paid_ratio_3", "paid {0} of the bills over the last three settled months", "0%", "paid nothing of the bills over the last three settled months"),
        new("EW09", "paid_ratio_all", "paid {0} of the bills over all settled months", "0%", "paid nothing of the bills over all settled months"),
        new("EW10", "months_paid_under_10pct", "paid under 10 % of the bill in {0} months", "0", "never paid under 10 % of the bill"),
        new("EW11", "months_running_under_10pct", "paid under 10 % of the bill {0} months running", "0", "paid at least 10 % of the last settled bill"),
        new("EW12", "balance_trend", "balance moved by {0} of the credit limit over the history", "+0%;-0%;0%", "balance unchanged over the history"),
        new("EW13", "balance_change_latest", "latest balance moved by {0} of the credit limit", "+0%;-0%;0%", "latest balance unchanged"),
        new("EW14", "payment_to_limit_1", "last payment was {0} of the credit limit", "0%", "no payment towards the last settled bill"),
        new("EW15", "months_without_bill", "{0} of the last six statements had nothing to pay", "0", "every one of the last six statements had something to pay"),
        new("EW16", "months_behind_previous", "{0} months behind on the statement before the latest", "0", "current on the statement before the latest"),
        new("EW17", "months_paid_in_full", "paid the bill in full in {0} months", "0", "never paid a bill in full"),
        new("EW18", "utilisation_max", "balance reached {0} of the credit limit", "0%", "no balance in the last six statements"),
        new("EW19", "credit_limit", "credit limit of {0}", "#,0", "no credit limit on record"),
    ];

    public static FeatureSet Set { get; } = new(FeatureSetVersion, Definitions);

    public static float[] Compute(AccountFacts facts, ReadOnlySpan<StatementMonth> months)
    {
        var features = new float[FeatureCount];
        Compute(facts, months, features);
        return features;
    }

    /// <summary>The features of an account with <paramref name="months"/> oldest first.</summary>
    public static void Compute(AccountFacts facts, ReadOnlySpan<StatementMonth> months, Span<float> features)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (features.Length != FeatureCount)
        {
            throw new ArgumentException($"Expected a span of {FeatureCount} features.", nameof(features));
        }

        var n = months.Length;
        var maxDue = n > 0 ? long.MinValue : 0;
        var worstDays = 0;
        var inArrears = 0;
        var withoutBill = 0;
        foreach (var m in months)
        {
            maxDue = Math.Max(maxDue, m.AmountDueMinor);
            worstDays = Math.Max(worstDays, m.DaysPastDue);
            inArrears += m.DaysPastDue > 0 ? 1 : 0;
            withoutBill += m.AmountDueMinor <= 0 ? 1 : 0;
        }

        // No limit (a loan, a charged-off card) → express balances against the largest bill seen instead.
        var scale = facts.CreditLimitMinor > 0 ? facts.CreditLimitMinor : Math.Max(1, maxDue);
        double utilisationSum = 0;
        foreach (var m in months)
        {
            utilisationSum += (double)m.AmountDueMinor / scale;
        }

        var latest = n > 0 ? MonthsBehind(months[n - 1]) : 0f;
        features[0] = latest;
        features[1] = n > 0 ? Math.Max(0f, worstDays / DaysPerMonth) : 0f;
        features[2] = n > 3 ? latest - MonthsBehind(months[n - 4]) : 0f;
        features[3] = inArrears;
        features[4] = n > 0 ? Of(months[n - 1].AmountDueMinor, scale) : 0f;
        features[5] = n > 0 ? (float)(utilisationSum / n) : 0f;

        var settled = Math.Max(0, n - 1);
        features[6] = PaidRatio(months, settled - 1, 1);
        features[7] = PaidRatio(months, settled - 1, 3);
        features[8] = PaidRatio(months, settled - 1, settled);

        var under = 0;
        var inFull = 0;
        var running = 0;
        var streakOpen = true;
        for (var i = settled - 1; i >= 0; i--)
        {
            var m = months[i];
            var isUnder = m.AmountDueMinor > 0 && m.AmountPaidMinor * 10 < m.AmountDueMinor;
            under += isUnder ? 1 : 0;
            inFull += m.AmountDueMinor > 0 && m.AmountPaidMinor >= m.AmountDueMinor ? 1 : 0;
            streakOpen &= isUnder;
            running += streakOpen ? 1 : 0;
        }

        features[9] = under;
        features[10] = running;
        features[11] = n > 1 ? Of(months[n - 1].AmountDueMinor - months[0].AmountDueMinor, scale) : 0f;
        features[12] = n > 1 ? Of(months[n - 1].AmountDueMinor - months[n - 2].AmountDueMinor, scale) : 0f;
        features[13] = settled > 0 ? Of(months[settled - 1].AmountPaidMinor, scale) : 0f;
        features[14] = withoutBill;
        features[15] = n > 1 ? MonthsBehind(months[n - 2]) : 0f;
        features[16] = inFull;
        features[17] = n > 0 ? Of(maxDue, scale) : 0f;
        features[18] = (float)facts.CreditLimit;
    }

    private static float MonthsBehind(StatementMonth month) => month.DaysPastDue / DaysPerMonth;

    private static float Of(long amount, long scale) => (float)((double)amount / scale);

    /// <summary>Paid over billed for <paramref name="count"/> statements ending at <paramref name="last"/>; nothing billed reads as fully paid.</summary>
    private static float PaidRatio(ReadOnlySpan<StatementMonth> months, int last, int count)
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
