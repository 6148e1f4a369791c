using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Outreach.Contracts;
using Parley.Modules.Outreach.Domain;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Outreach.UseCases;

/// <summary>An account's contacts, newest first, with their outcomes; every address masked.</summary>
public sealed class GetContactHistory(ParleyDbContext db, IAccountOwners owners) : IUseCase<GetContactHistoryRequest, ContactHistoryView>
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/accounts/{id}/contacts", async Task<Ok<ContactHistoryView>> (AccountId id, ClaimsPrincipal user, GetContactHistory handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.From(user), new GetContactHistoryRequest(id), ct)))
            .RequireAuthorization(StaffPolicies.Staff)
            .WithName("GetContactHistory")
            .WithSummary("The account's contact history, newest first: channel, masked address, when, template, who sent it, the compliance decision and every outcome.");

    public async Task<ContactHistoryView> HandleAsync(Actor actor, GetContactHistoryRequest request, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("read an account's contact history", [], allowSystem: true);
        var owner = await owners.GetAsync(request.Account, cancellationToken) ?? throw new DomainException(new OutreachAccountNotFound(request.Account));
        actor.MustSee(owner.CreditorId, new OutreachAccountNotFound(request.Account));
        var attempts = await db.Set<ContactAttempt>().AsNoTracking().Include(a => a.Outcomes)
            .Where(a => a.AccountId == request.Account)
            .OrderByDescending(a => a.At)
            .ToListAsync(cancellationToken);
        return new ContactHistoryView(request.Account, [.. attempts.Select(ToView)]);
    }

    public static ContactAttemptView ToView(ContactAttempt a) => new(
        a.Id,
        a.AccountId,
        a.Channel,
        a.Direction,
        AddressMask.Mask(a.Channel, a.Address),
        a.At,
        a.Template,
        a.TemplateVersion,
        a.Tone,
        a.RecordedBy,
        a.ComplianceDecision,
        a.Note,
        a.LatestOutcome,
        [.. a.Outcomes.OrderBy(o => o.At).Select(o => new ContactOutcomeView(o.Outcome, o.At, o.RecordedBy, o.Note))]);
}
