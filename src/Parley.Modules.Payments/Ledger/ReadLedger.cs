using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Parley.Modules.Payments.Contracts;
using Parley.Modules.Payments.Domain;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Payments.Ledger;

/// <summary>The account's ledger and balance, for any member of staff who works for the account's creditor.</summary>
public sealed class ReadLedger(ParleyDbContext db, IAccountCreditors accounts) : IUseCase<ReadLedgerRequest, LedgerResponse>, IUseCase<GetBalanceRequest, BalanceResponse>
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/accounts/{id}/ledger", async Task<Ok<LedgerResponse>> (AccountId id, ClaimsPrincipal user, ReadLedger handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.From(user), new ReadLedgerRequest(id), ct)))
            .RequireAuthorization(StaffPolicies.Staff)
            .WithName("GetLedger")
            .WithSummary("The account's ledger, oldest first, with the outstanding balance after each entry.");
        api.MapGet("/accounts/{id}/balance", async Task<Ok<BalanceResponse>> (AccountId id, ClaimsPrincipal user, ReadLedger handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.From(user), new GetBalanceRequest(id), ct)))
            .RequireAuthorization(StaffPolicies.Staff)
            .WithName("GetBalance")
            .WithSummary("The account's balance by bucket.");
    }

    public async Task<LedgerResponse> HandleAsync(Actor actor, ReadLedgerRequest request, CancellationToken cancellationToken)
    {
        var id = request.Account;
        var account = await FindAsync(actor, id, cancellationToken);
        var entries = await db.Set<LedgerEntry>().AsNoTracking().Where(e => e.AccountId == id).OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
        var running = Buckets.Zero;
        var lines = new List<LedgerLine>(entries.Count);
        foreach (var entry in entries)
        {
            running += entry.Deltas;
            lines.Add(new LedgerLine(LedgerResponses.Entry(entry), Money.FromMinorUnits(running.Outstanding, account.Currency).Amount));
        }

        return new LedgerResponse(id.Value, account.Currency.Code, account.Waterfall, lines, LedgerResponses.Balance(id, account.Balance, account.Currency));
    }

    public async Task<BalanceResponse> HandleAsync(Actor actor, GetBalanceRequest request, CancellationToken cancellationToken)
    {
        var account = await FindAsync(actor, request.Account, cancellationToken);
        return LedgerResponses.Balance(request.Account, account.Balance, account.Currency);
    }

    private async Task<LedgerAccount> FindAsync(Actor actor, AccountId id, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("read an account's ledger", []);
        await actor.MustSeeAccountAsync(accounts, id, new LedgerAccountNotFound(id), cancellationToken);
        return await db.Set<LedgerAccount>().AsNoTracking().SingleOrDefaultAsync(a => a.AccountId == id, cancellationToken)
            ?? throw new DomainException(new LedgerAccountNotFound(id));
    }
}
