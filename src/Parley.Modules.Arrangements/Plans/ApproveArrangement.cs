using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Arrangements.Plans;

public sealed record ApprovalNeedsSupervisor(ArrangementId ArrangementId)
    : DomainError("plans.approval_needs_supervisor", $"Only a supervisor (or an admin) may approve arrangement {ArrangementId}.", ErrorKind.Forbidden);

/// <summary><c>POST …/arrangements/{planId}/approve</c> (supervisors): a plan awaiting approval becomes proposed, ready to activate.</summary>
public sealed class ApproveArrangement(ParleyDbContext db, IAccountArrangementPolicies policies, IClock clock) : IUseCase<ApproveArrangementRequest, ArrangementView>
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/accounts/{id}/arrangements/{planId}/approve", async Task<Ok<ArrangementView>> (AccountId id, ArrangementId planId, ClaimsPrincipal user, ApproveArrangement handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.From(user), new ApproveArrangementRequest(id, planId), ct)))
            .RequireAuthorization(StaffPolicies.Supervisor)
            .WithName("ApproveArrangement")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Approve a plan outside the creditor's policy (supervisors).");

    /// <summary>
    /// Approves as <paramref name="actor"/>, who must hold the Supervisor or Admin role, work for the account's creditor
    /// and not be the plan's proposer (four eyes): the use case checks it itself, so no front door — page, job, CLI —
    /// can approve without it. Parley itself never approves.
    /// </summary>
    public async Task<ArrangementView> HandleAsync(Actor actor, ApproveArrangementRequest request, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("approve a plan outside the creditor's policy", [StaffRoles.Supervisor, StaffRoles.Admin], refusal: new ApprovalNeedsSupervisor(request.Arrangement));
        await policies.PolicyForAsync(actor, request.Account, cancellationToken);
        var arrangement = await db.LoadAsync(request.Account, request.Arrangement, cancellationToken);
        arrangement.Approve(actor.Name, clock.GetCurrentInstant());
        await db.SaveWithEventsAsync(arrangement, cancellationToken);
        return ArrangementViews.Of(arrangement);
    }
}
