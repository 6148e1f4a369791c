using System.Globalization;
using Parley.SharedKernel;

namespace Parley.Modules.Accounts.Contracts;

/// <summary>A creditor's charges and plan length in the plain words the Creditors page and <c>parley creditors list</c> use.</summary>
public static class CreditorPolicyText
{
    public static string Interest(decimal annualPercent) =>
        annualPercent == 0m ? "No interest" : $"Interest {Number(annualPercent)} % a year";

    public static string Fee(decimal monthlyFee, string currency) =>
        monthlyFee == 0m ? "No monthly fee" : $"Fee {Amount(monthlyFee, currency)} a month";

    public static string Freeze(bool allowed) =>
        allowed ? "Interest and fees stop while a plan is kept" : "Interest and fees go on during a plan (stopping them needs approval)";

    public static string LongestPlan(int months) => $"Plans up to {months} month{(months == 1 ? "" : "s")}";

    /// <summary>An amount with its currency's decimals, e.g. <c>USD 5.00</c> or <c>JPY 500</c>.</summary>
    public static string Amount(decimal amount, string currency)
    {
        var decimals = Currency.TryFromCode(currency, out var known) ? known.MinorUnits : 2;
        return $"{currency} {amount.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)}";
    }

    private static string Number(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
