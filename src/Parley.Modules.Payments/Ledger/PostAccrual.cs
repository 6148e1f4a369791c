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

/// <summary>
/// The ledger's one path for charging interest or a fee. Nothing accrues them automatically yet (rates are offer terms
/// only), so this guard is where any future accrual job or adjustment must post: while a freeze is in force
/// (<see cref="IChargeFreezes"/>: Breathing Space, a dispute, a plan that freezes them) it refuses and logs the refusal.
/// </summary>
public sealed class PostAccrual(LedgerWriter writer, IEnumerable<IChargeFreezes> freezes, IClock clock, ILogger<PostAccrual> logger)
{
    public async Task<PostedEntry> HandleAsync(AccountId accountId, AccrualKind kind, long amountMinor, string idempotencyKey, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        foreach (var source in freezes)
        {
            if (await source.GetAsync(accountId, now, cancellationToken) is { } freeze)
            {
                // Ids and the rule only: no customer data in logs.
                logger.LogWarning("Refused to charge {Kind} to account {AccountId}: frozen ({FreezeCode})", kind, accountId, freeze.Code);
                throw new DomainException(new ChargesFrozen(accountId, freeze.Code, freeze.Reason));
            }
        }

        var posting = new Posting(idempotencyKey, now, now, kind == AccrualKind.Interest ? "Interest" : "Fee");
        return await writer.PostAsync(
            accountId,
            idempotencyKey,
            null,
            account => Task.FromResult(kind == AccrualKind.Interest ? account.AccrueInterest(amountMinor, posting) : account.AddFee(amountMinor, posting)),
            cancellationToken);
    }
}
