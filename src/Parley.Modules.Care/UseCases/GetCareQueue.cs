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
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Care.UseCases;

/// <summary>The open Care items of the creditors the actor works for: crises first, then by priority and age.</summary>
public sealed class GetCareQueue(ParleyDbContext db, ICustomerLocales locales) : IUseCase<GetCareQueueRequest, CareQueueView>
{
    public const int Limit = 500;

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/care/queue", async Task<Ok<CareQueueView>> (CareItemKind? kind, ClaimsPrincipal user, GetCareQueue handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.From(user), new GetCareQueueRequest(kind), ct)))
            .RequireAuthorization(StaffPolicies.Staff)
            .WithName("GetCareQueue")
            .WithSummary("The open Care items awaiting a person, urgent first; filter by kind.");

    public async Task<CareQueueView> HandleAsync(Actor actor, GetCareQueueRequest request, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("read the Care queue", []);
        var query = db.Set<CareItem>().AsNoTracking().Where(i => i.Status == CareItemStatus.Open);
        if (actor.Creditors.Named is { } named)
        {
            var ids = named.ToList();
            query = query.Where(i => ids.Contains(i.CreditorId));
        }

        if (request.Kind is { } kind)
        {
            query = query.Where(i => i.Kind == kind);
        }

        var items = await query.OrderBy(i => i.Priority).ThenBy(i => i.CreatedAt).Take(Limit).ToListAsync(cancellationToken);
        var readingIds = items.Where(i => i.ReadingId is not null).Select(i => i.ReadingId!.Value).Distinct().ToList();
        var readings = await db.Set<CareReading>().AsNoTracking().Where(r => readingIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
        var views = new List<CareItemView>(items.Count);
        foreach (var i in items)
        {
            var lines = i.Kind == CareItemKind.Crisis ? SupportLines.For((await locales.GetAsync(i.AccountId, cancellationToken))?.Jurisdiction) : [];
            views.Add(CareViews.Item(i, i.ReadingId is { } r ? readings.GetValueOrDefault(r) : null, lines, actor));
        }

        return new CareQueueView(views);
    }
}
