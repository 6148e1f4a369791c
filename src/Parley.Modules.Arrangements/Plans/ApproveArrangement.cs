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

/// <summary><c>POST …/arrangements/{planId}/approve</c> (supervisors): a plan awaiting approval becomes proposed, ready to activate.</summary>
public sealed class ApproveArrangement(ParleyDbContext db, IClock clock)
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/accounts/{id}/arrangements/{planId}/approve", async Task<Ok<ArrangementView>> (AccountId id, ArrangementId planId, ClaimsPrincipal user, ApproveArrangement handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, planId, user.Identity?.Name ?? "unknown", ct)))
            .RequireAuthorization(StaffPolicies.Supervisor)
            .WithName("ApproveArrangement")
            .WithSummary("Approve a plan outside the creditor's policy (supervisors).");

    public async Task<ArrangementView> HandleAsync(AccountId accountId, ArrangementId id, string by, CancellationToken cancellationToken)
    {
        var arrangement = await db.LoadAsync(accountId, id, cancellationToken);
        arrangement.Approve(by, clock.GetCurrentInstant());
        await db.SaveWithEventsAsync(arrangement, cancellationToken);
        return ArrangementView.Of(arrangement);
    }
}
