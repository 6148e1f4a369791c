using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Accounts.Domain;
using Parley.Persistence;
using Parley.SharedKernel;

namespace Parley.Modules.Accounts.UseCases;

/// <summary>An account's facts and statement history for the Decisioning module (through <see cref="IAccountStatementReader"/>).</summary>
internal sealed class ReadAccountStatements(ParleyDbContext db) : IAccountStatementReader
{
    public async Task<AccountStatements?> GetAsync(AccountId accountId, CancellationToken cancellationToken)
    {
        var account = await db.Set<Account>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        return account is null ? null : ToContract(account);
    }

    public async IAsyncEnumerable<AccountStatements> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var account in db.Set<Account>().AsNoTracking().OrderBy(a => a.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return ToContract(account);
        }
    }

    private static AccountStatements ToContract(Account account) => new(
        account.Id,
        account.CreditorId,
        account.Currency,
        account.DaysPastDue,
        account.ChargeOffDate is not null,
        [.. account.Statements.Months.Select(m => new AccountStatementMonth(m.StatementDate, m.AmountDueMinor, m.MinimumDueMinor, m.AmountPaidMinor, m.DaysPastDue))],
        account.ChargeOffDate,
        account.LastPaymentDate);
}
