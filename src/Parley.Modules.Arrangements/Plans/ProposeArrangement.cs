using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Arrangements.Affordability;
using Parley.Modules.Arrangements.Schedules;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Payments.Contracts;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Arrangements.Plans;

/// <summary>
/// The HTTP body of <c>POST /api/accounts/{id}/arrangements</c>; the account comes from the route. See
/// <see cref="ProposeArrangementRequest"/>.
/// </summary>
public sealed record ProposeArrangementBody(PlanShapeSpec? Shape, Frequency? Frequency, decimal? Amount, LocalDate? Start, bool? FreezeInterestAndFees = null, bool? ChosenAboveAffordable = null)
{
    public ProposeArrangementRequest For(AccountId account) => new(account, Shape, Frequency, Amount, Start, FreezeInterestAndFees, ChosenAboveAffordable);
}

/// <summary>
/// <c>POST /api/accounts/{id}/arrangements</c>: builds the exact schedule on the account's outstanding balance and stores
/// the plan as proposed. A plan outside the creditor's policy (an instalment below its minimum, a settlement discount
/// outside its bounds, longer than its longest plan, a freeze it does not allow, above what the customer can afford) is
/// stored as <c>awaiting_approval</c> with every breach (<see cref="PolicyBreaches"/>), for a supervisor other than the
/// proposer; any other bad input is a 400 and nothing is stored. A hold that stops collection refuses it (409).
/// </summary>
public sealed class ProposeArrangement(ParleyDbContext db, IAccountArrangementPolicies policies, IBalanceQueries balances, IAffordabilitySource affordability, ICustomerLocales customers, ICollectionControls controls, IClock clock)
    : IUseCase<ProposeArrangementRequest, ArrangementView>
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/accounts/{id}/arrangements", async Task<Created<ArrangementView>> (AccountId id, ProposeArrangementBody body, ClaimsPrincipal user, ProposeArrangement handler, CancellationToken ct) =>
            {
                var plan = await handler.HandleAsync(Actor.From(user), body.For(id), ct);
                return TypedResults.Created($"/api/accounts/{id}/arrangements/{plan.Id}", plan);
            })
            .RequireAuthorization(StaffPolicies.Staff)
            .WithName("ProposeArrangement")
            .WithSummary("Propose a repayment plan: its exact schedule; outside the creditor's policy it awaits a supervisor's approval.");

    public async Task<ArrangementView> HandleAsync(Actor actor, ProposeArrangementRequest request, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("propose a repayment plan", []);
        var accountId = request.Account;
        var policy = await policies.PolicyForAsync(actor, accountId, cancellationToken);
        var now = clock.GetCurrentInstant();

        // A hold that stops collection (Breathing Space, a dispute not yet answered, …) refuses the plan before anything is built.
        (await controls.GetAsync(accountId, CollectionStep.ProposePlan, now, cancellationToken))?.ThrowIfBlocked();
        var currency = policy.Currency;
        var outstanding = (await balances.GetAsync(accountId, cancellationToken))?.Outstanding ?? Money.Zero(currency);
        var planRequest = PlanRequests.From(outstanding, request.Amount, request.Frequency, request.Start, request.Shape);
        var creditorPolicy = new PlanPolicy(policy.MinimumInstalment, policy.SettlementDiscountMinPercent, policy.SettlementDiscountMaxPercent);
        var today = PaymentCalendar.EarliestToday(now);
        var holidays = BankHolidayCalendars.For((await customers.GetAsync(accountId, cancellationToken))?.Jurisdiction, currency);

        var (schedule, scheduleBreaches) = PolicyBreaches.Build(planRequest, creditorPolicy, today);

        // Due dates as the offers showed them: past the bank holidays where the customer's bank collects.
        schedule = schedule.InCalendar(holidays);

        // Interest and fees freeze by default where the creditor allows it; asking for a freeze it does not allow is a supervisor's call.
        var freeze = request.FreezeInterestAndFees ?? policy.FreezeAllowed;
        var assessment = await affordability.LatestAsync(accountId, cancellationToken);
        long? affordable = assessment is null ? null : Math.Max(0, assessment.ThisCreditorShare.ToMinorUnits()) * 12 / PaymentCalendar.PeriodsPerYear(planRequest.Frequency);
        var chosen = request.ChosenAboveAffordable ?? false;

        // Every breach is named, so the supervisor approves all of them knowingly, not only the first found.
        var breaches = PolicyBreaches.All(scheduleBreaches, schedule, policy, freeze, affordable, chosen);

        // The creditor's tolerance at proposal time travels with the plan, so a later policy change never rewrites it.
        var tolerance = new Tolerance(policy.GraceDays, policy.AllowedMisses);
        var snapshot = new PolicySnapshot(policy.MinimumInstalment.ToMinorUnits(), policy.SettlementDiscountMinPercent, policy.SettlementDiscountMaxPercent, tolerance.GraceDays, tolerance.AllowedMisses);
        var arrangement = new Arrangement(accountId, PlanInputText.FormatShape(PlanShapes.ToSpec(planRequest.Shape)), schedule, snapshot, breaches, actor.Name, now);
        arrangement.RecordTerms(freeze, affordable, chosen);
        db.Add(arrangement);
        db.StageEvents(arrangement);
        await db.SaveChangesAsync(cancellationToken);
        return ArrangementViews.Of(arrangement);
    }
}
