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
using Parley.Modules.Outreach.Planning;
using Parley.Modules.Outreach.Templates;
using Parley.Modules.Outreach.UseCases;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Outreach.Sending;

/// <summary>The HTTP body of <c>POST /api/accounts/{id}/messages/send-now</c>.</summary>
public sealed record SendContactNowBody(ContactChannel Channel, MessagePurpose Purpose, string Reason, string IdempotencyKey, MessageTone? Tone = null, string? Language = null)
{
    public SendContactNowRequest For(AccountId account) => new(account, Channel, Purpose, Reason, IdempotencyKey, Tone, Language);
}

/// <summary>
/// Queues a message a member of staff sends now (ADR 19, "Sent by a person"): the account must be open and in the
/// actor's scope, the gate must allow the channel now, and an approved template must render with its disclosures. The
/// contact joins the plan due now, so the sender checks the gate again and sends it as any planned contact, and the
/// ladder counts a validation notice sent this way as its first rung.
/// </summary>
public sealed class SendContactNow(ParleyDbContext db, IAccountOwners owners, IContactableAccounts accounts, IComplianceGate gate, IMessageRenderer renderer, IClock clock)
    : IUseCase<SendContactNowRequest, PlannedContactView>
{
    /// <summary>The rung a message outside the ladder carries: the planner's next step is read from the ladder's own rungs.</summary>
    public const int OutsideTheLadder = -1;

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/accounts/{id}/messages/send-now", async Task<Created<PlannedContactView>> (AccountId id, SendContactNowBody body, ClaimsPrincipal user, SendContactNow handler, CancellationToken ct) =>
            {
                var queued = await handler.HandleAsync(Actor.From(user), body.For(id), ct);
                return TypedResults.Created($"/api/outreach/plan?day={queued.ScheduledAt.InUtc().Date:yyyy-MM-dd}", queued);
            })
            .RequireAuthorization(StaffPolicies.Staff)
            .WithName("SendContactNow")
            .WithSummary("Send an e-mail, text or letter to the account's customer now, with a reason: it passes the compliance gate now and again as it leaves.");

    public async Task<PlannedContactView> HandleAsync(Actor actor, SendContactNowRequest request, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("send a message to a customer", [], allowSystem: true);
        var reason = request.Reason?.Trim() ?? "";
        if (reason.Length is 0 or > 500)
        {
            throw new DomainException(new SendNowInvalid("reason", "say why the message goes now (1 to 500 characters)"));
        }

        var clientKey = request.IdempotencyKey?.Trim() ?? "";
        if (clientKey.Length is 0 or > 100)
        {
            throw new DomainException(new SendNowInvalid("idempotencyKey", "name the request in 1 to 100 characters, so a retry does not send twice"));
        }

        if (request.Channel is not (ContactChannel.Email or ContactChannel.Sms or ContactChannel.Letter))
        {
            throw new DomainException(new SendNowInvalid("channel", "a message goes by email, sms or letter; a call is made by an agent and logged as a contact"));
        }

        if (request.Purpose == MessagePurpose.ValidationNotice && request.Channel == ContactChannel.Sms)
        {
            throw new DomainException(new SendNowInvalid("purpose", "the validation notice goes by e-mail or letter, never in a text"));
        }

        var owner = await owners.GetAsync(request.Account, cancellationToken) ?? throw new DomainException(new OutreachAccountNotFound(request.Account));
        actor.MustSee(owner.CreditorId, new OutreachAccountNotFound(request.Account));

        var key = $"now:{request.Account}:{clientKey}";
        if (await db.Set<PlannedContact>().AsNoTracking().SingleOrDefaultAsync(p => p.AccountId == request.Account && p.IdempotencyKey == key, cancellationToken) is { } already)
        {
            return ListPlannedContacts.View(already);
        }

        // The same checks, in the same words, as the sender makes before its own re-check.
        var now = clock.GetCurrentInstant();
        var pre = await PreGate.ReadAsync(db, accounts, [(request.Account, owner.CustomerId)], cancellationToken);
        if (pre.Refusal(request.Account, owner.CustomerId, now) is { } refused)
        {
            throw new DomainException(new ContactNotAllowedNow(request.Channel, refused.Reason, [], refused.Until));
        }

        var stored = pre.PreferencesOf(owner.CustomerId);
        var check = await gate.EvaluateAsync(new ContactProposal(request.Account, request.Channel, now), cancellationToken);
        var decision = check.Channels[0];
        if (!decision.Allowed)
        {
            throw new DomainException(new ContactNotAllowedNow(request.Channel, decision.Reason, decision.RuleIds, decision.NextLawfulAt));
        }

        var language = request.Language?.Trim().ToLowerInvariant() is { Length: > 0 } asked ? asked : stored.PreferredLanguage is { Length: > 0 } l ? l : "en";
        var tone = request.Tone ?? MessageTone.Supportive;
        // Rendered once now so a missing template or disclosure is the agent's answer, not a dead letter later.
        await renderer.RenderAsync(new TemplateKey(request.Purpose, request.Channel, language, tone), request.Account, now, cancellationToken);

        var step = request.Purpose switch
        {
            MessagePurpose.ValidationNotice => OutreachStep.ValidationNotice,
            MessagePurpose.Reminder => OutreachStep.Reminder,
            MessagePurpose.Offer => OutreachStep.Offer,
            MessagePurpose.CheckIn => OutreachStep.CheckIn,
        };
        var contact = new PlannedContact(key, request.Account, owner.CreditorId, owner.CustomerId, step, step == OutreachStep.ValidationNotice ? 0 : OutsideTheLadder,
            request.Channel, tone, language, now, check.CustomerTimeZone, [$"sent now by {actor.Name}: {reason}"], now)
        {
            ComplianceDecision = check.DecisionId,
        };
        db.Add(contact);
        await db.SaveChangesAsync(cancellationToken);
        return ListPlannedContacts.View(contact);
    }
}
