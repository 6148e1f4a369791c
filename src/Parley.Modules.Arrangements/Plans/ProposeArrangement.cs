using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Arrangements.Schedules;
using Parley.Modules.Arrangements.Simulation;
using Parley.Modules.Payments.Contracts;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;

namespace Parley.Modules.Arrangements.Plans;

/// <summary>A plan to propose: the shape as the simulator spells it (default <c>fixed</c>), the frequency, the instalment (major units) and the first pay date.</summary>
public sealed record ProposeArrangementRequest(string? Shape, string? Frequency, decimal? Amount, string? Start);

/// <summary>
/// <c>POST /api/accounts/{id}/arrangements</c>: builds the exact schedule on the account's outstanding balance and stores
/// the plan as proposed. A plan outside the creditor's policy (an instalment below its minimum, a settlement discount
/// outside its bounds) is stored as <c>awaiting_approval</c> with the reason, for a supervisor; any other bad input is a
/// 400 and nothing is stored.
/// </summary>
public sealed class ProposeArrangement(ParleyDbContext db, IAccountArrangementPolicies policies, IBalanceQueries balances, IClock clock)
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/accounts/{id}/arrangements", async Task<Created<ArrangementView>> (AccountId id, ProposeArrangementRequest request, ClaimsPrincipal user, ProposeArrangement handler, CancellationToken ct) =>
            {
                var plan = await handler.HandleAsync(id, request, user.Identity?.Name ?? "unknown", ct);
                return TypedResults.Created($"/api/accounts/{id}/arrangements/{plan.Id}", plan);
            })
            .RequireAuthorization(StaffPolicies.Staff)
            .WithName("ProposeArrangement")
            .WithSummary("Propose a repayment plan: its exact schedule; outside the creditor's policy it awaits a supervisor's approval.");

    public async Task<ArrangementView> HandleAsync(AccountId accountId, ProposeArrangementRequest request, string by, CancellationToken cancellationToken)
    {
        var policy = await policies.GetAsync(accountId, cancellationToken) ?? throw new DomainException(new ArrangementAccountNotFound(accountId));
        var currency = policy.Currency;
        var outstanding = (await balances.GetAsync(accountId, cancellationToken))?.Outstanding ?? Money.Zero(currency);
        var amount = request.Amount is { } a ? PlanText.ParseAmount("amount", a.ToString(CultureInfo.InvariantCulture), currency) : (Money?)null;
        var planRequest = new PlanRequest(outstanding, PlanText.ParseFrequency(request.Frequency), PlanText.ParseDate("start", request.Start), PlanText.ParseShape(request.Shape, amount, currency));
        var creditorPolicy = new PlanPolicy(policy.MinimumInstalment, policy.SettlementDiscountMinPercent, policy.SettlementDiscountMaxPercent);
        var today = PaymentCalendar.EarliestToday(clock.GetCurrentInstant());

        Schedule schedule;
        string? approvalReason = null;
        try
        {
            schedule = ScheduleBuilder.Build(planRequest, creditorPolicy, today);
        }
        catch (DomainException ex) when (ex.Error is InstalmentBelowMinimum or SettlementDiscountOutsidePolicy)
        {
            // Outside policy is a supervisor's decision, not a refusal: the plan is built without the creditor's bounds.
            approvalReason = ex.Error.Detail;
            schedule = ScheduleBuilder.Build(planRequest, PlanPolicy.Unbounded(currency), today);
        }

        // The creditor's tolerance at proposal time travels with the plan, so a later policy change never rewrites it.
        var tolerance = new Tolerance(policy.GraceDays, policy.AllowedMisses);
        var snapshot = new PolicySnapshot(policy.MinimumInstalment.ToMinorUnits(), policy.SettlementDiscountMinPercent, policy.SettlementDiscountMaxPercent, tolerance.GraceDays, tolerance.AllowedMisses);
        var arrangement = new Arrangement(accountId, string.IsNullOrWhiteSpace(request.Shape) ? "fixed" : request.Shape.Trim(), schedule, snapshot, approvalReason, by, clock.GetCurrentInstant());
        db.Add(arrangement);
        db.StageEvents(arrangement);
        await db.SaveChangesAsync(cancellationToken);
        return ArrangementView.Of(arrangement);
    }
}
