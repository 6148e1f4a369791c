using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Accounts.Domain;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Accounts.UseCases;

/// <summary>The HTTP body of <c>POST /api/holds/{id}/end</c>; the hold comes from the route.</summary>
public sealed record EndHoldBody(string Reason);

public sealed record HoldNotFound(HoldId HoldId) : DomainError("hold.not_found", $"Hold {HoldId} does not exist.", ErrorKind.NotFound);

public sealed record EndingHoldNeedsSupervisor(HoldId HoldId)
    : DomainError("hold.end_needs_supervisor", $"Only a supervisor (or an admin) may end hold {HoldId} early.", ErrorKind.Forbidden);

/// <summary>Lifts a hold early; a supervisor decision, recorded with who and why.</summary>
public sealed class EndHold(ParleyDbContext db, IClock clock) : IUseCase<EndHoldRequest, HoldView>
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/holds/{id}/end", async Task<Ok<HoldView>> (HoldId id, EndHoldBody body, ClaimsPrincipal user, EndHold handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.From(user), new EndHoldRequest(id, body.Reason), ct)))
            .RequireAuthorization(StaffPolicies.Supervisor)
            .WithName("EndHold")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("End a hold early, with a reason.");

    /// <summary>
    /// Ends the hold as <paramref name="actor"/>, who must hold the Supervisor or Admin role and work for the account's
    /// creditor: the use case checks it itself, so the page, a job or the CLI cannot lift a hold without it.
    /// </summary>
    public async Task<HoldView> HandleAsync(Actor actor, EndHoldRequest request, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("end a hold early", [StaffRoles.Supervisor, StaffRoles.Admin], refusal: new EndingHoldNeedsSupervisor(request.Hold));
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > 500)
        {
            throw new DomainException(new HoldReasonRequired());
        }

        var hold = await db.Set<Hold>().SingleOrDefaultAsync(h => h.Id == request.Hold, cancellationToken)
            ?? throw new DomainException(new HoldNotFound(request.Hold));
        var creditors = await db.Set<Account>().Where(a => a.CustomerId == hold.CustomerId && (hold.AccountId == null || a.Id == hold.AccountId))
            .Select(a => a.CreditorId).Distinct().ToListAsync(cancellationToken);
        // A customer-wide hold spans creditors: only someone who works for every one of them may lift it.
        foreach (var creditor in creditors)
        {
            actor.MustSee(creditor, new HoldNotFound(request.Hold));
        }

        var now = clock.GetCurrentInstant();
        hold.End(now, actor.Name, request.Reason.Trim());
        await db.SaveChangesAsync(cancellationToken);
        return GetAccountDetails.ToView(hold, now);
    }
}
