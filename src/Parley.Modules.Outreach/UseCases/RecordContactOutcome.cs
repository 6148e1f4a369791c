using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Parley.Modules.Outreach.Contracts;
using Parley.Modules.Outreach.Domain;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Outreach.UseCases;

/// <summary>The HTTP body of <c>POST /api/accounts/{id}/contacts/{contactId}/outcomes</c>.</summary>
public sealed record RecordContactOutcomeBody(ContactOutcome Outcome, Instant? At = null, string? Note = null)
{
    public RecordContactOutcomeRequest For(AccountId account, ContactAttemptId attempt) => new(account, attempt, Outcome, At, Note);
}

/// <summary>
/// Appends what became of a contact (delivered, bounced, no answer, right-party contact, a dispute, a request for no
/// contact…). Recording a dispute or a request for no contact records it; acting on it is the hold's and the gate's.
/// </summary>
public sealed class RecordContactOutcome(ParleyDbContext db, IClock clock) : IUseCase<RecordContactOutcomeRequest, ContactAttemptView>
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/accounts/{id}/contacts/{contactId}/outcomes", async Task<Ok<ContactAttemptView>> (AccountId id, ContactAttemptId contactId, RecordContactOutcomeBody body, ClaimsPrincipal user, RecordContactOutcome handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.From(user), body.For(id, contactId), ct)))
            .RequireAuthorization(StaffPolicies.Staff)
            .WithName("RecordContactOutcome")
            .WithSummary("Append an outcome to a recorded contact (delivered, bounced, no answer, right-party contact, dispute, asked for no contact…).");

    public async Task<ContactAttemptView> HandleAsync(Actor actor, RecordContactOutcomeRequest request, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("record what became of a contact", [], allowSystem: true);
        Texts.MustFit("note", request.Note, 1000);
        var attempt = await db.Set<ContactAttempt>().Include(a => a.Outcomes)
            .SingleOrDefaultAsync(a => a.Id == request.Attempt && a.AccountId == request.Account, cancellationToken);
        if (attempt is null)
        {
            throw new DomainException(new ContactAttemptNotFound(request.Attempt));
        }

        actor.MustSee(attempt.CreditorId, new ContactAttemptNotFound(request.Attempt));
        if (!ContactAttempt.Fits(attempt.Channel, request.Outcome))
        {
            throw new DomainException(new OutcomeNotForChannel(attempt.Channel, request.Outcome));
        }

        var now = clock.GetCurrentInstant();
        var at = request.At ?? now;
        if (at > now)
        {
            throw new DomainException(new ContactInTheFuture(at));
        }

        if (at < attempt.At)
        {
            throw new DomainException(new OutcomeBeforeAttempt(attempt.At));
        }

        db.Add(attempt.AddOutcome(request.Outcome, at, actor.Name, Texts.Trimmed(request.Note)));
        await db.SaveChangesAsync(cancellationToken);
        return GetContactHistory.ToView(attempt);
    }
}
