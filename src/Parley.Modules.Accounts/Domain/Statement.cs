using NodaTime;
using Parley.SharedKernel;

namespace Parley.Modules.Accounts.Domain;

/// <summary>One monthly statement of an account's history: the input the models learn repayment behaviour from.</summary>
public sealed class Statement
{
    private Statement()
    {
    }

    public Statement(AccountId accountId, LocalDate statementDate, long amountDueMinor, long minimumDueMinor, long amountPaidMinor, int daysPastDue)
    {
        AccountId = accountId;
        StatementDate = statementDate;
        AmountDueMinor = amountDueMinor;
        MinimumDueMinor = minimumDueMinor;
        AmountPaidMinor = amountPaidMinor;
        DaysPastDue = daysPastDue;
    }

    public AccountId AccountId { get; private set; }

    public LocalDate StatementDate { get; private set; }

    public long AmountDueMinor { get; private set; }

    public long MinimumDueMinor { get; private set; }

    public long AmountPaidMinor { get; private set; }

    public int DaysPastDue { get; private set; }
}

/// <summary>One field of an account that a later placement changed: the account's history.</summary>
public sealed class AccountChange
{
    private AccountChange() => Field = "";

    public AccountChange(AccountId accountId, Instant at, ImportId? importId, FieldChange change)
    {
        Id = NewId.Next();
        AccountId = accountId;
        At = at;
        ImportId = importId;
        Field = change.Field;
        OldValue = change.OldValue;
        NewValue = change.NewValue;
    }

    public Guid Id { get; private set; }

    public AccountId AccountId { get; private set; }

    public Instant At { get; private set; }

    public ImportId? ImportId { get; private set; }

    public string Field { get; private set; }

    public string? OldValue { get; private set; }

    public string? NewValue { get; private set; }
}
