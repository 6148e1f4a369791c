using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Compliance.Contracts;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Arrangements.Plans;

/// <summary>
/// <c>POST …/arrangements/{planId}/activate</c>: a proposed (or approved) plan becomes active; from then on ledger
/// payments satisfy it. One active plan per account. Its instalments are demands for payment, so a hold that stops
/// collection (<see cref="ICollectionControls"/>) refuses it with the hold, its rule and reason (409).
/// </summary>
public sealed class ActivateArrangement(ParleyDbContext db, IAccountArrangementPolicies policies, ICollectionControls controls, IClock clock)
    : IUseCase<ActivateArrangementRequest, ArrangementView>
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/accounts/{id}/arrangements/{planId}/activate", async Task<Ok<ArrangementView>> (AccountId id, ArrangementId planId, ClaimsPrincipal user, ActivateArrangement handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.From(user), new ActivateArrangementRequest(id, planId), ct)))
            .RequireAuthorization(StaffPolicies.Staff)
            .WithName("ActivateArrangement")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Activate a proposed or approved plan; ledger payments satisfy it from now on.");

    public async Task<ArrangementView> HandleAsync(Actor actor, ActivateArrangementRequest request, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("activate a repayment plan", []);
        var (accountId, id) = (request.Account, request.Arrangement);
        await policies.PolicyForAsync(actor, accountId, cancellationToken);
        var arrangement = await db.LoadAsync(accountId, id, cancellationToken);
        var now = clock.GetCurrentInstant();
        (await controls.GetAsync(accountId, CollectionStep.ActivatePlan, now, cancellationToken))?.ThrowIfBlocked();
        if (arrangement.Status == ArrangementStatus.Proposed
            && await db.Set<Arrangement>().AnyAsync(a => a.AccountId == accountId && a.Id != id && a.Status == ArrangementStatus.Active, cancellationToken))
        {
            throw new DomainException(new AnotherArrangementActive(accountId));
        }

        arrangement.Activate(actor.Name, now);
        await db.SaveWithEventsAsync(arrangement, cancellationToken);
        return ArrangementViews.Of(arrangement);
    }
}
