using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Arrangements.Schedules;
using Parley.Modules.Payments.Contracts;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Arrangements.Simulation;

public sealed record ArrangementAccountNotFound(AccountId AccountId)
    : DomainError("plans.account_not_found", $"Account {AccountId} does not exist.", ErrorKind.NotFound);

/// <summary>The HTTP body of <c>POST /api/accounts/{id}/simulate</c>; the account comes from the route. See <see cref="SimulateAccountPlanRequest"/>.</summary>
public sealed record SimulateAccountPlanBody(decimal? Amount, Frequency? Frequency, LocalDate? Start, PlanShapeSpec? Shape, decimal? Rate = null, decimal? Fee = null)
{
    public SimulateAccountPlanRequest For(AccountId account) => new(account, Amount, Frequency, Start, Shape, Rate, Fee);
}

/// <summary>
/// <c>POST /api/accounts/{id}/simulate</c>: the simulator on a stored account: its outstanding balance (from the ledger)
/// and its creditor's minimum instalment and settlement bounds, with the plan as a proposal takes it; due dates skip the
/// bank holidays where the customer lives (<see cref="BankHolidayCalendars"/>). Nothing is stored.
/// </summary>
public sealed class SimulateAccountPlan(IAccountArrangementPolicies policies, IBalanceQueries balances, ICustomerLocales customers, IClock clock)
    : IUseCase<SimulateAccountPlanRequest, SimulationResult>
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/accounts/{id}/simulate", async Task<Ok<SimulationResult>> (AccountId id, SimulateAccountPlanBody body, ClaimsPrincipal user, SimulateAccountPlan handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.From(user), body.For(id), ct)))
            .RequireAuthorization(StaffPolicies.Staff)
            .WithName("SimulatePlan")
            .WithSummary("Simulate a repayment plan on the account's outstanding balance: the exact schedule, end date, total paid, interest and fees saved against the default path, and milestones. Nothing is stored.");

    public async Task<SimulationResult> HandleAsync(Actor actor, SimulateAccountPlanRequest query, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("simulate a repayment plan", []);
        var accountId = query.Account;
        var policy = await policies.PolicyForAsync(actor, accountId, cancellationToken);
        var balance = await balances.GetAsync(accountId, cancellationToken);
        var currency = policy.Currency;
        var outstanding = balance?.Outstanding ?? Money.Zero(currency);
        var request = SimulationInput.Read(PlanRequests.From(outstanding, query.Amount, query.Frequency, query.Start, query.Shape), query.Rate, query.Fee);
        var planPolicy = new PlanPolicy(policy.MinimumInstalment, policy.SettlementDiscountMinPercent, policy.SettlementDiscountMaxPercent);
        var now = clock.GetCurrentInstant();
        var holidays = BankHolidayCalendars.For((await customers.GetAsync(accountId, cancellationToken))?.Jurisdiction, currency);
        return PlanSimulator.Simulate(request with { Policy = planPolicy, Holidays = holidays }, PaymentCalendar.EarliestToday(now));
    }
}

/// <summary>The simulator's inputs beside the plan, shared by the CLI (<c>parley plan simulate</c>) and the API.</summary>
public static class SimulationInput
{
    /// <summary>The default path's rate (percent, default 0) and monthly fee (default 0); the policy is unbounded until the caller supplies one.</summary>
    public static SimulationRequest Read(PlanRequest plan, decimal? rate, decimal? fee)
    {
        var currency = plan.Balance.Currency;
        var annualRate = rate is { } r ? PlanFieldChecks.ReadPercent("rate", r) : 0m;
        var monthlyFee = fee is { } f ? PlanShapes.Amount("fee", f, currency) : Money.Zero(currency);
        return new SimulationRequest(plan, PlanPolicy.Unbounded(currency), annualRate, monthlyFee);
    }
}
