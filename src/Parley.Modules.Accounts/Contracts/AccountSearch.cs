using Parley.SharedKernel;

namespace Parley.Modules.Accounts.Contracts;

public enum AccountSort
{
    CustomerName,
    CreditorReference,
    DaysPastDue,
    Outstanding,
    PlacedAt,
}

/// <summary>
/// The portfolio list: server-side search, filters, sorting and paging. Unless told otherwise, the accounts furthest
/// behind come first (<see cref="AccountSort.DaysPastDue"/>, descending).
/// </summary>
public sealed record SearchAccountsQuery(
    string? Text = null,
    CreditorId? CreditorId = null,
    AccountStatus? Status = null,
    DelinquencyBucket? Bucket = null,
    string? Jurisdiction = null,
    ProductType? ProductType = null,
    bool? HasActiveHold = null,
    AccountSort Sort = AccountSort.DaysPastDue,
    bool Descending = true,
    int Page = 1,
    int PageSize = 25);

public sealed record AccountSummary(
    AccountId AccountId,
    string CreditorReference,
    string CreditorName,
    CustomerId CustomerId,
    string CustomerReference,
    string CustomerName,
    ProductType ProductType,
    AccountStatus Status,
    int DaysPastDue,
    DelinquencyBucket Bucket,
    string? Jurisdiction,
    string Currency,
    decimal Outstanding,
    bool HasActiveHold,
    bool TimeBarred = false);

public sealed record AccountPage(IReadOnlyList<AccountSummary> Items, int Total, int Page, int PageSize);
