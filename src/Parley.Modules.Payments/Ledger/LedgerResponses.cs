using Parley.Modules.Payments.Contracts;
using Parley.Modules.Payments.Domain;
using Parley.SharedKernel;

namespace Parley.Modules.Payments.Ledger;

/// <summary>The ledger's entries and balances in the contract's words (major units, names, offsets).</summary>
internal static class LedgerResponses
{
    public static BucketAmounts Amounts(Buckets minor, Currency currency) => new(
        Money.FromMinorUnits(minor.Principal, currency).Amount,
        Money.FromMinorUnits(minor.Interest, currency).Amount,
        Money.FromMinorUnits(minor.Fees, currency).Amount,
        Money.FromMinorUnits(minor.Credit, currency).Amount);

    public static BalanceResponse Balance(AccountId accountId, Buckets balance, Currency currency) => new(
        accountId.Value,
        currency.Code,
        Money.FromMinorUnits(balance.Principal, currency).Amount,
        Money.FromMinorUnits(balance.Interest, currency).Amount,
        Money.FromMinorUnits(balance.Fees, currency).Amount,
        Money.FromMinorUnits(balance.Credit, currency).Amount,
        Money.FromMinorUnits(balance.Outstanding, currency).Amount);

    public static LedgerEntryResponse Entry(LedgerEntry e) => new(
        e.Id.Value,
        e.Sequence,
        e.Kind.Name(),
        e.Currency.Code,
        Money.FromMinorUnits(e.AmountMinor, e.Currency).Amount,
        Amounts(e.Deltas, e.Currency),
        e.OccurredAt.ToDateTimeOffset(),
        e.RecordedAt.ToDateTimeOffset(),
        e.Description,
        e.Method,
        e.Provider,
        e.ProviderReference,
        e.ReversesEntryId?.Value);

    public static PostingResponse Posting(PostedEntry posted) => new(
        Entry(posted.Entry),
        Balance(posted.Entry.AccountId, posted.BalanceAfter, posted.Entry.Currency));

    public static PaymentResponse Payment(PostedEntry posted)
    {
        var d = posted.Entry.Deltas;
        return new(
            Entry(posted.Entry),
            Amounts(new Buckets(-d.Principal, -d.Interest, -d.Fees, d.Credit), posted.Entry.Currency),
            Balance(posted.Entry.AccountId, posted.BalanceAfter, posted.Entry.Currency));
    }
}
