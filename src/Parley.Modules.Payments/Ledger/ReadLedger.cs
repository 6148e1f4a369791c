using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Parley.Modules.Payments.Domain;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;

namespace Parley.Modules.Payments.Ledger;

public sealed record LedgerLine(LedgerEntryResponse Entry, decimal OutstandingAfter);

public sealed record LedgerResponse(Guid AccountId, string Currency, string Waterfall, IReadOnlyList<LedgerLine> Entries, BalanceResponse Balance);

public static class ReadLedger
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/accounts/{id}/ledger", GetLedgerAsync)
            .RequireAuthorization(StaffPolicies.Staff)
            .WithName("GetLedger")
            .WithSummary("The account's ledger, oldest first, with the outstanding balance after each entry.");
        api.MapGet("/accounts/{id}/balance", GetBalanceAsync)
            .RequireAuthorization(StaffPolicies.Staff)
            .WithName("GetBalance")
            .WithSummary("The account's balance by bucket.");
    }

    public static async Task<Ok<LedgerResponse>> GetLedgerAsync(AccountId id, ParleyDbContext db, CancellationToken cancellationToken)
    {
        var account = await FindAsync(db, id, cancellationToken);
        var entries = await db.Set<LedgerEntry>().AsNoTracking().Where(e => e.AccountId == id).OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
        var running = Buckets.Zero;
        var lines = new List<LedgerLine>(entries.Count);
        foreach (var entry in entries)
        {
            running += entry.Deltas;
            lines.Add(new LedgerLine(LedgerEntryResponse.From(entry), Money.FromMinorUnits(running.Outstanding, account.Currency).Amount));
        }

        return TypedResults.Ok(new LedgerResponse(id.Value, account.Currency.Code, account.Waterfall, lines, BalanceResponse.From(id, account.Balance, account.Currency)));
    }

    public static async Task<Ok<BalanceResponse>> GetBalanceAsync(AccountId id, ParleyDbContext db, CancellationToken cancellationToken)
    {
        var account = await FindAsync(db, id, cancellationToken);
        return TypedResults.Ok(BalanceResponse.From(id, account.Balance, account.Currency));
    }

    private static async Task<LedgerAccount> FindAsync(ParleyDbContext db, AccountId id, CancellationToken cancellationToken) =>
        await db.Set<LedgerAccount>().AsNoTracking().SingleOrDefaultAsync(a => a.AccountId == id, cancellationToken)
        ?? throw new DomainException(new LedgerAccountNotFound(id));
}
