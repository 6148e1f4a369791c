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

/// <summary>
/// <c>GET /api/accounts/{id}/simulate</c>: the simulator on a stored account: its outstanding balance (from the ledger)
/// and its creditor's minimum instalment and settlement bounds, with the plan's parameters as <see cref="PlanText"/> reads them;
/// due dates skip the bank holidays where the customer lives (<see cref="BankHolidayCalendars"/>).
/// </summary>
public sealed class SimulateAccountPlan(IAccountArrangementPolicies policies, IBalanceQueries balances, ICustomerLocales customers, IClock clock)
    : IUseCase<SimulateAccountPlanRequest, SimulationResult>
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/accounts/{id}/simulate", async Task<Ok<SimulationResult>> (AccountId id, string? amount, string? frequency, string? start, string? shape, string? rate, string? fee, ClaimsPrincipal user, SimulateAccountPlan handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.From(user), new SimulateAccountPlanRequest(id, amount, frequency, start, shape, rate, fee), ct)))
            .RequireAuthorization(StaffPolicies.Staff)
            .WithName("SimulatePlan")
            .WithSummary("Simulate a repayment plan on the account's outstanding balance: the exact schedule, end date, total paid, interest and fees saved against the default path, and milestones.");

    public async Task<SimulationResult> HandleAsync(Actor actor, SimulateAccountPlanRequest query, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("simulate a repayment plan", []);
        var accountId = query.Account;
        var policy = await policies.PolicyForAsync(actor, accountId, cancellationToken);
        var balance = await balances.GetAsync(accountId, cancellationToken);
        var currency = policy.Currency;
        var outstanding = balance?.Outstanding ?? Money.Zero(currency);
        var request = SimulationText.Read(outstanding, query.Amount, query.Frequency, query.Start, query.Shape, query.Rate, query.Fee);
        var planPolicy = new PlanPolicy(policy.MinimumInstalment, policy.SettlementDiscountMinPercent, policy.SettlementDiscountMaxPercent);
        var now = clock.GetCurrentInstant();
        var holidays = BankHolidayCalendars.For((await customers.GetAsync(accountId, cancellationToken))?.Jurisdiction, currency);
        return PlanSimulator.Simulate(request with { Policy = planPolicy, Holidays = holidays }, PaymentCalendar.EarliestToday(now));
    }
}

/// <summary>The simulator's parameters from text, shared by the CLI (<c>parley plan simulate</c>) and the API.</summary>
public static class SimulationText
{
    /// <summary>Reads the parameters; the policy is unbounded (no creditor named) until the caller supplies one.</summary>
    public static SimulationRequest Read(Money balance, string? amount, string? frequency, string? start, string? shape, string? rate, string? fee)
    {
        var currency = balance.Currency;
        var instalment = string.IsNullOrWhiteSpace(amount) ? (Money?)null : PlanText.ParseAmount("amount", amount, currency);
        var plan = new PlanRequest(
            balance,
            PlanText.ParseFrequency(frequency),
            PlanText.ParseDate("start", start),
            PlanText.ParseShape(shape, instalment, currency));
        var annualRate = string.IsNullOrWhiteSpace(rate) ? 0m : PlanText.ParsePercent("rate", rate);
        var monthlyFee = string.IsNullOrWhiteSpace(fee) ? Money.Zero(currency) : PlanText.ParseAmount("fee", fee, currency);
        return new SimulationRequest(plan, PlanPolicy.Unbounded(currency), annualRate, monthlyFee);
    }
}
