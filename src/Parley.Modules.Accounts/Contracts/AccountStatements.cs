using NodaTime;
using Parley.SharedKernel;

namespace Parley.Modules.Accounts.Contracts;

/// <summary>One monthly statement as the creditor placed it; amounts in the account currency's minor units.</summary>
public sealed record AccountStatementMonth(LocalDate StatementDate, long AmountDueMinor, long MinimumDueMinor, long AmountPaidMinor, int DaysPastDue);

/// <summary>An account's facts and monthly statement history (oldest first), for models that read repayment behaviour; the dates as the creditor placed them. The creditor lets a reader check the actor's scope.</summary>
public sealed record AccountStatements(
    AccountId AccountId,
    CreditorId CreditorId,
    Currency Currency,
    int DaysPastDue,
    bool ChargedOff,
    IReadOnlyList<AccountStatementMonth> Months,
    LocalDate? ChargeOffDate = null,
    LocalDate? LastPaymentDate = null);

public interface IAccountStatementReader
{
    /// <summary>The account's facts and statements, or null when there is no such account.</summary>
    Task<AccountStatements?> GetAsync(AccountId accountId, CancellationToken cancellationToken);

    /// <summary>Every account's facts and statements, streamed in account-id order (for batch scoring).</summary>
    IAsyncEnumerable<AccountStatements> ReadAllAsync(CancellationToken cancellationToken);
}
