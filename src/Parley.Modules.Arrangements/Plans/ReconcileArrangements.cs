using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Payments.Contracts;
using Parley.Persistence;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Arrangements.Plans;

/// <summary>
/// Replays every active plan against its ledger payments and holds (see <see cref="PlanProgressCalculator"/>), and
/// stores what changed with its outbox events, one plan per transaction. Idempotent: a second pass at the same instant
/// changes nothing and raises nothing; a plan another node changed meanwhile is left for the next pass.
/// </summary>
public sealed class ReconcileArrangements(
    ParleyDbContext db,
    IAccountHoldHistories holds,
    ICustomerLocales locales,
    ILedgerPaymentHistory payments,
    IClock clock,
    ILogger<ReconcileArrangements> logger)
    : IUseCase<ReconcileArrangementsRequest, ReconciliationSummary>
{
    /// <summary>When the customer's time zone is unknown, the last on earth (UTC−12): a day never ends there before it ends for the customer.</summary>
    public const string FallbackTimeZone = "Etc/GMT+12";

    /// <summary>Parley's five-minute pass (an admin may run it too); an agent has no reason to replay every plan.</summary>
    public async Task<ReconciliationSummary> HandleAsync(Actor actor, ReconcileArrangementsRequest request, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("reconcile every active plan", [StaffRoles.Admin], allowSystem: true);
        var ids = await db.Set<Arrangement>().AsNoTracking().Where(a => a.Status == ArrangementStatus.Active).Select(a => a.Id).ToListAsync(cancellationToken);
        var summary = new ReconciliationSummary(0, 0, 0, 0, 0);
        foreach (var id in ids)
        {
            var one = await ReconcileOneAsync(id, cancellationToken);
            summary = new(summary.Plans + 1, summary.Completed + one.Completed, summary.Broken + one.Broken, summary.InstalmentsMissed + one.InstalmentsMissed, summary.Conflicts + one.Conflicts);
        }

        db.ChangeTracker.Clear();
        return summary;
    }

    /// <summary>
    /// The same pass for one account's active plans, so a page shows a payment on the plan as soon as it is posted
    /// instead of at the next five-minute pass (the answer is the same: it depends only on the ledger, holds and clock).
    /// </summary>
    public async Task<ReconciliationSummary> HandleAccountAsync(SharedKernel.AccountId accountId, CancellationToken cancellationToken)
    {
        var ids = await db.Set<Arrangement>().AsNoTracking().Where(a => a.AccountId == accountId && a.Status == ArrangementStatus.Active).Select(a => a.Id).ToListAsync(cancellationToken);
        var summary = new ReconciliationSummary(0, 0, 0, 0, 0);
        foreach (var id in ids)
        {
            var one = await ReconcileOneAsync(id, cancellationToken);
            summary = new(summary.Plans + 1, summary.Completed + one.Completed, summary.Broken + one.Broken, summary.InstalmentsMissed + one.InstalmentsMissed, summary.Conflicts + one.Conflicts);
        }

        db.ChangeTracker.Clear();
        return summary;
    }

    private async Task<ReconciliationSummary> ReconcileOneAsync(ArrangementId id, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var arrangement = await db.Set<Arrangement>().Include(a => a.Instalments).Include(a => a.History).AsSplitQuery()
            .SingleAsync(a => a.Id == id, cancellationToken);
        await ApplyLedgerAsync(arrangement, cancellationToken);
        var missed = arrangement.PendingEvents.Count(e => e.Type == ArrangementEventType.InstalmentMissed);
        var completed = arrangement.Status == ArrangementStatus.Completed ? 1 : 0;
        var broken = arrangement.Status == ArrangementStatus.Broken ? 1 : 0;
        try
        {
            db.StageEvents(arrangement);
            await db.SaveChangesAsync(cancellationToken);
            return new ReconciliationSummary(1, completed, broken, missed, 0);
        }
        catch (DbUpdateException ex)
        {
            // Another node reconciled this plan first (version or outbox key clash): the next pass sees its result.
            logger.LogInformation("Arrangement {ArrangementId} changed during reconciliation ({Error}); left for the next pass", id, ex.GetType().Name);
            return new ReconciliationSummary(1, 0, 0, 0, 1);
        }
    }

    /// <summary>Brings one active plan up to date with the ledger and holds (in memory; the caller saves).</summary>
    public async Task ApplyLedgerAsync(Arrangement arrangement, CancellationToken cancellationToken)
    {
        if (arrangement.Status != ArrangementStatus.Active || arrangement.ActivatedAt is not { } since)
        {
            return;
        }

        var now = clock.GetCurrentInstant();
        var history = await holds.GetAsync(arrangement.AccountId, since, cancellationToken);
        var fallback = DateTimeZoneProviders.Tzdb[FallbackTimeZone];
        var zone = (await locales.GetAsync(arrangement.AccountId, cancellationToken))?.ZoneOr(fallback) ?? fallback;
        var ledger = await payments.SinceAsync(arrangement.AccountId, since, cancellationToken);
        var progress = PlanProgressCalculator.Evaluate(
            arrangement.DueInstalments(),
            since,
            ledger.Where(p => p.Amount.Currency == arrangement.Currency).Select(p => new PaymentFact(p.Amount.ToMinorUnits(), p.OccurredAt, p.ReversedAt)),
            (history?.Holds ?? []).Select(h => new HoldFact(h.StartsAt, h.EndsAt)),
            zone,
            now,
            arrangement.Tolerance);
        arrangement.Apply(progress, now);
    }
}
