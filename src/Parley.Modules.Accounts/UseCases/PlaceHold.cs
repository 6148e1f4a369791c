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

namespace Parley.Modules.Accounts.UseCases;

/// <summary>
/// Pauses collection. <c>AllAccounts</c> covers every account of the customer (e.g. Breathing Space); otherwise
/// only this account. A planned end with <c>ResumesAutomatically</c> ends the hold by itself.
/// </summary>
public sealed record PlaceHoldRequest(HoldType Type, string Reason, Instant? StartsAt = null, Instant? PlannedEndAt = null, bool ResumesAutomatically = true, bool AllAccounts = false);

public sealed record HoldReasonRequired() : DomainError("hold.reason_required", "A hold needs a reason (up to 500 characters).", ErrorKind.Validation);

public sealed class PlaceHold(ParleyDbContext db, IClock clock)
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/accounts/{id}/holds", async Task<Created<HoldView>> (AccountId id, PlaceHoldRequest request, ClaimsPrincipal user, PlaceHold handler, CancellationToken ct) =>
            {
                var hold = await handler.HandleAsync(id, request, user.Identity?.Name ?? "unknown", ct);
                return TypedResults.Created($"/api/accounts/{id}/holds/{hold.Id}", hold);
            })
            .RequireAuthorization(StaffPolicies.Staff)
            .WithName("PlaceHold")
            .WithSummary("Pause collection on an account or all of the customer's accounts.");

    public async Task<HoldView> HandleAsync(AccountId accountId, PlaceHoldRequest request, string setBy, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > 500)
        {
            throw new DomainException(new HoldReasonRequired());
        }

        var customerId = await db.Set<Account>().Where(a => a.Id == accountId).Select(a => (CustomerId?)a.CustomerId).SingleOrDefaultAsync(cancellationToken)
            ?? throw new DomainException(new AccountNotFound(accountId));
        var now = clock.GetCurrentInstant();
        var hold = new Hold(
            customerId,
            request.AllAccounts ? null : accountId,
            request.Type,
            request.StartsAt ?? now,
            request.PlannedEndAt,
            request.ResumesAutomatically,
            request.Reason.Trim(),
            setBy);
        db.Add(hold);
        await db.SaveChangesAsync(cancellationToken);
        return GetAccountDetails.ToView(hold, now);
    }
}
