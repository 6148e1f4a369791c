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

/// <summary>The HTTP body of <c>POST …/arrangements/{planId}/cancel</c>; the account and plan come from the route.</summary>
public sealed record CancelArrangementBody(string? Reason);

/// <summary><c>POST …/arrangements/{planId}/cancel</c>: ends a plan that is not yet closed, with a reason.</summary>
public sealed class CancelArrangement(ParleyDbContext db, IAccountArrangementPolicies policies, IClock clock) : IUseCase<CancelArrangementRequest, ArrangementView>
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/accounts/{id}/arrangements/{planId}/cancel", async Task<Ok<ArrangementView>> (AccountId id, ArrangementId planId, CancelArrangementBody body, ClaimsPrincipal user, CancelArrangement handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.From(user), new CancelArrangementRequest(id, planId, body.Reason), ct)))
            .RequireAuthorization(StaffPolicies.Staff)
            .WithName("CancelArrangement")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Cancel a plan (with a reason).");

    public async Task<ArrangementView> HandleAsync(Actor actor, CancelArrangementRequest request, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("cancel a repayment plan", []);
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Trim().Length > 500)
        {
            throw new DomainException(new CancelReasonRequired());
        }

        await policies.PolicyForAsync(actor, request.Account, cancellationToken);
        var arrangement = await db.LoadAsync(request.Account, request.Arrangement, cancellationToken);
        arrangement.Cancel(actor.Name, request.Reason.Trim(), clock.GetCurrentInstant());
        await db.SaveWithEventsAsync(arrangement, cancellationToken);
        return ArrangementViews.Of(arrangement);
    }
}
