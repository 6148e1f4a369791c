using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Decisioning.Features;
using Parley.Modules.Decisioning.Propensity;
using Parley.Modules.Payments.Contracts;

namespace Parley.Modules.Decisioning.Live;

/// <summary>
/// A live account's <see cref="PropensityFacts"/> from the module contracts: statements and placed dates (Accounts),
/// the outstanding balance and the payments not reversed (Payments ledger), the holds active now and the consented
/// contact points (Accounts' contact profile). Assembled by <see cref="PropensityFacts.Create"/>, as training is.
/// </summary>
public sealed class PropensityFactsReader(IContactProfiles contacts, IBalanceQueries balances, ILedgerPaymentHistory ledger)
{
    public async Task<PropensityFacts> ReadAsync(AccountStatements account, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        var profile = await contacts.GetAsync(account.AccountId, now, cancellationToken);
        var balance = await balances.GetAsync(account.AccountId, cancellationToken);
        var payments = await ledger.SinceAsync(account.AccountId, PaymentsSince(now), cancellationToken);
        return Create(account, now, profile, balance, payments);
    }

    /// <summary>The same for a batch of accounts in a handful of queries instead of several per account (portfolio scoring).</summary>
    public async Task<IReadOnlyList<PropensityFacts>> ReadManyAsync(IReadOnlyList<AccountStatements> accounts, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        var ids = accounts.Select(a => a.AccountId).ToList();
        var profiles = await contacts.GetManyAsync(ids, now, cancellationToken);
        var accountBalances = await balances.GetManyAsync(ids, cancellationToken);
        var payments = await ledger.SinceManyAsync(ids, PaymentsSince(now), cancellationToken);
        return [.. accounts.Select(a => Create(a, now, profiles.GetValueOrDefault(a.AccountId), accountBalances.GetValueOrDefault(a.AccountId), payments[a.AccountId]))];
    }

    /// <summary>
    /// Holds that say something about the customer's health or vulnerability (special-category data, ADR 21): no model
    /// reads them, so they are not counted among the active holds a feature sees.
    /// </summary>
    public static IReadOnlySet<HoldType> SpecialCategoryHolds { get; } = new HashSet<HoldType> { HoldType.VulnerabilityReview, HoldType.MentalHealthCrisis };

    // Payments older than the days-since cap change no feature.
    private static Instant PaymentsSince(Instant now) => now - Duration.FromDays(PropensityFeatures.DaysSinceCap + 1);

    private static PropensityFacts Create(AccountStatements account, Instant now, ContactProfile? profile, AccountBalance? balance, IReadOnlyList<LedgerPayment> payments)
    {
        var channels = profile is null ? 0
            : (profile.Phones.Any(p => p.ConsentToCall) ? 1 : 0) + (profile.Phones.Any(p => p.ConsentToSms) ? 1 : 0) + (profile.Emails.Any(e => e.ConsentToEmail) ? 1 : 0);
        return PropensityFacts.Create(
            now.InUtc().Date,
            account.Currency.MinorUnits,
            balance?.Outstanding.ToMinorUnits() ?? 0,
            account.DaysPastDue,
            account.ChargeOffDate,
            account.LastPaymentDate,
            [.. account.Months.Select(m => (m.StatementDate, new StatementMonth(m.AmountDueMinor, m.AmountPaidMinor, m.DaysPastDue)))],
            payments.Where(p => p.ReversedAt is null).Select(p => new LedgerPaymentFact(p.OccurredAt.InUtc().Date, p.Amount.ToMinorUnits())),
            profile?.ActiveHolds.Count(h => !SpecialCategoryHolds.Contains(h.Kind)) ?? 0,
            channels);
    }
}
