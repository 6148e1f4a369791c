using Microsoft.EntityFrameworkCore;
using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Payments.Contracts;
using Parley.Persistence;
using Parley.SharedKernel;

namespace Parley.Modules.Arrangements.Plans;

/// <summary>
/// Tells the ledger when interest and fees are frozen on an account: during Breathing Space (standard or mental health
/// crisis moratorium, UK-BS-FREEZE), during a dispute (the catalogue's dispute hold; Parley's policy stops charges until it
/// is resolved), and for the life of an active plan that freezes them (UK-CONC-FORBEARANCE).
/// </summary>
internal sealed class InterestAndFeeFreezes(IAccountHoldHistories holds, ParleyDbContext db) : IChargeFreezes
{
    public async Task<ChargeFreeze?> GetAsync(AccountId accountId, Instant at, CancellationToken cancellationToken)
    {
        var history = await holds.GetAsync(accountId, at, cancellationToken);
        var onNow = (history?.Holds ?? []).Where(h => h.StartsAt <= at && (h.EndsAt is not { } end || end > at)).Select(h => h.Kind).ToHashSet();
        if (onNow.Contains(HoldType.BreathingSpace) || onNow.Contains(HoldType.MentalHealthCrisis))
        {
            return new ChargeFreeze("UK-BS-FREEZE", "a Breathing Space moratorium is in force: no interest or fees may be added");
        }

        if (onNow.Contains(HoldType.Dispute))
        {
            return new ChargeFreeze("dispute_hold", "the debt is disputed: interest and fees stop until the dispute is resolved");
        }

        var frozenByPlan = await db.Set<Arrangement>().AsNoTracking()
            .AnyAsync(a => a.AccountId == accountId && a.Status == ArrangementStatus.Active && a.InterestAndFeesFrozen, cancellationToken);
        return frozenByPlan
            ? new ChargeFreeze("UK-CONC-FORBEARANCE", "an active repayment plan freezes interest and fees for its life")
            : null;
    }
}
