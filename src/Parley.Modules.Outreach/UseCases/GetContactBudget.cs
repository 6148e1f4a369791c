using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Outreach.Contracts;
using Parley.Modules.Outreach.Domain;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Outreach.UseCases;

/// <summary>A creditor's contact budget; any member of staff who works for the creditor may read it.</summary>
public sealed class GetContactBudget(ParleyDbContext db, ICreditorDirectory creditors) : IUseCase<GetContactBudgetRequest, ContactBudgetView>
{
    public static readonly ContactBudget None = new(null, null, null, null);

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/creditors/{id}/contact-budget", async Task<Ok<ContactBudgetView>> (CreditorId id, ClaimsPrincipal user, GetContactBudget handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.From(user), new GetContactBudgetRequest(id), ct)))
            .RequireAuthorization(StaffPolicies.Staff)
            .WithName("GetContactBudget")
            .WithSummary("The creditor's own ceiling on contacts with one customer per channel in any 7 days, below the legal caps.");

    public async Task<ContactBudgetView> HandleAsync(Actor actor, GetContactBudgetRequest request, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("read a creditor's contact budget", [], allowSystem: true);
        await MustFindAsync(actor, creditors, request.Creditor, cancellationToken);
        return await ReadAsync(db, request.Creditor, cancellationToken);
    }

    /// <summary>A creditor outside the actor's scope answers as one that does not exist.</summary>
    internal static async Task MustFindAsync(Actor actor, ICreditorDirectory creditors, CreditorId creditor, CancellationToken cancellationToken)
    {
        actor.MustSee(creditor, new OutreachCreditorNotFound(creditor));
        if (!await creditors.ExistsAsync(creditor, cancellationToken))
        {
            throw new DomainException(new OutreachCreditorNotFound(creditor));
        }
    }

    internal static async Task<ContactBudgetView> ReadAsync(ParleyDbContext db, CreditorId creditor, CancellationToken cancellationToken) =>
        await db.Set<CreditorContactBudget>().AsNoTracking().Where(b => b.CreditorId == creditor).SingleOrDefaultAsync(cancellationToken) is { } stored
            ? new ContactBudgetView(creditor, stored.Budget, stored.ChangedBy, stored.ChangedAt, stored.Reason)
            : new ContactBudgetView(creditor, None, null, null, null);
}
