using NodaTime;
using Parley.Modules.Arrangements.Schedules;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Arrangements.Simulation;

/// <summary>
/// <c>parley plan simulate</c>: the simulator on a balance with no account and no database, the options read by
/// <see cref="PlanText"/> as the API reads its query; the creditor's bounds only when given.
/// </summary>
public sealed class SimulatePlan(IClock clock) : IUseCase<SimulatePlanRequest, SimulationResult>
{
    public Task<SimulationResult> HandleAsync(Actor actor, SimulatePlanRequest request, CancellationToken cancellationToken)
    {
        // Nothing is read or stored: any member of staff, and the operator's command on the server.
        actor.MustBeStaff("simulate a repayment plan", [], allowSystem: true);
        var currency = PlanText.ParseCurrency(request.Currency);
        var simulation = SimulationText.Read(
            PlanText.ParseAmount("balance", request.Balance, currency), request.Amount, request.Frequency, request.Start, request.Shape, request.Rate, request.Fee);
        var policy = simulation.Policy with
        {
            MinimumInstalment = request.MinimumInstalment is { } m ? PlanText.ParseAmount("minimum-instalment", m, currency) : simulation.Policy.MinimumInstalment,
            SettlementDiscountMinPercent = request.SettlementMin is { } low ? PlanText.ParsePercent("settlement-min", low) : simulation.Policy.SettlementDiscountMinPercent,
            SettlementDiscountMaxPercent = request.SettlementMax is { } high ? PlanText.ParsePercent("settlement-max", high) : simulation.Policy.SettlementDiscountMaxPercent,
        };
        return Task.FromResult(PlanSimulator.Simulate(simulation with { Policy = policy }, PaymentCalendar.EarliestToday(clock.GetCurrentInstant())));
    }
}
