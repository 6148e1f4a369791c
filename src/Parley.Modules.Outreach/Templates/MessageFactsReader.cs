using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Payments.Contracts;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Outreach.Templates;

/// <summary>Reads what a message may say about an account, through the Accounts and Payments contracts.</summary>
public sealed class MessageFactsReader(
    IUseCase<GetMessageAccountsRequest, IReadOnlyDictionary<AccountId, MessageAccount>> messageAccounts,
    IBalanceQueries balances,
    ILedgerPaymentHistory payments,
    IValidationPeriods periods)
{
    private static readonly Actor Reader = Actor.System("message renderer");

    /// <summary>The account's facts at <paramref name="at"/>, or null when there is no such account (the caller has checked scope).</summary>
    public async Task<MessageFacts?> ReadAsync(AccountId account, Instant at, CancellationToken cancellationToken) =>
        (await ReadManyAsync([account], at, cancellationToken)).GetValueOrDefault(account).Facts;

    /// <summary>
    /// The facts of many accounts (a sender's batch), with the account they came from: what a message names read set-based
    /// through the Accounts contract (a few queries a page), the balances in one query and the payments in one read for the
    /// batch. Accounts that do not exist are left out.
    /// </summary>
    internal async Task<IReadOnlyDictionary<AccountId, (MessageFacts Facts, MessageAccount Account)>> ReadManyAsync(IReadOnlyCollection<AccountId> accounts, Instant at, CancellationToken cancellationToken)
    {
        var read = new List<(MessageAccount Account, DateTimeZone Zone, LocalDate Itemization)>(accounts.Count);
        foreach (var page in accounts.Distinct().Chunk(GetMessageAccountsRequest.MaxAccounts))
        {
            var found = await messageAccounts.HandleAsync(Reader, new GetMessageAccountsRequest(page), cancellationToken);
            foreach (var id in page)
            {
                if (!found.TryGetValue(id, out var a))
                {
                    continue;
                }

                var zone = a.ZoneOr(DateTimeZone.Utc);

                // The itemization date (§1006.34(b)(3)): the charge-off date when there is one, else the last statement date, else placement.
                var itemization = a.ChargeOffDate
                    ?? a.Statements.Select(s => (LocalDate?)s.StatementDate).Max()
                    ?? a.PlacedAt.InZone(zone).Date;
                read.Add((a, zone, itemization));
            }
        }

        var facts = new Dictionary<AccountId, (MessageFacts, MessageAccount)>(read.Count);
        if (read.Count == 0)
        {
            return facts;
        }

        var ids = read.Select(r => r.Account.Id).ToArray();
        var balancesOf = await balances.GetManyAsync(ids, cancellationToken);
        // One read from the earliest itemization date; each account keeps its own payments since its own.
        var since = read.Min(r => r.Itemization.AtStartOfDayInZone(r.Zone).ToInstant());
        var paymentsOf = await payments.SinceManyAsync(ids, since, cancellationToken);
        foreach (var (a, zone, itemization) in read)
        {
            var from = itemization.AtStartOfDayInZone(zone).ToInstant();
            var made = paymentsOf.GetValueOrDefault(a.Id) ?? [];
            facts[a.Id] = (Compose(a, zone, itemization, balancesOf.GetValueOrDefault(a.Id), made.Where(p => p.OccurredAt >= from), at), a);
        }

        return facts;
    }

    private MessageFacts Compose(MessageAccount d, DateTimeZone zone, LocalDate itemization, AccountBalance? balance, IEnumerable<LedgerPayment> since, Instant at)
    {
        var currency = Currency.FromCode(d.Currency);
        var now = balance?.Outstanding ?? Money.Zero(currency);
        var statement = d.Statements.Where(s => s.StatementDate <= itemization).MaxBy(s => s.StatementDate);
        var paid = Money.Zero(currency);
        foreach (var payment in since)
        {
            if (payment.ReversedAt is null && payment.OccurredAt <= at)
            {
                paid += payment.Amount;
            }
        }

        // Without a statement on the date, what was owed then is what is owed now plus what was paid since.
        var then = statement is null ? now + paid : Money.Of(statement.AmountDue, currency);

        // What was added since is the difference; the ledger keeps interest apart, so interest is at most what its bucket holds now.
        var added = now - then + paid;
        if (added.IsNegative)
        {
            paid += added.Negate();
            added = Money.Zero(currency);
        }

        var interest = Money.Min(added, Money.Max(Money.Zero(currency), balance?.Interest ?? Money.Zero(currency)));
        var fees = added - interest;
        var today = at.InZone(zone).Date;
        var figures = new ValidationFigures(itemization, then, interest, fees, paid, now, periods.EndFor(today));
        return new MessageFacts(d.GivenName, d.CreditorName, d.OriginalCreditor, d.CreditorReference, d.PrimaryAddress?.Jurisdiction, now, today, figures);
    }
}

/// <summary>
/// The built-in demo accounts a preview or an approval renders against when no real account is named: invented people
/// in Pennsylvania (Reg F) and in England (CONC), with a plain itemization.
/// </summary>
public static class DemoMessageAccounts
{
    public static MessageFacts UnitedStates(string language, LocalDate today, LocalDate periodEnd)
    {
        var usd = Currency.USD;
        var figures = new ValidationFigures(new LocalDate(2026, 6, 1), Money.Of(1180.00m, usd), Money.Of(54.32m, usd), Money.Of(25.00m, usd), Money.Of(100.00m, usd), Money.Of(1159.32m, usd), periodEnd);
        return new MessageFacts(language == "es" ? "Carmen" : "Jane", "Acme Bank", "First Card Co", "DEMO-1001", Jurisdiction.Parse("US-PA"), figures.AmountNow, today, figures);
    }

    public static MessageFacts UnitedKingdom(string language, LocalDate today, LocalDate periodEnd)
    {
        var gbp = Currency.GBP;
        var figures = new ValidationFigures(new LocalDate(2026, 6, 1), Money.Of(820.00m, gbp), Money.Zero(gbp), Money.Zero(gbp), Money.Of(50.00m, gbp), Money.Of(770.00m, gbp), periodEnd);
        return new MessageFacts(language == "es" ? "Carmen" : "Mary", "Brit Card", "Brit Card", "DEMO-2002", Jurisdiction.Parse("GB-ENG"), figures.AmountNow, today, figures);
    }
}
