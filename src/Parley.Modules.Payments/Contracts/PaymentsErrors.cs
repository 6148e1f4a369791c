using Parley.SharedKernel;

namespace Parley.Modules.Payments.Contracts;

public sealed record LedgerAccountNotFound(AccountId AccountId)
    : DomainError("payments.account_not_found", $"Account {AccountId} has no ledger.", ErrorKind.NotFound);

public sealed record LedgerEntryNotFound(LedgerEntryId EntryId)
    : DomainError("payments.entry_not_found", $"Ledger entry {EntryId} does not exist on this account.", ErrorKind.NotFound);

public sealed record CurrencyMismatch(Currency Expected, string Actual)
    : DomainError("payments.currency_mismatch", $"The account is held in {Expected.Code}, not {Actual}.", ErrorKind.Validation)
{
    public override IReadOnlyDictionary<string, string[]> FieldErrors =>
        new Dictionary<string, string[]> { ["currency"] = [$"The account is held in {Expected.Code}."] };
}

public sealed record InvalidPaymentRequest(IReadOnlyDictionary<string, string[]> Errors)
    : DomainError("payments.invalid_request", "The payment request is not valid.", ErrorKind.Validation)
{
    public override IReadOnlyDictionary<string, string[]> FieldErrors => Errors;
}

public sealed record IdempotencyKeyRequired()
    : DomainError("payments.idempotency_key_required", "The Idempotency-Key header is required and must be 1 to 200 characters.", ErrorKind.Validation);

public sealed record IdempotencyKeyReused(string Key)
    : DomainError("payments.idempotency_key_reused", $"Idempotency key '{Key}' was already used for a different request.", ErrorKind.Conflict);

public sealed record EntryAlreadyReversed(LedgerEntryId EntryId)
    : DomainError("payments.already_reversed", $"Ledger entry {EntryId} has already been reversed.", ErrorKind.Conflict);

public sealed record ReversalNotReversible(LedgerEntryId EntryId)
    : DomainError("payments.reversal_not_reversible", $"Ledger entry {EntryId} is itself a reversal and cannot be reversed.", ErrorKind.Conflict);

public sealed record ReversalExceedsBalance(LedgerEntryId EntryId)
    : DomainError("payments.reversal_exceeds_balance", $"Reversing ledger entry {EntryId} would take a balance below zero; post an adjustment instead.", ErrorKind.Conflict);

public sealed record ReductionExceedsBalance(LedgerEntryKind EntryKind)
    : DomainError("payments.reduction_exceeds_balance", $"A {EntryKind.Name()} cannot reduce a bucket below zero.", ErrorKind.Validation);

public sealed record ProviderReferenceNotFound(string Provider, string Reference)
    : DomainError("payments.provider_reference_not_found", $"No {Provider} payment with reference '{Reference}' is on this account.", ErrorKind.NotFound);
