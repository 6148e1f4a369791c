using NodaTime;
using Parley.Modules.Arrangements.Schedules;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Arrangements.Simulation;

/// <summary>
/// <c>parley plan simulate</c>: the simulator on a balance with no account and no database, the plan read as a proposal
/// reads it; the creditor's bounds only when given.
/// </summary>
public sealed class SimulatePlan(IClock clock) : IUseCase<SimulatePlanRequest, SimulationResult>
{
    public Task<SimulationResult> HandleAsync(Actor actor, SimulatePlanRequest request, CancellationToken cancellationToken)
    {
        // Nothing is read or stored: any member of staff, and the operator's command on the server.
        actor.MustBeStaff("simulate a repayment plan", [], allowSystem: true);
        var currency = request.Currency ?? throw new DomainException(new InvalidPlanParameter("currency", "is required"));
        var balance = PlanShapes.Amount("balance", request.Balance ?? throw new DomainException(new InvalidPlanParameter("balance", "is required")), currency);
        var simulation = SimulationInput.Read(PlanRequests.From(balance, request.Amount, request.Frequency, request.Start, request.Shape), request.Rate, request.Fee);
        var policy = simulation.Policy with
        {
            MinimumInstalment = request.MinimumInstalment is { } m ? PlanShapes.Amount("minimum-instalment", m, currency) : simulation.Policy.MinimumInstalment,
            SettlementDiscountMinPercent = request.SettlementMin is { } low ? PlanFieldChecks.ReadPercent("settlement-min", low) : simulation.Policy.SettlementDiscountMinPercent,
            SettlementDiscountMaxPercent = request.SettlementMax is { } high ? PlanFieldChecks.ReadPercent("settlement-max", high) : simulation.Policy.SettlementDiscountMaxPercent,
        };
        return Task.FromResult(PlanSimulator.Simulate(simulation with { Policy = policy }, PaymentCalendar.EarliestToday(clock.GetCurrentInstant())));
    }
}
