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

/// <summary>The HTTP body of <c>POST /api/accounts/{id}/holds</c>; the account comes from the route.</summary>
public sealed record PlaceHoldBody(HoldType Type, string Reason, Instant? StartsAt = null, Instant? PlannedEndAt = null, bool ResumesAutomatically = true, bool AllAccounts = false)
{
    public PlaceHoldRequest For(AccountId account) => new(account, Type, Reason, StartsAt, PlannedEndAt, ResumesAutomatically, AllAccounts);
}

public sealed record HoldReasonRequired() : DomainError("hold.reason_required", "A hold needs a reason (up to 500 characters).", ErrorKind.Validation);

/// <summary>Pauses collection on one account or all of the customer's accounts; any member of staff may, with a reason.</summary>
public sealed class PlaceHold(ParleyDbContext db, IClock clock) : IUseCase<PlaceHoldRequest, HoldView>
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/accounts/{id}/holds", async Task<Created<HoldView>> (AccountId id, PlaceHoldBody body, ClaimsPrincipal user, PlaceHold handler, CancellationToken ct) =>
            {
                var hold = await handler.HandleAsync(Actor.From(user), body.For(id), ct);
                return TypedResults.Created($"/api/accounts/{id}/holds/{hold.Id}", hold);
            })
            .RequireAuthorization(StaffPolicies.Staff)
            .WithName("PlaceHold")
            .WithSummary("Pause collection on an account or all of the customer's accounts.");

    public async Task<HoldView> HandleAsync(Actor actor, PlaceHoldRequest request, CancellationToken cancellationToken)
    {
        // Anyone told of a dispute or a crisis must be able to pause collection at once: every member of staff, and Parley itself.
        actor.MustBeStaff("place a hold", [], allowSystem: true);
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > 500)
        {
            throw new DomainException(new HoldReasonRequired());
        }

        var account = await db.Set<Account>().Where(a => a.Id == request.Account).Select(a => new { a.CustomerId, a.CreditorId }).SingleOrDefaultAsync(cancellationToken)
            ?? throw new DomainException(new AccountNotFound(request.Account));
        actor.MustSee(account.CreditorId, new AccountNotFound(request.Account));
        var now = clock.GetCurrentInstant();
        var hold = new Hold(
            account.CustomerId,
            request.AllAccounts ? null : request.Account,
            request.Type,
            request.StartsAt ?? now,
            request.PlannedEndAt,
            request.ResumesAutomatically,
            request.Reason.Trim(),
            actor.Name);
        db.Add(hold);
        await db.SaveChangesAsync(cancellationToken);
        return GetAccountDetails.ToView(hold, now);
    }
}
