using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Parley.Modules.Accounts.Domain;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;

namespace Parley.Modules.Accounts.UseCases;

public sealed record EndHoldRequest(string Reason);

public sealed record HoldNotFound(HoldId HoldId) : DomainError("hold.not_found", $"Hold {HoldId} does not exist.", ErrorKind.NotFound);

public sealed record EndingHoldNeedsSupervisor(HoldId HoldId)
    : DomainError("hold.end_needs_supervisor", $"Only a supervisor (or an admin) may end hold {HoldId} early.", ErrorKind.Forbidden);

/// <summary>Lifts a hold early; a supervisor decision, recorded with who and why.</summary>
public sealed class EndHold(ParleyDbContext db, IClock clock)
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/holds/{id}/end", async Task<Ok<HoldView>> (HoldId id, EndHoldRequest request, ClaimsPrincipal user, EndHold handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, request, user, ct)))
            .RequireAuthorization(StaffPolicies.Supervisor)
            .WithName("EndHold")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("End a hold early, with a reason.");

    /// <summary>
    /// Ends the hold as <paramref name="endedBy"/>, who must hold the Supervisor or Admin role: the use case checks it
    /// itself (as the Supervisor policy does on the endpoint), so the page, a job or the CLI cannot lift a hold without it.
    /// </summary>
    public async Task<HoldView> HandleAsync(HoldId id, EndHoldRequest request, ClaimsPrincipal endedBy, CancellationToken cancellationToken)
    {
        if (endedBy.Identity?.IsAuthenticated != true || !(endedBy.IsInRole(StaffRoles.Supervisor) || endedBy.IsInRole(StaffRoles.Admin)))
        {
            throw new DomainException(new EndingHoldNeedsSupervisor(id));
        }

        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > 500)
        {
            throw new DomainException(new HoldReasonRequired());
        }

        var hold = await db.Set<Hold>().SingleOrDefaultAsync(h => h.Id == id, cancellationToken)
            ?? throw new DomainException(new HoldNotFound(id));
        var now = clock.GetCurrentInstant();
        hold.End(now, endedBy.Identity.Name ?? "unknown", request.Reason.Trim());
        await db.SaveChangesAsync(cancellationToken);
        return GetAccountDetails.ToView(hold, now);
    }
}
