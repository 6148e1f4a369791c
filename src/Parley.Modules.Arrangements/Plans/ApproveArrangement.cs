using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using NodaTime;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;

namespace Parley.Modules.Arrangements.Plans;

public sealed record ApprovalNeedsSupervisor(ArrangementId ArrangementId)
    : DomainError("plans.approval_needs_supervisor", $"Only a supervisor (or an admin) may approve arrangement {ArrangementId}.", ErrorKind.Forbidden);

/// <summary><c>POST …/arrangements/{planId}/approve</c> (supervisors): a plan awaiting approval becomes proposed, ready to activate.</summary>
public sealed class ApproveArrangement(ParleyDbContext db, IClock clock)
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/accounts/{id}/arrangements/{planId}/approve", async Task<Ok<ArrangementView>> (AccountId id, ArrangementId planId, ClaimsPrincipal user, ApproveArrangement handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, planId, user, ct)))
            .RequireAuthorization(StaffPolicies.Supervisor)
            .WithName("ApproveArrangement")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Approve a plan outside the creditor's policy (supervisors).");

    /// <summary>
    /// Approves as <paramref name="approver"/>, who must hold the Supervisor or Admin role: the use case checks it itself
    /// (as the Supervisor policy does on the endpoint), so no caller — page, job or test — can approve without it.
    /// </summary>
    public async Task<ArrangementView> HandleAsync(AccountId accountId, ArrangementId id, ClaimsPrincipal approver, CancellationToken cancellationToken)
    {
        if (approver.Identity?.IsAuthenticated != true || !(approver.IsInRole(StaffRoles.Supervisor) || approver.IsInRole(StaffRoles.Admin)))
        {
            throw new DomainException(new ApprovalNeedsSupervisor(id));
        }

        var arrangement = await db.LoadAsync(accountId, id, cancellationToken);
        arrangement.Approve(approver.Identity.Name ?? "unknown", clock.GetCurrentInstant());
        await db.SaveWithEventsAsync(arrangement, cancellationToken);
        return ArrangementView.Of(arrangement);
    }
}
