using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Payments.Contracts;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Accounts.Creditors;

/// <summary>The HTTP body of <c>PUT /api/creditors/{id}/policy</c>; the creditor comes from the route.</summary>
/// <param name="Waterfall">Payment allocation order, e.g. <c>interest&gt;fees&gt;principal</c>; omitted keeps it.</param>
/// <param name="MinimumInstalment">Smallest instalment in the creditor's currency; omitted keeps it.</param>
/// <param name="SettlementDiscountMinPercent">Omitted keeps it.</param>
/// <param name="SettlementDiscountMaxPercent">Omitted keeps it.</param>
/// <param name="GraceDays">0–31; omitted keeps it.</param>
/// <param name="AllowedMisses">0–12; omitted keeps it.</param>
/// <param name="AnnualInterestRatePercent">Percent a year (19.9 is 19.9 %), 0–100 with at most 4 decimals; omitted keeps it.</param>
/// <param name="MonthlyFee">In the creditor's currency with its decimals, not negative; omitted keeps it (0 removes the fee).</param>
/// <param name="FreezeAllowed">Whether a kept arrangement may freeze interest and fees; omitted keeps it.</param>
/// <param name="MaxPlanMonths">The longest plan offered without approval, 1–120 months; omitted keeps it.</param>
public sealed record ChangeCreditorPolicyBody(
    string? Waterfall,
    decimal? MinimumInstalment,
    decimal? SettlementDiscountMinPercent,
    decimal? SettlementDiscountMaxPercent,
    int? GraceDays = null,
    int? AllowedMisses = null,
    decimal? AnnualInterestRatePercent = null,
    decimal? MonthlyFee = null,
    bool? FreezeAllowed = null,
    int? MaxPlanMonths = null)
{
    public ChangeCreditorPolicyRequest For(CreditorId creditor) =>
        new(creditor, Waterfall, MinimumInstalment, SettlementDiscountMinPercent, SettlementDiscountMaxPercent, GraceDays, AllowedMisses, AnnualInterestRatePercent, MonthlyFee, FreezeAllowed, MaxPlanMonths);
}

/// <summary>
/// <c>PUT /api/creditors/{id}/policy</c> and the Creditors page: changes what a creditor allows. The body is partial: an
/// omitted (or null) field keeps its current value. A new waterfall is pushed to the ledgers of all its accounts in the
/// same transaction, so the next payment is allocated the new way; a new rate or fee is charged from the next monthly accrual.
/// </summary>
public sealed class ChangeCreditorPolicy(ParleyDbContext db, ILedgerPlacements ledger) : IUseCase<ChangeCreditorPolicyRequest, CreditorView>
{
    private const int LedgerChunk = 10_000;

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPut("/creditors/{id}/policy", async Task<Ok<CreditorView>> (CreditorId id, ChangeCreditorPolicyBody body, ClaimsPrincipal user, ChangeCreditorPolicy handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.From(user), body.For(id), ct)))
            .RequireAuthorization(StaffPolicies.Admin)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("ChangeCreditorPolicy")
            .WithSummary("Change a creditor's collection policy (admins); a new waterfall applies to its accounts' next payments.")
            .WithTags("Creditors");

    public async Task<CreditorView> HandleAsync(Actor actor, ChangeCreditorPolicyRequest request, CancellationToken cancellationToken)
    {
        // What a creditor allows is set by an admin who works for it; no job or command changes it.
        actor.MustBeStaff("change a creditor's policy", [StaffRoles.Admin]);
        ArgumentNullException.ThrowIfNull(request);
        var id = request.Creditor;
        actor.MustSee(id, new CreditorNotFound(id));
        var creditor = await db.Set<Creditor>().SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new DomainException(new CreditorNotFound(id));
        var current = creditor.Policy;
        var problems = new Dictionary<string, string[]>();
        var policy = CreditorPolicyInput.Read(creditor.Currency, PolicyFields.Of(request), current, problems) ?? throw new DomainException(new CreditorInvalid(problems));

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
        return CreditorViews.From(creditor);
    }
}
