using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Outreach.Contracts;
using Parley.Modules.Outreach.UseCases;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Outreach.Inbound;

/// <summary>The messages on an account, both ways, newest first (for the account's contact timeline).</summary>
public sealed class GetAccountMessages(ParleyDbContext db, IAccountOwners owners) : IUseCase<GetAccountMessagesRequest, AccountMessagesView>
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/accounts/{id}/messages", async Task<Ok<AccountMessagesView>> (AccountId id, ClaimsPrincipal user, GetAccountMessages handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.From(user), new GetAccountMessagesRequest(id), ct)))
            .RequireAuthorization(StaffPolicies.Staff)
            .WithName("GetAccountMessages")
            .WithSummary("The messages on the account, both ways, newest first: the customer's texts and e-mails (the new part only) and the keyword answers.");

    public async Task<AccountMessagesView> HandleAsync(Actor actor, GetAccountMessagesRequest request, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("read an account's messages", [], allowSystem: true);
        var owner = await owners.GetAsync(request.Account, cancellationToken) ?? throw new DomainException(new OutreachAccountNotFound(request.Account));
        actor.MustSee(owner.CreditorId, new OutreachAccountNotFound(request.Account));
        var messages = await db.Set<OutreachMessage>().AsNoTracking()
            .Where(m => m.AccountId == request.Account)
            .OrderByDescending(m => m.At).ThenByDescending(m => m.Id)
            .Take(500)
            .ToListAsync(cancellationToken);
        return new AccountMessagesView(request.Account, [.. messages.Select(m => new AccountMessageView(m.Id, m.Direction, m.Channel, m.At, m.Text, m.Keyword))]);
    }
}
