using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Payments.Contracts;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;

namespace Parley.Modules.Accounts.Creditors;

/// <summary>
/// <c>PUT /api/creditors/{id}/policy</c>: changes what a creditor allows. A new waterfall is pushed to the ledgers
/// of all its accounts in the same transaction, so the next payment is allocated the new way.
/// </summary>
public static class ChangeCreditorPolicy
{
    private const int LedgerChunk = 10_000;

    public sealed record Request(string? Waterfall, decimal? MinimumInstalment, decimal? SettlementDiscountMinPercent, decimal? SettlementDiscountMaxPercent, int? GraceDays = null, int? AllowedMisses = null);

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPut("/api/creditors/{id}/policy", async (CreditorId id, Request request, Handler handler, CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, request, ct)))
            .RequireAuthorization(StaffPolicies.Admin)
            .Produces<CreditorView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("ChangeCreditorPolicy")
            .WithSummary("Change a creditor's collection policy (admins); a new waterfall applies to its accounts' next payments.")
            .WithTags("Creditors");

    public sealed class Handler(ParleyDbContext db, ILedgerPlacements ledger)
    {
        public async Task<CreditorView> HandleAsync(CreditorId id, Request request, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(request);
            var creditor = await db.Set<Creditor>().SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
                ?? throw new DomainException(new CreditorNotFound(id));
            var current = creditor.Policy;
            var problems = new Dictionary<string, string[]>();
            var policy = CreditorPolicyInput.Read(
                creditor.Currency,
                request.Waterfall ?? current.Waterfall.ToString(),
                request.MinimumInstalment ?? current.MinimumInstalment.Amount,
                request.SettlementDiscountMinPercent ?? current.SettlementDiscountMinPercent,
                request.SettlementDiscountMaxPercent ?? current.SettlementDiscountMaxPercent,
                request.GraceDays ?? current.GraceDays,
                request.AllowedMisses ?? current.AllowedMisses,
                problems) ?? throw new DomainException(new CreditorInvalid(problems));

            // The offer terms (interest, fee, freeze, plan length) are not set through this request: keep them.
            policy = policy with { AnnualInterestRatePercent = current.AnnualInterestRatePercent, MonthlyFee = current.MonthlyFee, FreezeAllowed = current.FreezeAllowed, MaxPlanMonths = current.MaxPlanMonths };

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            creditor.SetPolicy(policy);
            await db.SaveChangesAsync(cancellationToken);
            if (policy.Waterfall != current.Waterfall)
            {
                var accounts = await db.Set<Account>().AsNoTracking().Where(a => a.CreditorId == id).Select(a => a.Id).ToListAsync(cancellationToken);
                foreach (var chunk in accounts.Chunk(LedgerChunk))
                {
                    await ledger.SetWaterfallAsync(chunk, policy.Waterfall, cancellationToken);
                }
            }

            await transaction.CommitAsync(cancellationToken);
            return CreditorView.From(creditor);
        }
    }
}
