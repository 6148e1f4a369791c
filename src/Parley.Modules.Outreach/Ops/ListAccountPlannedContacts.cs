using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Outreach.Contracts;
using Parley.Modules.Outreach.Planning;
using Parley.Modules.Outreach.UseCases;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Outreach.Ops;

/// <summary>
/// An account's planned contacts for its contact timeline, newest plan first (the latest 200): what is planned, what was
/// cancelled or blocked (the rules and the gate's next lawful time), and dead letters with their reason. Any member of
/// staff of the account's creditor; another creditor's account answers as one that does not exist.
/// </summary>
public sealed class ListAccountPlannedContacts(ParleyDbContext db, IAccountOwners owners) : IUseCase<ListAccountPlannedContactsRequest, IReadOnlyList<PlannedContactView>>
{
    public const int Latest = 200;

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/accounts/{id}/planned-contacts", async Task<Ok<IReadOnlyList<PlannedContactView>>> (AccountId id, ClaimsPrincipal user, ListAccountPlannedContacts handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.From(user), new ListAccountPlannedContactsRequest(id), ct)))
            .RequireAuthorization(StaffPolicies.Staff)
            .WithName("ListAccountPlannedContacts")
            .WithSummary("The account's planned contacts, newest first (the latest 200): planned, sent, cancelled or blocked with the rule and the next lawful time, and dead letters with the reason.");

    public async Task<IReadOnlyList<PlannedContactView>> HandleAsync(Actor actor, ListAccountPlannedContactsRequest request, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("read an account's planned contacts", [], allowSystem: true);
        var owner = await owners.GetAsync(request.Account, cancellationToken) ?? throw new DomainException(new OutreachAccountNotFound(request.Account));
        actor.MustSee(owner.CreditorId, new OutreachAccountNotFound(request.Account));
        var rows = await db.Set<PlannedContact>().AsNoTracking()
            .Where(p => p.AccountId == request.Account)
            .OrderByDescending(p => p.PlannedAt).ThenByDescending(p => p.ScheduledAt)
            .Take(Latest)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(ListPlannedContacts.View)];
    }
}
