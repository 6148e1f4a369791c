using Parley.SharedKernel;

namespace Parley.Modules.Accounts.Contracts;

/// <summary>The creditor's own references of up to <see cref="MaxAccounts"/> accounts, for lists that name accounts (the Ops and Care pages).</summary>
public sealed record GetAccountReferencesRequest(IReadOnlyCollection<AccountId> Accounts)
{
    public const int MaxAccounts = 1000;
}

public sealed record AccountReferencesInvalid(int Count)
    : DomainError("accounts.references_invalid", $"Ask for at most {GetAccountReferencesRequest.MaxAccounts} accounts at a time; this asked for {Count}.", ErrorKind.Validation);
