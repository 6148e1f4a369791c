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

/// <summary>One Care item with its evidence, log and (for a crisis) the support lines of the customer's country.</summary>
public sealed class GetCareItem(ParleyDbContext db, ICustomerLocales locales) : IUseCase<GetCareItemRequest, CareItemView>
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/care/items/{id}", async Task<Ok<CareItemView>> (Guid id, ClaimsPrincipal user, GetCareItem handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.From(user), new GetCareItemRequest(id), ct)))
            .RequireAuthorization(StaffPolicies.Staff)
            .WithName("GetCareItem")
            .WithSummary("One Care item: what was found, the words that showed it, what Parley did and why.");

    public async Task<CareItemView> HandleAsync(Actor actor, GetCareItemRequest request, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("read a Care item", [], allowSystem: true);
        var item = await db.Set<CareItem>().AsNoTracking().SingleOrDefaultAsync(i => i.Id == request.Item, cancellationToken)
            ?? throw new DomainException(new CareItemNotFound(request.Item));
        actor.MustSee(item.CreditorId, new CareItemNotFound(request.Item));
        var reading = item.ReadingId is { } r ? await db.Set<CareReading>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == r, cancellationToken) : null;
        var lines = item.Kind == CareItemKind.Crisis ? SupportLines.For((await locales.GetAsync(item.AccountId, cancellationToken))?.Jurisdiction) : [];
        return CareViews.Item(item, reading, lines, actor);
    }
}
