using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Outreach.Contracts;
using Parley.Modules.Outreach.Domain;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Outreach.UseCases;

/// <summary>The HTTP body of <c>POST /api/accounts/{id}/contacts</c>; the account comes from the route.</summary>
public sealed record RecordContactAttemptBody(
    ContactChannel Channel,
    string Address,
    string IdempotencyKey,
    ContactDirection Direction = ContactDirection.Outbound,
    Instant? At = null,
    ContactOutcome? Outcome = null,
    string? Template = null,
    int? TemplateVersion = null,
    string? Tone = null,
    long? ComplianceDecision = null,
    string? Note = null)
{
    public RecordContactAttemptRequest For(AccountId account) =>
        new(account, Channel, Address, IdempotencyKey, Direction, At, Outcome, Template, TemplateVersion, Tone, ComplianceDecision, Note);
}

/// <summary>
/// Records a contact with an account's customer — a call or letter an agent logs, a send Parley makes — once per
/// idempotency key: the same key on the same account returns the attempt already recorded.
/// </summary>
public sealed class RecordContactAttempt(ParleyDbContext db, IAccountOwners owners, IClock clock) : IUseCase<RecordContactAttemptRequest, ContactAttemptView>
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/accounts/{id}/contacts", async Task<Created<ContactAttemptView>> (AccountId id, RecordContactAttemptBody body, ClaimsPrincipal user, RecordContactAttempt handler, CancellationToken ct) =>
            {
                var attempt = await handler.HandleAsync(Actor.From(user), body.For(id), ct);
                return TypedResults.Created($"/api/accounts/{id}/contacts/{attempt.Id}", attempt);
            })
            .RequireAuthorization(StaffPolicies.Staff)
            .WithName("RecordContactAttempt")
            .WithSummary("Record a contact with the account's customer (a call, text, e-mail or letter, made or received); the same idempotency key records it once.");

    public async Task<ContactAttemptView> HandleAsync(Actor actor, RecordContactAttemptRequest request, CancellationToken cancellationToken)
    {
        // Whoever speaks with or writes to a customer logs it (a compliance officer handling a complaint too), and Parley's senders.
        actor.MustBeStaff("record a contact with a customer", [], allowSystem: true);
        var key = request.IdempotencyKey?.Trim() ?? "";
        if (key.Length is 0 or > 200)
        {
            throw new DomainException(new IdempotencyKeyRequired());
        }

        var address = ContactAddresses.Normalise(request.Channel, request.Address);
        Texts.MustFit("template", request.Template, 100);
        Texts.MustFit("tone", request.Tone, 40);
        Texts.MustFit("note", request.Note, 1000);
        var now = clock.GetCurrentInstant();
        var at = request.At ?? now;
        if (at > now)
        {
            throw new DomainException(new ContactInTheFuture(at));
        }

        if (request.Outcome is { } first && !ContactAttempt.Fits(request.Channel, first))
        {
            throw new DomainException(new OutcomeNotForChannel(request.Channel, first));
        }

        var owner = await owners.GetAsync(request.Account, cancellationToken) ?? throw new DomainException(new OutreachAccountNotFound(request.Account));
        actor.MustSee(owner.CreditorId, new OutreachAccountNotFound(request.Account));

        if (await FindAsync(request.Account, key, cancellationToken) is { } recorded)
        {
            return GetContactHistory.ToView(recorded);
        }

        var attempt = new ContactAttempt(owner.AccountId, owner.CustomerId, owner.CreditorId, request.Channel, request.Direction, address, at, key, actor.Name)
        {
            Template = Texts.Trimmed(request.Template),
            TemplateVersion = request.TemplateVersion,
            Tone = Texts.Trimmed(request.Tone),
            ComplianceDecision = request.ComplianceDecision,
            Note = Texts.Trimmed(request.Note),
        };
        if (request.Outcome is { } outcome)
        {
            attempt.AddOutcome(outcome, at, actor.Name, null);
        }

        db.Add(attempt);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two retries of one send raced: the other recorded it first, and the unique index refused this one.
            db.Entry(attempt).State = EntityState.Detached;
            var raced = await FindAsync(request.Account, key, cancellationToken);
            if (raced is null)
            {
                throw;
            }

            return GetContactHistory.ToView(raced);
        }

        return GetContactHistory.ToView(attempt);
    }

    private Task<ContactAttempt?> FindAsync(AccountId account, string key, CancellationToken cancellationToken) =>
        db.Set<ContactAttempt>().AsNoTracking().Include(a => a.Outcomes)
            .SingleOrDefaultAsync(a => a.AccountId == account && a.IdempotencyKey == key, cancellationToken);
}
