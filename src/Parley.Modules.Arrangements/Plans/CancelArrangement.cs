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

public sealed record CancelArrangementRequest(string? Reason);

/// <summary><c>POST …/arrangements/{planId}/cancel</c>: ends a plan that is not yet closed, with a reason.</summary>
public sealed class CancelArrangement(ParleyDbContext db, IClock clock)
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/accounts/{id}/arrangements/{planId}/cancel", async Task<Ok<ArrangementView>> (AccountId id, ArrangementId planId, CancelArrangementRequest request, ClaimsPrincipal user, CancelArrangement handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, planId, request, user.Identity?.Name ?? "unknown", ct)))
            .RequireAuthorization(StaffPolicies.Staff)
            .WithName("CancelArrangement")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Cancel a plan (with a reason).");

    public async Task<ArrangementView> HandleAsync(AccountId accountId, ArrangementId id, CancelArrangementRequest request, string by, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Trim().Length > 500)
        {
            throw new DomainException(new CancelReasonRequired());
        }

        var arrangement = await db.LoadAsync(accountId, id, cancellationToken);
        arrangement.Cancel(by, request.Reason.Trim(), clock.GetCurrentInstant());
        await db.SaveWithEventsAsync(arrangement, cancellationToken);
        return ArrangementView.Of(arrangement);
    }
}
