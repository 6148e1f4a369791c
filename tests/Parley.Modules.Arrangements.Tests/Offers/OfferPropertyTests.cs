using CsCheck;
using NodaTime;
using Parley.Modules.Arrangements.Offers;
using Parley.Modules.Arrangements.Schedules;
using Parley.Modules.Decisioning.Contracts;
using Parley.SharedKernel;
using Shouldly;

namespace Parley.Modules.Arrangements.Tests.Offers;

/// <summary>For any balance, terms, affordability, segment, preference and history: the engine's promises hold.</summary>
public sealed class OfferPropertyTests
{
    private static readonly Gen<List<MonthlyPayment>?> Histories =
        Gen.Int[0, 3].Select(Gen.Int[1, 12].HashSet[0, 3], Gen.Int[0, 150]).Select(t => t.Item1 == 0 ? null : Enumerable.Range(0, 12 * t.Item1)
            .Select(i => new YearMonth(2024, 1).PlusMonths(i))
            .Select(m => new MonthlyPayment(m, Money.Of(t.Item2.Contains(m.Month) ? t.Item3 / 10m : 150m, Currency.GBP)))
            .ToList());

    internal static readonly Gen<OfferRequest> Requests =
        from balance in Gen.Long[1, 2_000_000]
        from minimum in Gen.Long[1, 5_000]
        from bounds in Gen.Int[0, 40].Select(Gen.Int[0, 40])
        from share in Gen.Long[-10_000, 500_000].Nullable()
        from segment in Gen.Enum<Segment>().Nullable()
        from frequency in Gen.Enum<Frequency>().Nullable()
        from chosen in Gen.Long[1, 300_000].Nullable()
        from discount in Gen.Int[0, 60].Nullable()
        from freeze in Gen.Bool
        from months in Gen.Int[1, 120]
        from history in Histories
        from holidays in Gen.Enum<BankHolidayCalendar>()
        let gbp = Currency.GBP
        select new OfferRequest(
            Money.FromMinorUnits(balance, gbp),
            new OfferTerms(Money.FromMinorUnits(minimum, gbp), Math.Min(bounds.Item1, bounds.Item2), Math.Max(bounds.Item1, bounds.Item2), 20m, Money.Of(5m, gbp), freeze, months),
            share is { } s ? OfferEngineTests.Assessment(s / 100m, gbp) : null,
            segment,
            OfferEngineTests.Today,
            new CustomerPreference(chosen is { } c ? Money.FromMinorUnits(c, gbp) : null, frequency, discount),
            history,
            holidays);

    [Fact]
    public void Offers_never_ask_more_than_is_affordable_unless_chosen_and_their_schedules_sum_exactly() =>
        Requests.Sample(request =>
        {
            var offers = OfferEngine.Offers(request);
            offers.Count.ShouldBeInRange(1, OfferEngine.MaxOffers);
            foreach (var offer in offers)
            {
                if (offer.Schedule(request.Terms, request.Today) is not { } schedule)
                {
                    offer.Instalments.ShouldBe(0);
                    offer.TotalPaid.IsZero.ShouldBeTrue();
                    continue;
                }

                // The summary is the schedule's: exact sums, counts, last amount and end date.
                schedule.Instalments.Sum(i => i.Amount.ToMinorUnits()).ShouldBe(offer.TotalPaid.ToMinorUnits());
                schedule.Instalments.Count.ShouldBe(offer.Instalments);
                schedule.Instalments[^1].Amount.ShouldBe(offer.LastAmount);
                schedule.EndDate.ShouldBe(offer.EndDate);

                // Never above this creditor's share of disposable income unless chosen (a step-up steps only after a review).
                if (!offer.ChosenByCustomer && offer.Affordable is { } affordable)
                {
                    schedule.Instalments.Where(i => offer.ReviewDate is not { } review || i.Due < review).ShouldAllBe(i => i.Amount <= affordable);
                }

                // Settlements inside the bounds, or flagged.
                if (offer.Shape is Settlement s && (s.DiscountPercent < request.Terms.SettlementDiscountMinPercent || s.DiscountPercent > request.Terms.SettlementDiscountMaxPercent))
                {
                    offer.RequiresApproval.ShouldBeTrue();
                }

                // Below the minimum, or longer than the longest plan: flagged, never clipped.
                var perYear = PaymentCalendar.PeriodsPerYear(offer.Frequency);
                if (offer.Instalments > request.Terms.MaxPlanMonths * perYear / 12 && offer.Shape is not PromiseToPay)
                {
                    offer.RequiresApproval.ShouldBeTrue();
                }

                if (schedule.Instalments.SkipLast(1).Any(i => i.Amount < Money.Min(request.Terms.MinimumInstalment, request.Balance)))
                {
                    offer.RequiresApproval.ShouldBeTrue();
                }
            }

            // Offers within policy come before those that need approval.
            offers.SkipWhile(o => !o.RequiresApproval).ShouldAllBe(o => o.RequiresApproval);
        });
}
