using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Parley.Modules.Outreach.Contracts;
using Parley.Modules.Outreach.Planning;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Outreach.Ops;

/// <summary>The HTTP body of <c>POST /api/outreach/planned/{id}/retry</c>; the contact comes from the route.</summary>
public sealed record RetryDeadLetterBody(string Reason)
{
    public RetryPlannedContactRequest For(PlannedContactId contact) => new(contact, Reason);
}

/// <summary>
/// A supervisor puts a dead letter back in the plan once what stopped it is put right (a template approved, a provider
/// back): due now, its tries counted afresh, who and why kept among its reasons. Nothing leaves unchecked: the sender
/// asks the gate again at the send instant and re-plans it into the customer's lawful window. Only a dead letter is
/// retried (409 otherwise); another creditor's contact answers as one that does not exist.
/// </summary>
public sealed class RetryDeadLetter(ParleyDbContext db, IClock clock) : IUseCase<RetryPlannedContactRequest, PlannedContactView>
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/outreach/planned/{id}/retry", async Task<Ok<PlannedContactView>> (PlannedContactId id, RetryDeadLetterBody body, ClaimsPrincipal user, RetryDeadLetter handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.From(user), body.For(id), ct)))
            .RequireAuthorization(StaffPolicies.Supervisor)
            .WithName("RetryDeadLetter")
            .WithSummary("Put a dead letter back in the plan, due now, with a reason; it passes the compliance gate again before it leaves.");

    public async Task<PlannedContactView> HandleAsync(Actor actor, RetryPlannedContactRequest request, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("retry a dead letter", [StaffRoles.Supervisor, StaffRoles.Admin], allowSystem: true);
        var reason = request.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > 500)
        {
            throw new DomainException(new RetryReasonRequired());
        }

        var contact = await db.Set<PlannedContact>().SingleOrDefaultAsync(p => p.Id == request.Contact, cancellationToken)
            ?? throw new DomainException(new PlannedContactNotFound(request.Contact));
        actor.MustSee(contact.CreditorId, new PlannedContactNotFound(request.Contact));
        if (contact.Status != PlannedContactStatus.DeadLetter)
        {
            throw new DomainException(new PlannedContactNotADeadLetter(request.Contact, contact.Status));
        }

        contact.RetryDeadLetter(clock.GetCurrentInstant(), actor.Name, reason);
        await db.SaveChangesAsync(cancellationToken);
        return ListPlannedContacts.View(contact);
    }
}
