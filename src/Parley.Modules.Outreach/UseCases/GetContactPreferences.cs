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

/// <summary>The contact preferences of an account's customer and every change to them, newest first.</summary>
public sealed class GetContactPreferences(ParleyDbContext db, IAccountOwners owners) : IUseCase<GetContactPreferencesRequest, ContactPreferencesView>
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/accounts/{id}/contact-preferences", async Task<Ok<ContactPreferencesView>> (AccountId id, ClaimsPrincipal user, GetContactPreferences handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.From(user), new GetContactPreferencesRequest(id), ct)))
            .RequireAuthorization(StaffPolicies.Staff)
            .WithName("GetContactPreferences")
            .WithSummary("The contact preferences of the account's customer and who changed them, when and why.");

    public async Task<ContactPreferencesView> HandleAsync(Actor actor, GetContactPreferencesRequest request, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("read a customer's contact preferences", [], allowSystem: true);
        var owner = await owners.GetAsync(request.Account, cancellationToken) ?? throw new DomainException(new OutreachAccountNotFound(request.Account));
        actor.MustSee(owner.CreditorId, new OutreachAccountNotFound(request.Account));
        return await ReadAsync(db, request.Account, owner.CustomerId, cancellationToken);
    }

    internal static async Task<ContactPreferencesView> ReadAsync(ParleyDbContext db, AccountId account, CustomerId customer, CancellationToken cancellationToken)
    {
        var current = await db.Set<CustomerPreferences>().AsNoTracking().Where(p => p.CustomerId == customer).Select(p => p.Preferences).SingleOrDefaultAsync(cancellationToken);
        var changes = await db.Set<PreferenceChange>().AsNoTracking().Where(c => c.CustomerId == customer).OrderByDescending(c => c.At).ToListAsync(cancellationToken);
        return new ContactPreferencesView(account, current ?? ContactPreferences.None, [.. changes.Select(c => new PreferenceChangeView(c.At, c.ChangedBy, c.Reason, c.Changes))]);
    }
}
