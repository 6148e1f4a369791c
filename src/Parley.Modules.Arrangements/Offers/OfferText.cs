using System.Globalization;
using System.Text;
using Parley.Modules.Arrangements.Schedules;

namespace Parley.Modules.Arrangements.Offers;

/// <summary>An offer's terms in plain language, as the customer reads them.</summary>
public static class OfferText
{
    public static string Terms(Offer offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var text = new StringBuilder();
        var often = PlanInputText.Name(offer.Frequency) switch { "four-weekly" => "every four weeks", var f => f };
        switch (offer.Shape)
        {
            case null:
                text.Append(Invariant($"Nothing to pay until {Date(offer.EndDate)}, when we look at your income and spending again with you."));
                break;
            case PromiseToPay:
                text.Append(Invariant($"Pay {offer.Amount} on {Date(offer.Start)}."));
                if (offer.Amount < offer.Balance)
                {
                    text.Append(Invariant($" {offer.Balance - offer.Amount} will still be owed after it."));
                }

                break;
            case Settlement s:
                text.Append(offer.Instalments == 1
                    ? Invariant($"Pay {offer.TotalPaid} on {Date(offer.Start)}")
                    : Invariant($"Pay {offer.TotalPaid} in {offer.Instalments} payments {often} from {Date(offer.Start)}, the last on {Date(offer.EndDate)}"));
                text.Append(Invariant($" and the balance of {offer.Balance} is settled: {offer.WrittenOff} ({s.DiscountPercent}%) is written off."));
                break;
            case SteppedInstalments st:
                text.Append(Invariant($"Pay {offer.Amount} {often} from {Date(offer.Start)}; from {Date(offer.ReviewDate ?? offer.Start)}, after we review your income and spending with you, {st.Then}. "));
                AppendEnd(text, offer);
                break;
            case SeasonalInstalments se:
                text.Append(Invariant($"Pay {offer.Amount} {often} from {Date(offer.Start)}"));
                if (se.ReducedMonths.Count > 0)
                {
                    text.Append(Invariant($", {se.ReducedAmount} in {Months(se.ReducedMonths)}"));
                }

                if (se.SkippedMonths.Count > 0)
                {
                    text.Append(Invariant($", nothing in {Months(se.SkippedMonths)}"));
                }

                text.Append(". ");
                AppendEnd(text, offer);
                break;
            default:
                text.Append(Invariant($"Pay {offer.Amount} {often} from {Date(offer.Start)}. "));
                AppendEnd(text, offer);
                break;
        }

        text.Append(offer.InterestAndFeesFrozen
            ? " No interest or fees are added while you keep to it."
            : offer.Shape is PromiseToPay ? "" : " Interest and fees continue to be added as your agreement says.");
        if (offer.SignpostsDebtAdvice)
        {
            text.Append(" Free, independent debt advice is available: we can tell you how to get it.");
        }

        if (offer.RequiresApproval)
        {
            text.Append(" A supervisor must approve this offer first.");
        }

        return text.ToString();
    }

    private static void AppendEnd(StringBuilder text, Offer offer) =>
        text.Append(Invariant($"{offer.Instalments} payments, the last of {offer.LastAmount} on {Date(offer.EndDate)}: {offer.TotalPaid} in total."));

    private static string Date(NodaTime.LocalDate date) => date.ToString("d MMMM uuuu", CultureInfo.InvariantCulture);

    private static string Months(IReadOnlySet<int> months) =>
        string.Join(", ", months.Order().Select(m => CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(m)));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
