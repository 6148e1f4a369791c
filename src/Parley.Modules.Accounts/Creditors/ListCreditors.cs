using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Parley.Modules.Accounts.Domain;
using Parley.Persistence;
using Parley.SharedKernel.Security;

namespace Parley.Modules.Accounts.Creditors;

/// <summary><c>GET /api/creditors</c> and <c>parley creditors list</c>, ordered by code.</summary>
public static class ListCreditors
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/creditors", async (Handler handler, CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(ct)))
            .RequireAuthorization(StaffPolicies.Staff)
            .WithName("ListCreditors")
            .WithSummary("Every creditor with its currency and collection policy.")
            .WithTags("Creditors");

    public sealed class Handler(ParleyDbContext db)
    {
        public async Task<List<CreditorView>> HandleAsync(CancellationToken cancellationToken) =>
            (await db.Set<Creditor>().AsNoTracking().OrderBy(c => c.Code).ToListAsync(cancellationToken)).ConvertAll(CreditorView.From);
    }
}
