using NodaTime;
using Parley.Demo.Portfolio;
using Parley.Modules.Decisioning.Features;
using Parley.Modules.Decisioning.Live;
using Parley.Modules.Decisioning.Propensity;

namespace Parley.Demo.Outcomes;

/// <summary>
/// Simulated outcomes for the propensity-to-pay model until real ones exist: for each demo account still owing after
/// its ledger payments, whether it pays within 30 days of the as-of date. The chance starts from the person's hidden
/// capacity next month and willingness (the same logistic that drives their statement history), so the model must
/// learn them from behaviour; it then moves with what the account shows — arrears, balance against its bills, an old
/// debt, a charge-off, recent payments, holds pausing collection, no consented way to reach them — and a noise draw.
/// Deterministic: each person has their own generator derived from the seed and their index.
/// </summary>
public static class DemoOutcomes
{
    /// <summary>A salt so the outcome draws are independent of the person's other streams.</summary>
    private const int OutcomeSalt = 0x0C7C0E5;

    /// <summary>The first <paramref name="accounts"/> accounts in collections, person by person.</summary>
    public static IEnumerable<PropensityExample> Portfolio(PortfolioGenerator generator, int accounts)
    {
        ArgumentNullException.ThrowIfNull(generator);
        // The ledger's payments as the seeder would post them by midday on the as-of date.
        var now = generator.AsOf.At(new LocalTime(12, 0)).InUtc().ToInstant();
        return generator.People().SelectMany(p => For(generator, p, now)).Take(accounts);
    }

    /// <summary>
    /// Writes the first <paramref name="accounts"/> accounts in collections as a propensity data file (<c>parley demo
    /// outcomes</c>); returns the rows written and how many of them paid within 30 days.
    /// </summary>
    public static (int Rows, int Paid) WriteFile(string path, PortfolioGenerator generator, int accounts)
    {
        var paid = 0;
        var rows = PropensityDataFile.Write(path, Portfolio(generator, accounts).Select(e =>
        {
            paid += e.PaidWithin30Days ? 1 : 0;
            return e;
        }));
        return (rows, paid);
    }

    /// <summary>The person's accounts in collections with their outcomes, the ledger as the seeder posts it at <paramref name="now"/>.</summary>
    public static IEnumerable<PropensityExample> For(PortfolioGenerator generator, DemoPerson person, Instant now)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(person);
        var asOf = generator.AsOf;
        var ledger = DemoLedgerPayments.For(generator, person, now)
            .Where(p => p.ChargedBackAt is null)
            .ToLookup(p => p.AccountReference);
        var rng = new Random(PortfolioGenerator.PersonSeed(generator.Seed, person.Index) ^ OutcomeSalt);
        var channels = ConsentedChannels(person);
        foreach (var customer in person.Customers)
        {
            foreach (var account in customer.Accounts)
            {
                var payments = ledger[account.Reference].Select(p => new LedgerPaymentFact(p.ReceivedAt.InUtc().Date, p.AmountMinor)).ToArray();
                var balance = account.BalanceMinor - payments.Sum(p => p.AmountMinor);
                // Drawn for every account, so one account's outcome never depends on whether another is still owing.
                var noise = rng.NextDouble();
                var draw = rng.NextDouble();
                if (balance <= 0)
                {
                    continue;
                }

                var active = customer.Holds.Where(h => (h.AccountReference is null || h.AccountReference == account.Reference) && h.StartsOn <= asOf && (h.PlannedDays is not { } days || h.StartsOn.PlusDays(days) > asOf)).ToList();
                // The feature counts holds as a live account's does: special-category ones (crisis, vulnerability) are no feature (ADR 21).
                var holds = active.Count(h => !PropensityFactsReader.SpecialCategoryHolds.Contains(h.Type));
                var facts = PropensityFacts.Create(
                    asOf,
                    customer.Creditor.Currency.MinorUnits,
                    balance,
                    account.DaysPastDue,
                    account.ChargeOffDate,
                    account.LastPaymentDate,
                    [.. account.Statements.Select(s => (s.Date, new StatementMonth(s.AmountDueMinor, s.AmountPaidMinor, s.DaysPastDue)))],
                    payments,
                    holds,
                    channels);
                yield return new PropensityExample(account.Reference, facts, draw < Chance(person, account, facts, noise, active.Count > 0));
            }
        }
    }

    /// <summary>Call, text and email: each counts once when some contact point of that kind has the customer's consent.</summary>
    internal static int ConsentedChannels(DemoPerson person) =>
        (person.MobileConsent.Contains("call", StringComparison.Ordinal) ? 1 : 0)
        + (person.MobileConsent.Contains("sms", StringComparison.Ordinal) ? 1 : 0)
        + (person.Email is not null && person.EmailConsent ? 1 : 0);

    /// <summary>The chance the account pays within 30 days (documented in docs/models.md).</summary>
    internal static double Chance(DemoPerson person, DemoAccount account, PropensityFacts facts, double noise, bool onHold)
    {
        var nextMonth = facts.AsOf.PlusMonths(1).Month;
        var p = AccountSimulator.PayProbability(AccountSimulator.Capacity(person, -1, nextMonth), person.Willingness);
        // Deep arrears and charge-off: the habit of paying fades with time unpaid.
        p *= Math.Exp(-facts.DaysPastDue / 400.0);
        p *= account.ChargeOffDate is null ? 1 : 0.6;
        // A balance many bills deep feels unpayable.
        var largestBill = facts.Statements.Count > 0 ? facts.Statements.Max(s => s.AmountDueMinor) : 0;
        var depth = largestBill > 0 ? (double)facts.BalanceMinor / largestBill : 1;
        p /= 1 + (0.04 * Math.Max(0, depth - 3));
        // An old debt, placed long after the statements ended, is seldom paid.
        p *= facts.FirstStatementDate is { } first && Period.Between(first, facts.AsOf, PeriodUnits.Months).Months > 30 ? 0.6 : 1;
        // Someone who paid recently is in the habit.
        p *= 1 + (0.08 * Math.Min(3, facts.Payments90Days));
        // A hold pauses reminders (and often marks a crisis); nobody to reach means nobody is reminded.
        p *= onHold ? 0.45 : 1;
        p *= facts.ConsentedChannels == 0 ? 0.7 : 1;
        return Math.Clamp(p * (0.8 + (0.4 * noise)), 0.01, 0.97);
    }
}
