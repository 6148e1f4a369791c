using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Arrangements.Simulation;
using Parley.Modules.Payments.Contracts;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;

namespace Parley.Modules.Arrangements.Plans;

/// <summary>
/// <c>GET /api/accounts/{id}/arrangements</c>: the account's plans, newest first, with schedules and history; the active
/// plan reconciled with the ledger as of now (what the five-minute pass would store, stored now with its events).
/// </summary>
public sealed class ListArrangements(ParleyDbContext db, IAccountArrangementPolicies policies, IChargeFreezes freezes, ReconcileArrangements reconcile, NodaTime.IClock clock)
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/accounts/{id}/arrangements", async Task<Ok<IReadOnlyList<ArrangementView>>> (AccountId id, ListArrangements handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, ct)))
            .RequireAuthorization(StaffPolicies.Staff)
            .WithName("ListArrangements")
            .WithSummary("The account's repayment plans, newest first, with their schedules, payments and history.");

    public async Task<IReadOnlyList<ArrangementView>> HandleAsync(AccountId accountId, CancellationToken cancellationToken)
    {
        _ = await policies.GetAsync(accountId, cancellationToken) ?? throw new DomainException(new ArrangementAccountNotFound(accountId));
        // The active plan is brought up to date with the ledger first, so a payment posted a moment ago shows on it now.
        await reconcile.HandleAccountAsync(accountId, cancellationToken);
        var plans = await db.Set<Arrangement>().AsNoTracking().Include(a => a.Instalments).Include(a => a.History).AsSplitQuery()
            .Where(a => a.AccountId == accountId)
            .ToListAsync(cancellationToken);
        // The freeze in force now (a Breathing Space or dispute hold, or a plan that freezes them) shows on the open plans.
        var freeze = plans.Any(p => !p.IsClosed) ? await freezes.GetAsync(accountId, clock.GetCurrentInstant(), cancellationToken) : null;
        return [.. plans.OrderByDescending(a => a.CreatedAt).Select(a => ArrangementView.Of(a) with { ChargeFreeze = a.IsClosed ? null : freeze?.Reason })];
    }
}
