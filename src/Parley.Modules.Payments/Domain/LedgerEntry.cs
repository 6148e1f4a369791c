using NodaTime;
using Parley.Modules.Payments.Contracts;
using Parley.SharedKernel;

namespace Parley.Modules.Payments.Domain;

/// <summary>Who asked for an entry and why: the keys that make posting idempotent and the trail back to the source.</summary>
public sealed record Posting(
    string IdempotencyKey,
    Instant OccurredAt,
    Instant RecordedAt,
    string Description,
    string? RequestHash = null,
    string? Provider = null,
    string? ProviderReference = null,
    string? Method = null);

/// <summary>One immutable line of an account's ledger; the balance is always the sum of these deltas.</summary>
public sealed class LedgerEntry
{
    public const int IdempotencyKeyMaxLength = 200;

    private LedgerEntry()
    {
        Currency = Currency.USD;
        IdempotencyKey = "";
        Description = "";
    }

    internal LedgerEntry(LedgerAccount account, LedgerEntryKind kind, Buckets deltas, long amountMinor, Posting posting, LedgerEntryId? reverses)
    {
        Id = LedgerEntryId.New();
        AccountId = account.AccountId;
        Sequence = account.EntryCount;
        Kind = kind;
        Currency = account.Currency;
        PrincipalMinor = deltas.Principal;
        InterestMinor = deltas.Interest;
        FeesMinor = deltas.Fees;
        CreditMinor = deltas.Credit;
        AmountMinor = amountMinor;
        OccurredAt = posting.OccurredAt;
        RecordedAt = posting.RecordedAt;
        IdempotencyKey = posting.IdempotencyKey;
        RequestHash = posting.RequestHash;
        ReversesEntryId = reverses;
        Provider = posting.Provider;
        ProviderReference = posting.ProviderReference;
        Method = posting.Method;
        Description = posting.Description;
    }

    public LedgerEntryId Id { get; private set; }

    public AccountId AccountId { get; private set; }

    /// <summary>1-based position in the account's ledger, in the order entries were recorded.</summary>
    public long Sequence { get; private set; }

    public LedgerEntryKind Kind { get; private set; }

    public Currency Currency { get; private set; }

    public long PrincipalMinor { get; private set; }

    public long InterestMinor { get; private set; }

    public long FeesMinor { get; private set; }

    public long CreditMinor { get; private set; }

    /// <summary>The event's gross amount (a payment's amount, a charge's total, an adjustment's net change).</summary>
    public long AmountMinor { get; private set; }

    public Instant OccurredAt { get; private set; }

    public Instant RecordedAt { get; private set; }

    public string IdempotencyKey { get; private set; }

    public string? RequestHash { get; private set; }

    public LedgerEntryId? ReversesEntryId { get; private set; }

    public string? Provider { get; private set; }

    public string? ProviderReference { get; private set; }

    public string? Method { get; private set; }

    public string Description { get; private set; }

    public Buckets Deltas => new(PrincipalMinor, InterestMinor, FeesMinor, CreditMinor);
}
