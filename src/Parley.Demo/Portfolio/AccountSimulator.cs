using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Payments.Contracts;
using Parley.SharedKernel;

namespace Parley.Demo.Portfolio;

/// <summary>
/// Simulates an account statement by statement from the person's capacity and willingness to pay. Each statement
/// bills interest, late fees and (for utilities) usage, and asks a minimum that carries unpaid arrears forward, due
/// <see cref="GraceDays"/> later; what the person pays before the next statement is recorded against it. Days past due
/// count from the oldest unpaid due date, and at 180 the account is charged off. All amounts are whole minor units.
/// </summary>
internal static class AccountSimulator
{
    public const int GraceDays = 21;
    public const int ChargeOffDays = 180;

    public static DemoAccount Simulate(Random rng, DemoPerson person, DemoCreditor creditor, ProductType product, string reference, LocalDate asOf, int historyMonths, int ageMonths)
    {
        var uk = creditor.Currency == Currency.GBP;
        var terms = Terms(rng, product, uk, historyMonths);
        var waterfall = creditor.Policy.Waterfall.Order;

        var cycleDay = 1 + rng.Next(28);
        var last = new LocalDate(asOf.Year, asOf.Month, cycleDay);
        if (last > asOf)
        {
            last = last.PlusMonths(-1);
        }

        last = last.PlusMonths(-ageMonths);
        var first = last.PlusMonths(-(historyMonths - 1));

        long principal = terms.OpeningPrincipal, interest = 0, fees = 0, arrears = 0;
        LocalDate? oldestUnpaidDue = null;
        var everDelinquent = false;
        var missedLast = false;
        LocalDate? chargeOff = null;
        LocalDate? lastPayment = null;
        var statements = new List<DemoStatement>(historyMonths);
        for (var k = 0; k < historyMonths; k++)
        {
            var date = first.PlusMonths(k);
            var dpd = oldestUnpaidDue is { } unpaid && unpaid < date ? Days(unpaid, date) : 0;
            long interestThisCycle = 0, feeThisCycle = 0, bill = 0;
            if (k > 0 && terms.AprBasisPoints > 0)
            {
                interestThisCycle = ((principal * terms.AprBasisPoints) + 60_000) / 120_000;
                interest += interestThisCycle;
            }

            if (missedLast)
            {
                feeThisCycle = product == ProductType.Utility ? Math.Max(uk ? 3_00 : 5_00, arrears * 15 / 1000) : terms.LateFee;
                fees += feeThisCycle;
            }

            if (product == ProductType.Utility && dpd < ChargeOffDays)
            {
                bill = UtilityBill(rng, terms.OpeningPrincipal, date.Month);
                principal += bill;
            }

            var balance = principal + interest + fees;
            long regular = product switch
            {
                ProductType.CreditCard => Math.Max(terms.MinimumFloor, (principal / 100) + interestThisCycle + feeThisCycle),
                ProductType.Utility => bill + feeThisCycle,
                _ => terms.Instalment + feeThisCycle,
            };
            var minimum = Math.Min(arrears + regular, balance);
            var amountDue = product is ProductType.CreditCard or ProductType.Utility ? balance : minimum;
            if (dpd >= ChargeOffDays)
            {
                // The charge-off statement: the whole balance is due and the account leaves the billing cycle.
                statements.Add(new DemoStatement(date, balance, balance, 0, dpd));
                chargeOff = date;
                break;
            }

            var capacity = Capacity(person, MonthsAgo(asOf, date) - ageMonths, date.Month);
            var paid = Payment(rng, capacity, person.Willingness, minimum, Math.Min(regular, minimum), amountDue, product);
            var windowDays = Math.Min(Days(date, date.PlusMonths(1)), Days(date, asOf));
            if (windowDays < GraceDays && rng.NextDouble() >= windowDays / (double)GraceDays)
            {
                // The latest statement is still open: this person pays later in the window, after the as-of date.
                paid = 0;
            }

            if (paid > 0)
            {
                lastPayment = date.PlusDays(Math.Min(windowDays, 1 + rng.Next(GraceDays)));
            }

            Allocate(paid, waterfall, ref principal, ref interest, ref fees);
            var due = date.PlusDays(GraceDays);
            missedLast = paid < minimum && due <= asOf;
            if (paid >= minimum)
            {
                arrears = 0;
                oldestUnpaidDue = null;
            }
            else
            {
                arrears = minimum - paid;
                oldestUnpaidDue ??= due;
                everDelinquent |= due < asOf;
            }

            statements.Add(new DemoStatement(date, amountDue, minimum, paid, dpd));
        }

        var dpdAsOf = oldestUnpaidDue is { } oldest && oldest < asOf ? Days(oldest, asOf) : 0;
        if (chargeOff is null && dpdAsOf >= ChargeOffDays)
        {
            chargeOff = oldestUnpaidDue!.Value.PlusDays(ChargeOffDays);
        }

        LocalDate? limitation = null;
        if (oldestUnpaidDue is { } defaulted && dpdAsOf > 0)
        {
            // Rule of thumb: the clock runs from default (the first missed due date) or the last payment, whichever is later.
            var from = lastPayment is { } paidOn && paidOn > defaulted ? paidOn : defaulted;
            limitation = from.PlusYears(person.Place.StatuteOfLimitationsYears);
        }

        return new DemoAccount
        {
            Reference = reference,
            Product = product,
            PrincipalMinor = principal,
            InterestMinor = interest,
            FeesMinor = fees,
            ChargeOffDate = chargeOff,
            LastPaymentDate = lastPayment,
            DaysPastDue = dpdAsOf,
            StatuteOfLimitationsDate = limitation,
            Status = (principal + interest + fees, dpdAsOf, everDelinquent) switch
            {
                (0, _, _) => AccountStatus.PaidInFull,
                (_, 0, true) => AccountStatus.InArrangement,
                _ => AccountStatus.Open,
            },
            Statements = statements,
        };
    }

    private static int Days(LocalDate from, LocalDate to) => Period.DaysBetween(from, to);

    /// <summary>Capacity this month (0..1) from the person's ability and what their life story does to it.</summary>
    internal static double Capacity(DemoPerson person, int monthsAgo, int calendarMonth)
    {
        var a = person.Ability;
        var afterEvent = monthsAgo <= person.EventMonthsAgo;
        return person.Story switch
        {
            LifeStory.Steady or LifeStory.Unwilling => a,
            LifeStory.JobLoss when !afterEvent => a,
            LifeStory.JobLoss => person.RecoveryMonthsAgo is { } back && monthsAgo <= back ? a * 0.6 : 0.05,
            LifeStory.Illness when !afterEvent => a,
            LifeStory.Illness => monthsAgo > person.EventMonthsAgo - 4 ? a * 0.2 : a * 0.6,
            LifeStory.PayCut => afterEvent ? a * 0.5 : a,
            LifeStory.SummerWork => calendarMonth is >= 6 and <= 9 ? a : a * 0.15,
            LifeStory.HarvestWork => calendarMonth is >= 8 and <= 11 ? a : a * 0.2,
            LifeStory.Overextended => a * Math.Max(0.1, 1 - (0.06 * Math.Max(0, 24 - monthsAgo))),
        };
    }

    private static long Payment(Random rng, double capacity, double willingness, long minimum, long regular, long amountDue, ProductType product)
    {
        if (minimum <= 0)
        {
            return 0;
        }

        if (rng.NextDouble() < PayProbability(capacity, willingness))
        {
            if (minimum > regular && rng.NextDouble() >= Math.Sqrt(capacity * willingness))
            {
                // Behind, most people keep up with this month's bill but cannot clear the arrears, so they stay delinquent.
                return regular;
            }

            if (capacity < 0.4 && rng.NextDouble() < 0.5)
            {
                return WholeUnits(minimum * (0.3 + (0.6 * rng.NextDouble())), minimum);
            }

            if (product == ProductType.CreditCard && amountDue > minimum && capacity > 0.75 && rng.NextDouble() < 0.3 * willingness)
            {
                // Someone comfortable pays more than the card's minimum, though not the whole balance.
                return Math.Min(amountDue, WholeUnits(minimum * (1.5 + rng.NextDouble()), amountDue));
            }

            return minimum;
        }

        // Willing but unable: a token payment rather than nothing.
        return willingness > 0.5 && rng.NextDouble() < 0.35 ? WholeUnits(minimum * (0.1 + (0.3 * rng.NextDouble())), minimum) : 0;
    }

    /// <summary>A logistic in capacity × willingness: reliable payers almost always pay, the unable and the unwilling seldom do.</summary>
    internal static double PayProbability(double capacity, double willingness) =>
        Math.Min(0.98, 1 / (1 + Math.Exp(-12 * ((capacity * Math.Pow(willingness, 0.8)) - 0.28))));

    /// <summary>People pay round amounts: whole dollars or pounds, at least one, never more than the cap.</summary>
    private static long WholeUnits(double amountMinor, long capMinor) => Math.Min(capMinor, Math.Max(100, (long)(amountMinor / 100) * 100));

    private static void Allocate(long paid, IReadOnlyList<BalanceBucket> order, ref long principal, ref long interest, ref long fees)
    {
        var left = paid;
        foreach (var bucket in order)
        {
            switch (bucket)
            {
                case BalanceBucket.Principal:
                    Take(ref principal, ref left);
                    break;
                case BalanceBucket.Interest:
                    Take(ref interest, ref left);
                    break;
                case BalanceBucket.Fees:
                    Take(ref fees, ref left);
                    break;
            }
        }
    }

    private static void Take(ref long bucket, ref long left)
    {
        var take = Math.Min(bucket, left);
        bucket -= take;
        left -= take;
    }

    private static int MonthsAgo(LocalDate asOf, LocalDate date) => ((asOf.Year - date.Year) * 12) + asOf.Month - date.Month;

    /// <summary>Winter heating and summer cooling push the bill up; usage wobbles month to month.</summary>
    private static long UtilityBill(Random rng, long typicalBill, int month)
    {
        var season = month switch
        {
            12 or 1 or 2 => 1.4,
            7 or 8 => 1.3,
            3 or 11 => 1.1,
            _ => 0.9,
        };
        return (long)(typicalBill * season * (0.85 + (0.3 * rng.NextDouble())));
    }

    private sealed record ProductTerms(long OpeningPrincipal, int AprBasisPoints, long Instalment, long MinimumFloor, long LateFee);

    /// <summary>Opening balances and pricing by product; utility's opening principal is its typical monthly bill.</summary>
    private static ProductTerms Terms(Random rng, ProductType product, bool uk, int historyMonths)
    {
        switch (product)
        {
            case ProductType.CreditCard:
                {
                    var principal = LogNormal(rng, uk ? 2_200_00 : 3_500_00, 0.8, uk ? 200_00 : 300_00, uk ? 12_000_00 : 25_000_00);
                    return new(principal, 1999 + rng.Next(1000), 0, uk ? 5_00 : 25_00, uk ? 12_00 : 30_00);
                }

            case ProductType.PersonalLoan:
                {
                    var principal = LogNormal(rng, uk ? 6_000_00 : 8_000_00, 0.6, uk ? 1_000_00 : 1_500_00, uk ? 20_000_00 : 30_000_00);
                    var apr = 900 + rng.Next(1500);
                    var term = Math.Max(historyMonths + 6, 24 + (12 * rng.Next(4)));
                    return new(principal, apr, Amortised(principal, apr, term), 0, uk ? 12_00 : 25_00);
                }

            case ProductType.Bnpl:
                {
                    var principal = LogNormal(rng, 600_00, 0.7, 80_00, 2_500_00);
                    var apr = rng.NextDouble() < 0.6 ? 0 : 1000 + rng.Next(2000);
                    var term = historyMonths + 3 + rng.Next(10);
                    return new(principal, apr, Amortised(principal, apr, term), 0, 7_00);
                }

            case ProductType.Utility:
                return new(LogNormal(rng, uk ? 110_00 : 140_00, 0.4, 40_00, 450_00), 0, 0, 0, 0);

            case ProductType.Medical:
                {
                    var principal = LogNormal(rng, 1_800_00, 0.9, 250_00, 12_000_00);
                    var planMonths = historyMonths + 6 + rng.Next(13);
                    return new(principal, 0, Math.Max(25_00, principal / planMonths), 0, 0);
                }

            case ProductType.Auto:
            case ProductType.Telecom:
            case ProductType.Other:
            default:
                throw new ArgumentOutOfRangeException(nameof(product), product, "The demo portfolio does not generate this product.");
        }
    }

    private static long Amortised(long principal, int aprBasisPoints, int months)
    {
        if (aprBasisPoints == 0)
        {
            return (principal + months - 1) / months;
        }

        var r = aprBasisPoints / 120_000.0;
        return (long)Math.Ceiling(principal * r / (1 - Math.Pow(1 + r, -months)));
    }

    /// <summary>Balances are right-skewed: most are modest, a few are large. Rounded to whole units, then clamped.</summary>
    private static long LogNormal(Random rng, long medianMinor, double sigma, long minMinor, long maxMinor)
    {
        var u1 = 1.0 - rng.NextDouble();
        var u2 = rng.NextDouble();
        var normal = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        var value = (long)(medianMinor * Math.Exp(sigma * normal) / 100) * 100;
        return Math.Clamp(value, minMinor, maxMinor);
    }
}
