using NodaTime;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Outreach.Contracts;
using Parley.SharedKernel;

namespace Parley.Modules.Outreach.UseCases;

public sealed record OutreachAccountNotFound(AccountId AccountId)
    : DomainError("outreach.account_not_found", $"Account {AccountId} does not exist.", ErrorKind.NotFound);

public sealed record ContactAttemptNotFound(ContactAttemptId AttemptId)
    : DomainError("outreach.attempt_not_found", $"Contact {AttemptId} is not recorded on this account.", ErrorKind.NotFound);

public sealed record ContactAddressInvalid(ContactChannel Channel, string Why)
    : DomainError("outreach.address_invalid", $"The address of a {Channel.Name()} contact {Why}.", ErrorKind.Validation)
{
    public override IReadOnlyDictionary<string, string[]>? FieldErrors => new Dictionary<string, string[]> { ["address"] = [Detail] };
}

public sealed record IdempotencyKeyRequired()
    : DomainError("outreach.idempotency_key_required", "A contact needs an idempotency key (1 to 200 characters) naming the attempt, so a retry does not record it twice.", ErrorKind.Validation)
{
    public override IReadOnlyDictionary<string, string[]>? FieldErrors => new Dictionary<string, string[]> { ["idempotencyKey"] = [Detail] };
}

public sealed record ContactInTheFuture(Instant At)
    : DomainError("outreach.contact_in_the_future", $"A contact is recorded when it happens; {At} is in the future.", ErrorKind.Validation)
{
    public override IReadOnlyDictionary<string, string[]>? FieldErrors => new Dictionary<string, string[]> { ["at"] = [Detail] };
}

public sealed record OutcomeNotForChannel(ContactChannel Channel, ContactOutcome Outcome)
    : DomainError("outreach.outcome_not_for_channel", $"A {Channel.Name()} contact cannot have the outcome '{Outcome}'.", ErrorKind.Validation)
{
    public override IReadOnlyDictionary<string, string[]>? FieldErrors => new Dictionary<string, string[]> { ["outcome"] = [Detail] };
}

public sealed record OutcomeBeforeAttempt(Instant At)
    : DomainError("outreach.outcome_before_attempt", $"An outcome cannot come before its contact ({At}).", ErrorKind.Validation)
{
    public override IReadOnlyDictionary<string, string[]>? FieldErrors => new Dictionary<string, string[]> { ["at"] = [Detail] };
}

public sealed record ContactTextTooLong(string Field, int Max)
    : DomainError("outreach.text_too_long", $"'{Field}' may hold at most {Max} characters.", ErrorKind.Validation)
{
    public override IReadOnlyDictionary<string, string[]>? FieldErrors => new Dictionary<string, string[]> { [Field] = [Detail] };
}

/// <summary>A preference that cannot hold, named by its field (e.g. <c>preferences.allowedTo</c>).</summary>
public sealed record PreferenceInvalid(string Field, string Why)
    : DomainError("outreach.preference_invalid", $"'{Field}' {Why}.", ErrorKind.Validation)
{
    public override IReadOnlyDictionary<string, string[]>? FieldErrors => new Dictionary<string, string[]> { [Field] = [Detail] };
}

public sealed record PreferenceReasonRequired()
    : DomainError("outreach.preference_reason_required", "A change of contact preferences needs a reason (up to 500 characters).", ErrorKind.Validation)
{
    public override IReadOnlyDictionary<string, string[]>? FieldErrors => new Dictionary<string, string[]> { ["reason"] = [Detail] };
}

public sealed record OutreachCreditorNotFound(CreditorId CreditorId)
    : DomainError("outreach.creditor_not_found", $"Creditor {CreditorId} does not exist.", ErrorKind.NotFound);

public sealed record ContactBudgetInvalid(string Field, string Why)
    : DomainError("outreach.budget_invalid", $"The contact budget's {Field} {Why}.", ErrorKind.Validation)
{
    public override IReadOnlyDictionary<string, string[]>? FieldErrors => new Dictionary<string, string[]> { [Field] = [Detail] };
}
