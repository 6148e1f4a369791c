using BenchmarkDotNet.Attributes;
using NodaTime;
using Parley.Modules.Arrangements.Affordability;
using Parley.Modules.Arrangements.Offers;
using Parley.Modules.Arrangements.Schedules;
using Parley.Modules.Decisioning.Contracts;
using Parley.SharedKernel;

namespace Parley.ArrangementsBench;

/// <summary>
/// Offers for <see cref="Accounts"/> accounts whose balances, I&amp;E assessments and segments are in memory (seed 42):
/// balances 50–20,000 GBP, a quarter without an I&amp;E, one in eight with negative disposable income, one in ten with 24
/// months of payment history (seasonality inferred), England and Wales bank holidays. One core, then partitions over all cores.
/// </summary>
[MemoryDiagnoser]
public class OfferBenchmarks
{
    internal const int Accounts = 1_000_000;

    private OfferRequest[] requests = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var gbp = Currency.GBP;
        var zero = Money.Zero(gbp);
        var terms = new OfferTerms(Money.Of(25m, gbp), 0m, 30m, 24m, Money.Of(12m, gbp), true, 60);
        var today = new LocalDate(2026, 11, 23);
        var history = Enumerable.Range(0, 24)
            .Select(i => new YearMonth(2024, 11).PlusMonths(i))
            .Select(m => new MonthlyPayment(m, Money.Of(m.Month is 1 or 2 ? 30m : 120m, gbp)))
            .ToArray();
        requests = new OfferRequest[Accounts];
        for (var i = 0; i < Accounts; i++)
        {
            var balance = Money.FromMinorUnits(random.NextInt64(5_000, 2_000_000), gbp);
            AffordabilityAssessment? assessment = null;
            if (random.Next(4) > 0)
            {
                var disposable = Money.FromMinorUnits(random.Next(8) == 0 ? -random.Next(1, 50_000) : random.Next(0, 60_000), gbp);
                var share = Money.Max(zero, disposable);
                assessment = new AffordabilityAssessment(share, zero, zero, zero, zero, disposable, share, 100m, [], []);
            }

            requests[i] = new OfferRequest(balance, terms, assessment, (Segment)random.Next(4), today, null,
                random.Next(10) == 0 ? history : null, BankHolidayCalendar.EnglandAndWales);
        }
    }

    [Benchmark]
    public long OneCore()
    {
        long offers = 0;
        foreach (var request in requests)
        {
            offers += OfferEngine.Offers(request).Count;
        }

        return offers;
    }

    [Benchmark]
    public long AllCores()
    {
        long offers = 0;
        var partitions = Environment.ProcessorCount;
        Parallel.For(0, partitions, p =>
        {
            long local = 0;
            var (from, to) = ((long)Accounts * p / partitions, (long)Accounts * (p + 1) / partitions);
            for (var i = (int)from; i < to; i++)
            {
                local += OfferEngine.Offers(requests[i]).Count;
            }

            Interlocked.Add(ref offers, local);
        });
        return offers;
    }
}
