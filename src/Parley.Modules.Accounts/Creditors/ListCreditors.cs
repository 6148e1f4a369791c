using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Parley.Modules.Accounts.Domain;
using Parley.Persistence;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Accounts.Creditors;

/// <summary><c>GET /api/creditors</c>, the Creditors and Portfolio pages and <c>parley creditors list</c>, ordered by code.</summary>
public sealed class ListCreditors(ParleyDbContext db) : IUseCase<ListCreditorsRequest, IReadOnlyList<CreditorView>>
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/creditors", async Task<Ok<IReadOnlyList<CreditorView>>> (ClaimsPrincipal user, ListCreditors handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.From(user), new ListCreditorsRequest(), ct)))
            .RequireAuthorization(StaffPolicies.Staff)
            .WithName("ListCreditors")
            .WithSummary("The creditors the caller works for, with their currency and collection policy.")
            .WithTags("Creditors");

    public async Task<IReadOnlyList<CreditorView>> HandleAsync(Actor actor, ListCreditorsRequest request, CancellationToken cancellationToken)
    {
        // Every member of staff picks creditors in filters; the operator's `parley creditors list` runs as Parley itself.
        actor.MustBeStaff("list creditors", [], allowSystem: true);
        var creditors = db.Set<Creditor>().AsNoTracking();
        if (actor.Creditors.Named is { } named)
        {
            var ids = named.ToList();
            creditors = creditors.Where(c => ids.Contains(c.Id));
        }

        return (await creditors.OrderBy(c => c.Code).ToListAsync(cancellationToken)).ConvertAll(CreditorViews.From);
    }
}
