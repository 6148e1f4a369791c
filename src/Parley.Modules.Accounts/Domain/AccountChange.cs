using NodaTime;
using Parley.SharedKernel;

namespace Parley.Modules.Accounts.Domain;

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
