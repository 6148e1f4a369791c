using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Payments.Contracts;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Arrangements.Plans;

/// <summary>
/// <c>GET /api/accounts/{id}/arrangements</c>: the account's plans, newest first, with schedules and history; the active
/// plan reconciled with the ledger as of now (what the five-minute pass would store, stored now with its events).
/// The account page also gets the customer's time zone, for what is due today where they live.
/// </summary>
public sealed class ListArrangements(ParleyDbContext db, IAccountArrangementPolicies policies, IChargeFreezes freezes, ICustomerLocales customers, ReconcileArrangements reconcile, NodaTime.IClock clock)
    : IUseCase<ListArrangementsRequest, AccountArrangements>
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/accounts/{id}/arrangements", async Task<Ok<IReadOnlyList<ArrangementView>>> (AccountId id, ClaimsPrincipal user, ListArrangements handler, CancellationToken ct) =>
                TypedResults.Ok((await handler.HandleAsync(Actor.From(user), new ListArrangementsRequest(id), ct)).Plans))
            .RequireAuthorization(StaffPolicies.Staff)
            .WithName("ListArrangements")
            .WithSummary("The account's repayment plans, newest first, with their schedules, payments and history.");

    public async Task<AccountArrangements> HandleAsync(Actor actor, ListArrangementsRequest request, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("read an account's repayment plans", []);
        var accountId = request.Account;
        await policies.PolicyForAsync(actor, accountId, cancellationToken);
        // The active plan is brought up to date with the ledger first, so a payment posted a moment ago shows on it now.
        await reconcile.HandleAccountAsync(accountId, cancellationToken);
        var plans = await db.Set<Arrangement>().AsNoTracking().Include(a => a.Instalments).Include(a => a.History).AsSplitQuery()
            .Where(a => a.AccountId == accountId)
            .ToListAsync(cancellationToken);
        // The freeze in force now (a Breathing Space or dispute hold, or a plan that freezes them) shows on the open plans.
        var freeze = plans.Any(p => !p.IsClosed) ? await freezes.GetAsync(accountId, clock.GetCurrentInstant(), cancellationToken) : null;
        var customer = await customers.GetAsync(accountId, cancellationToken);
        return new AccountArrangements(
            [.. plans.OrderByDescending(a => a.CreatedAt).Select(a => ArrangementViews.Of(a) with { ChargeFreeze = a.IsClosed ? null : freeze?.Reason })],
            customer?.TimeZone);
    }
}
