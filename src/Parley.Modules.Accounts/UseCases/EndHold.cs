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

/// <summary>Lifts a hold early; a supervisor decision, recorded with who and why.</summary>
public sealed class EndHold(ParleyDbContext db, IClock clock)
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/holds/{id}/end", async Task<Ok<HoldView>> (HoldId id, EndHoldRequest request, ClaimsPrincipal user, EndHold handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, request, user.Identity?.Name ?? "unknown", ct)))
            .RequireAuthorization(StaffPolicies.Supervisor)
            .WithName("EndHold")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("End a hold early, with a reason.");

    public async Task<HoldView> HandleAsync(HoldId id, EndHoldRequest request, string endedBy, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > 500)
        {
            throw new DomainException(new HoldReasonRequired());
        }

        var hold = await db.Set<Hold>().SingleOrDefaultAsync(h => h.Id == id, cancellationToken)
            ?? throw new DomainException(new HoldNotFound(id));
        var now = clock.GetCurrentInstant();
        hold.End(now, endedBy, request.Reason.Trim());
        await db.SaveChangesAsync(cancellationToken);
        return GetAccountDetails.ToView(hold, now);
    }
}
