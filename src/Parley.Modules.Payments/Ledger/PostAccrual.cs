using Microsoft.Extensions.Logging;
using NodaTime;
using Parley.Modules.Payments.Contracts;
using Parley.Modules.Payments.Domain;
using Parley.SharedKernel;

namespace Parley.Modules.Payments.Ledger;

public enum AccrualKind
{
    Interest,
    Fee,
}

public sealed record ChargesFrozen(AccountId AccountId, string FreezeCode, string Reason)
    : DomainError("payments.charges_frozen", $"No interest or fee may be charged to account {AccountId}: {Reason}", ErrorKind.Conflict);

/// <summary>One interest or fee entry to post: its amount in minor units, the key that makes it post once, and its ledger text.</summary>
public sealed record AccrualCharge(AccrualKind Kind, long AmountMinor, string IdempotencyKey, string Description);

/// <summary>What posting an account's charges did: the freeze that refused them all, or each entry as posted (or as first posted, on a replay).</summary>
public sealed record AccrualOutcome(ChargeFreeze? Freeze, IReadOnlyList<PostedEntry> Posted);

/// <summary>
/// The ledger's one path for charging interest or a fee (the accrual job and any manual adjustment post here): while a
/// freeze is in force (<see cref="IChargeFreezes"/>: Breathing Space, a dispute, a plan that freezes them) it refuses.
/// </summary>
public sealed class PostAccrual(LedgerWriter writer, IEnumerable<IChargeFreezes> freezes, IClock clock, ILogger<PostAccrual> logger)
{
    /// <summary>Posts one charge; a freeze is a <see cref="ChargesFrozen"/> refusal, logged with the account id and rule only.</summary>
    public async Task<PostedEntry> HandleAsync(AccountId accountId, AccrualKind kind, long amountMinor, string idempotencyKey, CancellationToken cancellationToken)
    {
        var outcome = await PostAsync(accountId, [new AccrualCharge(kind, amountMinor, idempotencyKey, kind == AccrualKind.Interest ? "Interest" : "Fee")], cancellationToken);
        if (outcome.Freeze is { } freeze)
        {
            // Ids and the rule only: no customer data in logs.
            logger.LogWarning("Refused to charge {Kind} to account {AccountId}: frozen ({FreezeCode})", kind, accountId, freeze.Code);
            throw new DomainException(new ChargesFrozen(accountId, freeze.Code, freeze.Reason));
        }

        return outcome.Posted[0];
    }

    /// <summary>
    /// Asks every freeze source once, then posts each charge under its own key (a key already used replays the first
    /// entry, so a re-run posts nothing twice). Frozen: nothing is posted and nothing logged — the caller counts it.
    /// </summary>
    public async Task<AccrualOutcome> PostAsync(AccountId accountId, IReadOnlyList<AccrualCharge> charges, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        foreach (var source in freezes)
        {
            if (await source.GetAsync(accountId, now, cancellationToken) is { } freeze)
            {
                return new AccrualOutcome(freeze, []);
            }
        }

        var posted = new List<PostedEntry>(charges.Count);
        foreach (var charge in charges)
        {
            var posting = new Posting(charge.IdempotencyKey, now, now, charge.Description);
            posted.Add(await writer.PostAsync(
                accountId,
                charge.IdempotencyKey,
                null,
                account => Task.FromResult(charge.Kind == AccrualKind.Interest ? account.AccrueInterest(charge.AmountMinor, posting) : account.AddFee(charge.AmountMinor, posting)),
                cancellationToken));
        }

        return new AccrualOutcome(null, posted);
    }
}
