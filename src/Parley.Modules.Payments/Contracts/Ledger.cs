using NodaTime;
using Parley.SharedKernel;

namespace Parley.Modules.Payments.Contracts;

/// <summary>
/// A payment the customer made, taken by a member of staff (or reported by a provider): posted once per
/// <paramref name="IdempotencyKey"/>, so a retry or a double click returns the first result.
/// </summary>
/// <param name="Note">What the agent wants kept with the payment (up to 200 characters); it becomes part of the ledger entry's description.</param>
public sealed record RecordPaymentRequest(
    AccountId Account,
    string IdempotencyKey,
    decimal Amount,
    string? Currency,
    PaymentMethod Method,
    Instant? ReceivedAt = null,
    string? Reference = null,
    string? Note = null);

/// <summary>Posts the exact negation of a ledger entry (a chargeback or a correction), with a reason; a supervisor's decision.</summary>
public sealed record ReverseEntryRequest(AccountId Account, LedgerEntryId Entry, string Reason);

/// <summary>The account's ledger, oldest first, with the outstanding balance after each entry.</summary>
public sealed record ReadLedgerRequest(AccountId Account);

/// <summary>The account's balance by bucket.</summary>
public sealed record GetBalanceRequest(AccountId Account);

/// <summary>Amounts by bucket in major units (e.g. 12.34).</summary>
public sealed record BucketAmounts(decimal Principal, decimal Interest, decimal Fees, decimal Credit);

public sealed record BalanceResponse(Guid AccountId, string Currency, decimal Principal, decimal Interest, decimal Fees, decimal Credit, decimal Outstanding);

/// <summary>One ledger entry; <c>Change</c> is its signed effect per bucket (positive = more owed, or more credit held).</summary>
/// <param name="Kind">The kind's name (<see cref="LedgerEntryKinds.Name"/>), e.g. <c>write_off</c>.</param>
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
    Guid? ReversesEntryId);

/// <summary>A posted entry with the balance right after it; the same body is returned when the request is replayed.</summary>
public sealed record PostingResponse(LedgerEntryResponse Entry, BalanceResponse Balance);

/// <summary>The payment entry, how it was allocated (paid off each bucket, and any credit held), and the balance after.</summary>
public sealed record PaymentResponse(LedgerEntryResponse Entry, BucketAmounts Allocation, BalanceResponse Balance);

public sealed record LedgerLine(LedgerEntryResponse Entry, decimal OutstandingAfter);

public sealed record LedgerResponse(Guid AccountId, string Currency, string Waterfall, IReadOnlyList<LedgerLine> Entries, BalanceResponse Balance);
