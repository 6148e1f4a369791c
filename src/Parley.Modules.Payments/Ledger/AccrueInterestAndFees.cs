using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Parley.Modules.Payments.Contracts;
using Parley.Modules.Payments.Domain;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Payments.Ledger;

/// <summary>How much one month accrues. The one place accrual rounds.</summary>
public static class AccrualAmounts
{
    /// <summary>
    /// One month's interest on the principal: principal × annual rate ÷ 12, <b>rounded down</b> to the minor unit, so the
    /// customer is never charged a fraction the rate does not justify. Exact: the product is a decimal with the rate's
    /// few places, so the floor of the quotient is never lifted by rounding.
    /// </summary>
    public static long MonthlyInterestMinor(long principalMinor, decimal annualRatePercent) =>
        principalMinor <= 0 || annualRatePercent <= 0 ? 0 : (long)decimal.Floor(principalMinor * annualRatePercent / 1200m);
}

/// <summary>
/// The periodic accrual: for every account whose creditor charges interest or a monthly fee (see
/// <see cref="IAccruingAccounts"/>), posts one month's interest on the principal bucket and the fee once per
/// customer-local month, through <see cref="PostAccrual"/> — so an account under Breathing Space, a mental health crisis
/// moratorium, a dispute or a plan that freezes charges gets nothing, and is counted, not logged. Each entry's key is
/// (account, kind, month), so a second pass, a restart mid-pass or a second node posts nothing twice. Accounts are read in
/// batches: per <see cref="BatchSize"/> accounts one query for their terms, one for their balances and one for the
/// month's charges already posted, so an hourly pass over accounts already charged this month posts and checks nothing more.
/// </summary>
public sealed class AccrueInterestAndFees(IAccruingAccounts accounts, ParleyDbContext db, PostAccrual post, IClock clock)
    : IUseCase<AccrueInterestAndFeesRequest, AccrualSummary>
{
    public const int BatchSize = 500;

    /// <summary>When the customer's time zone is unknown, the last on earth (UTC−12): their month never starts before it starts for them.</summary>
    public const string FallbackTimeZone = "Etc/GMT+12";

    /// <summary>The ledger key of an account's interest or fee for a month, e.g. <c>accrual:interest:2026-11</c>.</summary>
    public static string Key(AccrualKind kind, YearMonth month) =>
        string.Create(CultureInfo.InvariantCulture, $"accrual:{(kind == AccrualKind.Interest ? "interest" : "fee")}:{month.Year:D4}-{month.Month:D2}");

    /// <summary>
    /// One pass. With no <see cref="AccrueInterestAndFeesRequest.AsOf"/> each account is charged for the month it is now in the customer's time zone;
    /// with one, for that date's month (an operator catching up a missed month): it may be at most a year back and not
    /// after today's date anywhere on earth (UTC−12), so a month is never charged before it has begun.
    /// </summary>
    /// <remarks>Only Parley itself (the hourly job, the operator's CLI) charges interest and fees: no person does it by hand.</remarks>
    public async Task<AccrualSummary> HandleAsync(Actor actor, AccrueInterestAndFeesRequest request, CancellationToken cancellationToken)
    {
        if (actor is not SystemProcess)
        {
            throw new DomainException(new ActorNotAllowed("accrue interest and fees", []));
        }

        var asOf = request.AsOf;
        var now = clock.GetCurrentInstant();
        if (asOf is { } date)
        {
            var earliestToday = now.InZone(DateTimeZone.ForOffset(Offset.FromHours(-12))).Date;
            if (date > earliestToday)
            {
                throw new DomainException(new InvalidAccrualDate(date, Text($"{date:uuuu-MM-dd} is in the future (the latest accepted today is {earliestToday:uuuu-MM-dd})")));
            }

            if (date < earliestToday.PlusYears(-1))
            {
                throw new DomainException(new InvalidAccrualDate(date, Text($"{date:uuuu-MM-dd} is more than a year back (the earliest accepted today is {earliestToday.PlusYears(-1):uuuu-MM-dd})")));
            }
        }

        var ids = await accounts.ListAsync(cancellationToken);
        int seen = 0, interestPosted = 0, feesPosted = 0, already = 0, frozen = 0, nothing = 0;
        var frozenByRule = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var batch in ids.Chunk(BatchSize))
        {
            var terms = await accounts.GetAsync(batch, cancellationToken);
            var batchIds = terms.Select(t => t.AccountId).ToList();
            var ledgers = await db.Set<LedgerAccount>().AsNoTracking().Where(a => batchIds.Contains(a.AccountId)).ToDictionaryAsync(a => a.AccountId, cancellationToken);
            var planned = terms.Select(account => (Account: account, Charges: ledgers.TryGetValue(account.AccountId, out var ledger) && ledger.Currency == account.Currency
                ? Charges(account, ledger, asOf ?? now.InZone(ZoneOf(account.TimeZone)).Date)
                : [])).ToList();
            // The job runs hourly: a month already charged is found for the whole batch in one query, not replayed account by account.
            var keys = planned.SelectMany(p => p.Charges.Select(c => c.IdempotencyKey)).Distinct().ToList();
            var charged = keys.Count == 0
                ? []
                : (await db.Set<LedgerEntry>().AsNoTracking()
                    .Where(e => batchIds.Contains(e.AccountId) && keys.Contains(e.IdempotencyKey))
                    .Select(e => new { e.AccountId, e.IdempotencyKey })
                    .ToListAsync(cancellationToken))
                    .Select(e => (e.AccountId, e.IdempotencyKey)).ToHashSet();
            foreach (var (account, allCharges) in planned)
            {
                seen++;
                if (allCharges.Count == 0)
                {
                    nothing++;
                    continue;
                }

                var charges = allCharges.Where(c => !charged.Contains((account.AccountId, c.IdempotencyKey))).ToList();
                already += allCharges.Count - charges.Count;
                if (charges.Count == 0)
                {
                    continue;
                }

                var outcome = await post.PostAsync(account.AccountId, charges, cancellationToken);
                if (outcome.Freeze is { } freeze)
                {
                    frozen++;
                    frozenByRule[freeze.Code] = frozenByRule.GetValueOrDefault(freeze.Code) + 1;
                    continue;
                }

                foreach (var entry in outcome.Posted)
                {
                    if (entry.Replayed)
                    {
                        already++;
                    }
                    else if (entry.Entry.Kind == LedgerEntryKind.Interest)
                    {
                        interestPosted++;
                    }
                    else
                    {
                        feesPosted++;
                    }
                }
            }

            db.ChangeTracker.Clear();
        }

        return new AccrualSummary(seen, interestPosted, feesPosted, already, frozen, nothing, frozenByRule);
    }

    /// <summary>The month's interest (when the principal and rate give at least one minor unit) and fee (when anything is owed).</summary>
    private static List<AccrualCharge> Charges(AccruingAccount account, LedgerAccount ledger, LocalDate day)
    {
        var month = day.ToYearMonth();
        var charges = new List<AccrualCharge>(2);
        var interest = AccrualAmounts.MonthlyInterestMinor(ledger.PrincipalMinor, account.AnnualInterestRatePercent);
        if (interest > 0)
        {
            charges.Add(new AccrualCharge(AccrualKind.Interest, interest, Key(AccrualKind.Interest, month), Text($"Interest for {month.Year:D4}-{month.Month:D2}")));
        }

        if (account.MonthlyFeeMinor > 0 && ledger.OutstandingMinor > 0)
        {
            charges.Add(new AccrualCharge(AccrualKind.Fee, account.MonthlyFeeMinor, Key(AccrualKind.Fee, month), Text($"Monthly fee for {month.Year:D4}-{month.Month:D2}")));
        }

        return charges;
    }

    private static DateTimeZone ZoneOf(string? timeZone) =>
        (timeZone is null ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZone)) ?? DateTimeZoneProviders.Tzdb[FallbackTimeZone];

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
