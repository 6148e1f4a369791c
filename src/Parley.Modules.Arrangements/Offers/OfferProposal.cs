using System.Globalization;
using Parley.Modules.Arrangements.Schedules;
using Parley.Modules.Arrangements.Simulation;
using Parley.SharedKernel;

namespace Parley.Modules.Arrangements.Offers;

/// <summary>
/// Writes a plan shape back in the words <see cref="PlanText"/> reads (<c>step:steps=6x25.00</c> with the amount apart),
/// so an offer can be proposed or simulated exactly as it was made.
/// </summary>
public static class OfferProposal
{
    /// <summary>The request that proposes <paramref name="offer"/> on <paramref name="account"/>; null for a pause with nothing due (no schedule to agree).</summary>
    public static ProposeArrangementRequest? For(AccountId account, Offer offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        return offer.Shape is { } shape
            ? new ProposeArrangementRequest(account, ShapeText(shape), PlanText.Name(offer.Frequency), Amount(shape), offer.Start.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture))
            : null;
    }

    /// <summary>The shape with its settings, e.g. <c>seasonal:reduce=12,1;reduced-amount=25.00</c>; the instalment goes in <see cref="Amount"/>.</summary>
    public static string ShapeText(PlanShape shape) => shape switch
    {
        FixedInstalments => "fixed",
        SteppedInstalments s => "step:steps=" + string.Join(',', s.Steps.Select(x => string.Create(CultureInfo.InvariantCulture, $"{x.Periods}x{Text(x.Amount)}"))),
        SeasonalInstalments s => Settings("seasonal", ("skip", Months(s.SkippedMonths)), ("reduce", Months(s.ReducedMonths)), ("reduced-amount", s.ReducedMonths.Count > 0 ? Text(s.ReducedAmount) : null)),
        IncomeShare s => Settings("income", ("percent", Text(s.Percent)), ("floor", Text(s.Floor)), ("cap", Text(s.Cap)), ("incomes", string.Join(',', s.DeclaredIncomes.Select(Text)))),
        Settlement s => Settings("settlement", ("discount", Text(s.DiscountPercent)), ("instalments", s.Instalments.ToString(CultureInfo.InvariantCulture))),
        PromiseToPay => "promise",
        PaymentHoliday h => Settings("holiday", ("periods", h.Periods.ToString(CultureInfo.InvariantCulture))),
        _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, "not a plan shape"),
    };

    /// <summary>The <c>amount</c> parameter the shape takes, in major units; null for shapes that size their own instalments.</summary>
    public static decimal? Amount(PlanShape shape) => shape switch
    {
        FixedInstalments f => PlanSimulator.Scaled(f.Instalment),
        SteppedInstalments s => PlanSimulator.Scaled(s.Then),
        SeasonalInstalments s => PlanSimulator.Scaled(s.Instalment),
        PromiseToPay p => PlanSimulator.Scaled(p.Amount),
        PaymentHoliday h => PlanSimulator.Scaled(h.Instalment),
        _ => null,
    };

    private static string Text(Money money) => PlanSimulator.Scaled(money).ToString(CultureInfo.InvariantCulture);

    private static string Text(decimal percent) => percent.ToString(CultureInfo.InvariantCulture);

    private static string? Months(IReadOnlySet<int> months) =>
        months.Count == 0 ? null : string.Join(',', months.Order().Select(m => m.ToString(CultureInfo.InvariantCulture)));

    private static string Settings(string name, params (string Key, string? Value)[] settings)
    {
        var given = settings.Where(s => s.Value is not null).Select(s => $"{s.Key}={s.Value}").ToList();
        return given.Count == 0 ? name : name + ":" + string.Join(';', given);
    }
}
