using NodaTime;
using Parley.Modules.Arrangements.Schedules;
using Parley.SharedKernel;

namespace Parley.Modules.Arrangements.Offers;

/// <summary>
/// Makes a short ranked list (at most <see cref="MaxOffers"/>) of offers for one account: pure and allocation-light
/// (amounts in minor units, instalment counts and end dates by arithmetic; schedules and wording only on demand).
/// The affordable amount is this creditor's pro-rata share of disposable income, per period (monthly × 12 ÷ periods a
/// year, rounded down); no offer asks for more unless the customer chose it. Offers outside the creditor's policy carry an
/// approval reason. Affordable offers come first. The customer's segment (<see cref="OfferSegmentRules"/>) chooses which
/// offers are made and their order within that, never their size against affordability or policy. See docs/arrangements.md, "Offers".
/// </summary>
public static class OfferEngine
{
    public const int MaxOffers = 4;

    /// <summary>Days from today to a plan's first instalment: time to set up the payment.</summary>
    public const int DaysToFirstInstalment = 7;

    /// <summary>Days from today a promise to pay is made for.</summary>
    public const int PromiseDays = 14;

    /// <summary>Months a step-up stays at today's affordable amount before the I&amp;E is reviewed and the step applies.</summary>
    public const int StepUpReviewMonths = 6;

    /// <summary>Months of a payment holiday before the I&amp;E is reviewed.</summary>
    public const int HolidayMonths = 2;

    /// <summary>Without an I&amp;E, the fixed plan clears the balance over this many months (at least the minimum instalment).</summary>
    public const int MonthsWithoutAssessment = 12;

    public static IReadOnlyList<Offer> Offers(OfferRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var balance = request.Balance;
        var currency = balance.Currency;
        var terms = request.Terms;
        if (terms.MinimumInstalment.Currency != currency)
        {
            throw new DomainException(new PlanCurrencyMismatch("currency", currency, terms.MinimumInstalment.Currency));
        }

        if (!balance.IsPositive || balance.Amount > ScheduleBuilder.MaxBalance)
        {
            return [];
        }

        var b = balance.ToMinorUnits();
        var minimum = Math.Min(terms.MinimumInstalment.ToMinorUnits(), b);
        var preference = request.Preference;
        var frequency = preference?.Frequency ?? Frequency.Monthly;
        var perYear = PaymentCalendar.PeriodsPerYear(frequency);
        var maxPeriods = Math.Min(ScheduleBuilder.MaxInstalments, Math.Max(1, terms.MaxPlanMonths * perYear / 12));
        var start = request.Today.PlusDays(DaysToFirstInstalment);
        var uk = currency == Currency.GBP;
        var rules = OfferSegmentRules.For(request.Segment);
        var builder = new Candidates(request, rules, frequency, start, uk);

        // The affordable amount per period: this creditor's share of disposable income (none when it is negative).
        long? affordable = request.Affordability is { } a
            ? Math.Max(0, a.ThisCreditorShare.ToMinorUnits()) * 12 / perYear
            : null;
        var able = affordable is { } p ? p >= minimum && p > 0 : rules.ReadsAsAble;
        var notAble = affordable is { } q ? q < minimum || q == 0 : rules.ReadsAsNotAble;

        if (preference?.Amount is { } chosen)
        {
            if (chosen.Currency != currency)
            {
                throw new DomainException(new PlanCurrencyMismatch("amount", currency, chosen.Currency));
            }

            if (chosen.IsPositive)
            {
                builder.Fixed(Math.Min(chosen.ToMinorUnits(), b), minimum, maxPeriods, affordable, chosenByCustomer: true);
            }
        }

        if (affordable is { } per && per > 0)
        {
            var amount = Math.Min(per, b);
            var periods = Ceiling(b, amount);
            var lowNow = amount < minimum || periods > maxPeriods;
            if (periods <= ScheduleBuilder.MaxInstalments)
            {
                builder.Fixed(amount, minimum, maxPeriods, affordable, chosenByCustomer: false);
            }

            // The lowest instalment that still clears the balance within the creditor's longest plan: room in a tight budget.
            var longest = Math.Max(minimum, Ceiling(b, maxPeriods));
            if (rules.LongestPlan && !lowNow && longest < amount)
            {
                builder.Fixed(longest, minimum, maxPeriods, affordable, chosenByCustomer: false, longestPlan: true);
            }

            if (request.PaymentHistory is { } history && SeasonalityInference.Infer(history) is { } season)
            {
                builder.Seasonal(amount, season, minimum, maxPeriods, per);
            }

            if (lowNow)
            {
                builder.StepUp(amount, minimum, maxPeriods, per);
            }
        }
        else if (affordable is null)
        {
            // No I&E yet: a plan over a year, to be confirmed by an I&E before it is agreed.
            var amount = Math.Min(b, Math.Max(minimum, Ceiling(b, (long)MonthsWithoutAssessment * perYear / 12)));
            builder.Fixed(amount, minimum, maxPeriods, null, chosenByCustomer: false);
        }

        var settlementSupported = able || rules.ReadsAsAble;
        if (settlementSupported || preference?.SettlementDiscountPercent is not null)
        {
            builder.Settlement(b, minimum, maxPeriods, affordable);
        }

        if (able && rules.Promise)
        {
            builder.Promise(Math.Min(b, affordable ?? b), minimum, affordable);
        }

        if (notAble)
        {
            builder.Holiday(affordable ?? 0, considered: false);
        }
        else if (rules.HolidayWhenAffordable && affordable is { } can && can > 0)
        {
            builder.Holiday(can, considered: true);
        }

        return builder.Ranked();
    }

    internal static long Ceiling(long numerator, long denominator) => (numerator + denominator - 1) / denominator;

    /// <summary>Collects candidate offers and ranks them: within policy and affordable first, then chosen, then needing approval.</summary>
    private sealed class Candidates(OfferRequest request, OfferSegmentRules rules, Frequency frequency, LocalDate start, bool uk)
    {
        private readonly Offer?[] offers = new Offer?[8];
        private int count;

        private Currency Currency => request.Balance.Currency;

        private OfferTerms Terms => request.Terms;

        private Money M(long minor) => Money.FromMinorUnits(minor, Currency);

        private string? Rule(string id) => uk ? id : null;

        private bool Frozen => Terms.FreezeAllowed;

        public void Fixed(long amount, long minimum, int maxPeriods, long? affordable, bool chosenByCustomer, bool longestPlan = false)
        {
            var b = request.Balance.ToMinorUnits();
            var periods = (int)Math.Min(int.MaxValue, Ceiling(b, amount));
            if (periods > ScheduleBuilder.MaxInstalments)
            {
                return;
            }

            var last = b - ((periods - 1) * amount);
            var approval = Approval(amount < minimum ? Below(amount) : null, periods > maxPeriods ? TooLong(periods, maxPeriods) : null);
            var reasons = new List<OfferReason>(4);
            if (chosenByCustomer)
            {
                reasons.Add(OfferReasons.Chosen);
                if (affordable is { } p && amount > p)
                {
                    reasons.Add(OfferReasons.AboveAffordable(Rule("UK-CONC-NO-PRESSURE")));
                }
            }
            else
            {
                reasons.Add(affordable is null ? OfferReasons.NoAssessment(Rule("UK-SFS-IE")) : OfferReasons.Affordable(Rule("UK-CONC-NO-PRESSURE")));
                if (longestPlan)
                {
                    reasons.Add(OfferReasons.LongestPlan(Rule("UK-CONC-FORBEARANCE")));
                }
            }

            if (amount < minimum)
            {
                reasons.Add(OfferReasons.TokenPayment(Rule("UK-CONC-FORBEARANCE")));
            }

            AddFreeze(reasons);
            Add(new Offer(OfferKind.FixedPlan, new FixedInstalments(M(amount)), frequency, start, request.Balance, M(amount), M(last), periods,
                Due(periods - 1), request.Balance, Frozen, reasons, approval, chosenByCustomer, Affordable(affordable), null, request.Holidays)
            { Segment = request.Segment });
        }

        public void StepUp(long amount, long minimum, int maxPeriods, long affordable)
        {
            var b = request.Balance.ToMinorUnits();
            var perYear = PaymentCalendar.PeriodsPerYear(frequency);
            var stepPeriods = StepUpReviewMonths * perYear / 12;
            var rest = b - (stepPeriods * amount);
            if (rest <= 0 || maxPeriods <= stepPeriods)
            {
                return;
            }

            // After the review the instalment clears the rest within the creditor's longest plan, never below its minimum.
            var then = Math.Min(rest, Math.Max(minimum, Ceiling(rest, maxPeriods - stepPeriods)));
            var periods = stepPeriods + (int)Ceiling(rest, then);
            if (periods > ScheduleBuilder.MaxInstalments)
            {
                return;
            }

            var last = rest - ((periods - stepPeriods - 1) * then);
            var smallest = Math.Min(amount, then);
            var approval = Approval(smallest < minimum ? Below(smallest) : null, periods > maxPeriods ? TooLong(periods, maxPeriods) : null);
            var reasons = new List<OfferReason>(4) { OfferReasons.StepUp(Rule("UK-CONC-FORBEARANCE")) };
            if (amount < minimum)
            {
                reasons.Add(OfferReasons.TokenPayment(Rule("UK-CONC-FORBEARANCE")));
            }

            AddFreeze(reasons);
            var shape = new SteppedInstalments([new Step(stepPeriods, M(amount))], M(then));
            Add(new Offer(OfferKind.StepUp, shape, frequency, start, request.Balance, M(amount), M(last), periods, Due(periods - 1),
                request.Balance, Frozen, reasons, approval, false, M(affordable), Due(stepPeriods), request.Holidays)
            { Segment = request.Segment });
        }

        public void Seasonal(long amount, InferredSeasonality season, long minimum, int maxPeriods, long affordable)
        {
            var b = request.Balance.ToMinorUnits();
            var reducedAmount = amount * (long)season.ReducedPercent / 100;

            // A reduced amount that rounds to nothing is a skipped month.
            var reduced = reducedAmount > 0 ? season.ReducedMonths : EmptyMonths;
            IReadOnlySet<int> skipped = reducedAmount > 0 ? season.SkippedMonths : new HashSet<int>(season.SkippedMonths.Concat(season.ReducedMonths));
            if (skipped.Count >= 12)
            {
                return;
            }

            // Walk the periods as the schedule will (months judged on the weekend-moved date), counting instalments.
            long remaining = b, lastPaid = 0;
            int instalments = 0, period = 0, lastPeriod = 0;
            for (; remaining > 0; period++)
            {
                if (instalments == ScheduleBuilder.MaxInstalments || period > ScheduleBuilder.MaxInstalments * 12)
                {
                    return;
                }

                var month = PaymentCalendar.Due(start, frequency, period).Month;
                var ask = skipped.Contains(month) ? 0 : reduced.Contains(month) ? reducedAmount : amount;
                if (ask <= 0)
                {
                    continue;
                }

                lastPaid = Math.Min(ask, remaining);
                remaining -= lastPaid;
                instalments++;
                lastPeriod = period;
            }

            var smallest = reduced.Count > 0 ? Math.Min(amount, reducedAmount) : amount;
            var approval = Approval(smallest < minimum ? Below(smallest) : null, instalments > maxPeriods ? TooLong(instalments, maxPeriods) : null);
            var reasons = new List<OfferReason>(3) { OfferReasons.Seasonal };
            AddFreeze(reasons);
            var shape = new SeasonalInstalments(M(amount), reduced, M(reducedAmount > 0 ? reducedAmount : 0), skipped);
            Add(new Offer(OfferKind.Seasonal, shape, frequency, start, request.Balance, M(amount), M(lastPaid), instalments,
                Due(lastPeriod), request.Balance, Frozen, reasons, approval, false, M(affordable), null, request.Holidays)
            { Segment = request.Segment });
        }

        public void Settlement(long b, long minimum, int maxPeriods, long? affordable)
        {
            var asked = request.Preference?.SettlementDiscountPercent;
            if (asked is < 0m or >= 100m)
            {
                throw new DomainException(new InvalidPlanParameter("discount", "a settlement discount is a percentage from 0 to below 100"));
            }

            var discount = asked ?? Terms.SettlementDiscountMaxPercent;
            var settles = b - (long)decimal.Floor(b * discount / 100m);
            if (settles <= 0)
            {
                return;
            }

            // Equal parts with the remainder on the last: the fewest parts whose largest (the last) is affordable.
            var parts = 1;
            if (affordable is { } p)
            {
                if (p <= 0)
                {
                    return;
                }

                for (parts = (int)Math.Min(Schedules.Settlement.MaxInstalments + 1, Ceiling(settles, p)); parts <= Schedules.Settlement.MaxInstalments; parts++)
                {
                    if ((settles / parts) + (settles % parts) <= p)
                    {
                        break;
                    }
                }

                if (parts > Schedules.Settlement.MaxInstalments)
                {
                    return;
                }
            }

            var part = settles / parts;
            var outside = discount < Terms.SettlementDiscountMinPercent || discount > Terms.SettlementDiscountMaxPercent;
            var approval = Approval(
                Approval(outside ? OutsideBounds(discount) : null, part < Math.Min(minimum, settles) ? Below(part) : null),
                parts > maxPeriods ? TooLong(parts, maxPeriods) : null);
            var reasons = new List<OfferReason>(3)
            {
                asked is null ? OfferReasons.SettlementBest : OfferReasons.SettlementAsked,
                affordable is null ? OfferReasons.NoAssessment(Rule("UK-SFS-IE")) : OfferReasons.Affordable(Rule("UK-CONC-NO-PRESSURE")),
            };
            Add(new Offer(OfferKind.Settlement, new Settlement(discount, parts), frequency, start, request.Balance, M(part),
                M(settles - ((parts - 1) * part)), parts, Due(parts - 1), M(settles), Frozen, reasons, approval, asked is not null,
                Affordable(affordable), null, request.Holidays)
            { Segment = request.Segment });
        }

        public void Promise(long amount, long minimum, long? affordable)
        {
            var on = request.Today.PlusDays(PromiseDays);
            var reasons = new List<OfferReason>(2)
            {
                OfferReasons.Promise,
                affordable is null ? OfferReasons.NoAssessment(Rule("UK-SFS-IE")) : OfferReasons.Affordable(Rule("UK-CONC-NO-PRESSURE")),
            };
            var approval = amount < minimum ? Below(amount) : null;
            Add(new Offer(OfferKind.PromiseToPay, new PromiseToPay(M(amount)), frequency, on, request.Balance, M(amount), M(amount), 1, on,
                M(amount), false, reasons, approval, false, Affordable(affordable), null, request.Holidays)
            { Segment = request.Segment });
        }

        /// <summary>A pause: because nothing is affordable now, or <paramref name="considered"/> for a tight budget that could pay.</summary>
        public void Holiday(long affordable, bool considered)
        {
            var reasons = new List<OfferReason>(4)
            {
                considered ? OfferReasons.HolidayConsidered(Rule("UK-CONC-FORBEARANCE")) : OfferReasons.Holiday(Rule("UK-CONC-FORBEARANCE")),
                OfferReasons.DebtAdvice,
            };
            if (uk)
            {
                reasons.Add(OfferReasons.BreathingSpace);
            }

            // Forbearance asks for interest and fees to stop during a holiday; where the creditor does not allow it, a supervisor decides.
            var approval = !Terms.FreezeAllowed && Terms.Accrues ? "freezing interest and fees during the holiday is outside the creditor's policy" : null;
            var review = request.Today.PlusMonths(HolidayMonths);
            var zero = Money.Zero(Currency);
            Add(new Offer(OfferKind.PaymentHoliday, null, frequency, request.Today, request.Balance, zero, zero, 0, review, zero, true,
                reasons, approval, false, request.Affordability is null ? null : M(affordable), review, request.Holidays)
            { Segment = request.Segment });
        }

        public IReadOnlyList<Offer> Ranked()
        {
            var ranked = offers.AsSpan(0, count);
            ranked.Sort(new ByRank(rules));
            var result = new Offer[Math.Min(count, MaxOffers)];
            for (var i = 0; i < result.Length; i++)
            {
                result[i] = ranked[i]!;
            }

            // What the customer chose is always answered: it takes the place of the lowest-ranked offer they did not choose.
            var last = result.Length - 1;
            for (var i = result.Length; i < count; i++)
            {
                if (ranked[i]!.ChosenByCustomer)
                {
                    while (last >= 0 && result[last].ChosenByCustomer)
                    {
                        last--;
                    }

                    if (last >= 0)
                    {
                        result[last--] = ranked[i]!;
                    }
                }
            }

            if (count > result.Length)
            {
                result.AsSpan().Sort(new ByRank(rules));
            }

            return result;
        }

        /// <summary>Keeps an offer, with the segment's reason when the segment moved its kind up (replacing the plain debt-advice line it restates).</summary>
        private void Add(Offer offer)
        {
            if (rules.Reason is { } why && rules.Shaped(offer.Kind) && offer.Reasons is List<OfferReason> reasons)
            {
                var advice = reasons.IndexOf(OfferReasons.DebtAdvice);
                if (advice >= 0)
                {
                    reasons[advice] = why(Rule("UK-CONC-FORBEARANCE"));
                }
                else
                {
                    reasons.Add(why(Rule("UK-CONC-FORBEARANCE")));
                }
            }

            offers[count++] = offer;
        }

        private void AddFreeze(List<OfferReason> reasons)
        {
            if (Terms.Accrues)
            {
                reasons.Add(Terms.FreezeAllowed ? OfferReasons.Frozen(Rule("UK-CONC-FORBEARANCE")) : OfferReasons.NotFrozen);
            }
        }

        private LocalDate Due(int index) => PaymentCalendar.Due(start, frequency, index, request.Holidays);

        private Money? Affordable(long? minor) => minor is { } m ? M(m) : null;

        private string Below(long amount) => $"an instalment of {M(amount)} is below the creditor's minimum of {Terms.MinimumInstalment}";

        private static string TooLong(int periods, int maxPeriods) => $"{periods} instalments is longer than the creditor's longest plan ({maxPeriods})";

        private string OutsideBounds(decimal discount) =>
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"a discount of {discount:0.##}% is outside the creditor's bounds of {Terms.SettlementDiscountMinPercent:0.##}%–{Terms.SettlementDiscountMaxPercent:0.##}%");

        private static string? Approval(string? first, string? second) =>
            first is null ? second : second is null ? first : $"{first}; {second}";
    }

    private static readonly IReadOnlySet<int> EmptyMonths = new HashSet<int>();

    /// <summary>
    /// Within policy and affordable first, then the customer's choice beyond affordability, then approvals; within a
    /// tier the customer's choice first, then the segment's order of kinds, then its preference between two of a kind.
    /// </summary>
    private readonly struct ByRank(OfferSegmentRules rules) : IComparer<Offer?>
    {
        public int Compare(Offer? x, Offer? y)
        {
            ArgumentNullException.ThrowIfNull(x);
            ArgumentNullException.ThrowIfNull(y);
            var order = Tier(x).CompareTo(Tier(y));
            if (order == 0)
            {
                order = y.ChosenByCustomer.CompareTo(x.ChosenByCustomer);
            }

            if (order == 0)
            {
                order = rules.Rank(x.Kind).CompareTo(rules.Rank(y.Kind));
            }

            return order != 0 ? order : rules.WithinKind switch
            {
                WithinKind.LowestInstalmentFirst => x.Amount.CompareTo(y.Amount),
                WithinKind.ShortestFirst => x.Instalments.CompareTo(y.Instalments),
                _ => 0,
            };
        }

        private static int Tier(Offer offer) => offer.RequiresApproval ? 2 : offer.Affordable is { } a && offer.Amount > a ? 1 : 0;
    }
}
