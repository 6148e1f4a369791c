using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Care.Contracts;
using Parley.Modules.Care.Domain;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Care.UseCases;

/// <summary>What Care read on an account (newest first, with the evidence) and its items, open and resolved.</summary>
public sealed class GetAccountCare(ParleyDbContext db, IAccountOwners owners, ICustomerLocales locales) : IUseCase<GetAccountCareRequest, AccountCareView>
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/accounts/{id}/care", async Task<Ok<AccountCareView>> (AccountId id, ClaimsPrincipal user, GetAccountCare handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.From(user), new GetAccountCareRequest(id), ct)))
            .RequireAuthorization(StaffPolicies.Staff)
            .WithName("GetAccountCare")
            .WithSummary("The account's Care readings with their flags and evidence, and its Care items.");

    public async Task<AccountCareView> HandleAsync(Actor actor, GetAccountCareRequest request, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("read an account's Care readings", [], allowSystem: true);
        var owner = await owners.GetAsync(request.Account, cancellationToken) ?? throw new DomainException(new CareAccountNotFound(request.Account));
        actor.MustSee(owner.CreditorId, new CareAccountNotFound(request.Account));
        var readings = await db.Set<CareReading>().AsNoTracking().Where(r => r.AccountId == request.Account).OrderByDescending(r => r.ReadAt).Take(200).ToListAsync(cancellationToken);
        var items = await db.Set<CareItem>().AsNoTracking().Where(i => i.AccountId == request.Account).OrderBy(i => i.Status).ThenBy(i => i.Priority).ThenByDescending(i => i.CreatedAt).Take(200).ToListAsync(cancellationToken);
        var byId = readings.ToDictionary(r => r.Id);
        var lines = items.Any(i => i.Kind == CareItemKind.Crisis) ? SupportLines.For((await locales.GetAsync(request.Account, cancellationToken))?.Jurisdiction) : [];
        return new AccountCareView(
            request.Account,
            [.. readings.Select(r => CareViews.Reading(r, actor))],
            [.. items.Select(i => CareViews.Item(i, i.ReadingId is { } r ? byId.GetValueOrDefault(r) : null, lines, actor))]);
    }
}
