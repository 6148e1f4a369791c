using Parley.Modules.Payments.Domain;
using Parley.SharedKernel;

namespace Parley.Modules.Payments.Ledger;

/// <summary>Amounts by bucket in major units (e.g. 12.34).</summary>
public sealed record BucketAmounts(decimal Principal, decimal Interest, decimal Fees, decimal Credit)
{
    public static BucketAmounts From(Buckets minor, Currency currency) => new(
        Money.FromMinorUnits(minor.Principal, currency).Amount,
        Money.FromMinorUnits(minor.Interest, currency).Amount,
        Money.FromMinorUnits(minor.Fees, currency).Amount,
        Money.FromMinorUnits(minor.Credit, currency).Amount);
}

public sealed record BalanceResponse(Guid AccountId, string Currency, decimal Principal, decimal Interest, decimal Fees, decimal Credit, decimal Outstanding)
{
    public static BalanceResponse From(AccountId accountId, Buckets balance, Currency currency) => new(
        accountId.Value,
        currency.Code,
        Money.FromMinorUnits(balance.Principal, currency).Amount,
        Money.FromMinorUnits(balance.Interest, currency).Amount,
        Money.FromMinorUnits(balance.Fees, currency).Amount,
        Money.FromMinorUnits(balance.Credit, currency).Amount,
        Money.FromMinorUnits(balance.Outstanding, currency).Amount);
}

/// <summary>One ledger entry; <c>Change</c> is its signed effect per bucket (positive = more owed, or more credit held).</summary>
public sealed record LedgerEntryResponse(
    Guid Id,
    long Sequence,
    string Kind,
    string Currency,
    decimal Amount,
    BucketAmounts Change,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt,
    string Description,
    string? Method,
    string? Provider,
    string? Reference,
    Guid? ReversesEntryId)
{
    public static LedgerEntryResponse From(LedgerEntry e) => new(
        e.Id.Value,
        e.Sequence,
        e.Kind.Name(),
        e.Currency.Code,
        Money.FromMinorUnits(e.AmountMinor, e.Currency).Amount,
        BucketAmounts.From(e.Deltas, e.Currency),
        e.OccurredAt.ToDateTimeOffset(),
        e.RecordedAt.ToDateTimeOffset(),
        e.Description,
        e.Method,
        e.Provider,
        e.ProviderReference,
        e.ReversesEntryId?.Value);
}

/// <summary>A posted entry with the balance right after it; the same body is returned when the request is replayed.</summary>
public sealed record PostingResponse(LedgerEntryResponse Entry, BalanceResponse Balance)
{
    public static PostingResponse From(PostedEntry posted) => new(
        LedgerEntryResponse.From(posted.Entry),
        BalanceResponse.From(posted.Entry.AccountId, posted.BalanceAfter, posted.Entry.Currency));
}
