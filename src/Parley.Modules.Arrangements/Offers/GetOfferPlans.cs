using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Arrangements.Affordability;
using Parley.Modules.Arrangements.Schedules;
using Parley.Modules.Arrangements.Simulation;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Decisioning.Contracts;
using Parley.Modules.Payments.Contracts;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Arrangements.Offers;

/// <summary>
/// The account page's offers: <see cref="GetAccountOffers"/>' ranked offers, each with the proposal that sets it up and
/// its simulation on the account's balance and the creditor's interest and fee (what keeping it saves), so the page can
/// compare options. An offer needing approval is simulated without the bounds it asks to go beyond, as it would be approved.
/// The customer's segment shapes them as it does the API's (<see cref="IAccountSegments"/>).
/// </summary>
public sealed class GetOfferPlans(IAccountArrangementPolicies policies, IBalanceQueries balances, IAffordabilitySource affordability, IAccountSegments segments, ICustomerLocales customers, ICollectionControls controls, IClock clock)
    : IUseCase<GetOfferPlansRequest, AccountOfferPlans>
{
    public async Task<AccountOfferPlans> HandleAsync(Actor actor, GetOfferPlansRequest request, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("read an account's offers", []);
        var accountId = request.Account;
        var policy = await policies.PolicyForAsync(actor, accountId, cancellationToken);
        var currency = policy.Currency;
        var outstanding = (await balances.GetAsync(accountId, cancellationToken))?.Outstanding ?? Money.Zero(currency);
        var assessment = await affordability.LatestAsync(accountId, cancellationToken);
        var now = clock.GetCurrentInstant();
        var standing = await controls.GetAsync(accountId, CollectionStep.Offer, now, cancellationToken);
        if (standing is { Blocked: true })
        {
            return new AccountOfferPlans(currency.Code, PlanSimulator.Scaled(outstanding), assessment is not null, [], null, standing.Blocks, TimeBarViews.Of(standing.TimeBar));
        }

        var holidays = BankHolidayCalendars.For((await customers.GetAsync(accountId, cancellationToken))?.Jurisdiction, currency);
        var today = PaymentCalendar.EarliestToday(now);
        var terms = OfferTerms.From(policy);
        var segment = await segments.GetAsync(accountId, cancellationToken);
        var offerRequest = new OfferRequest(outstanding, terms, assessment, segment.Segment, today, null, null, holidays);
        var offers = OfferEngine.Offers(offerRequest);
        var creditor = new PlanPolicy(policy.MinimumInstalment, policy.SettlementDiscountMinPercent, policy.SettlementDiscountMaxPercent);
        return new AccountOfferPlans(
            currency.Code,
            PlanSimulator.Scaled(outstanding),
            assessment is not null,
            [.. offers.Select(o => new OfferPlan(GetAccountOffers.View(o, standing?.TimeBar), OfferProposal.For(accountId, o), Simulate(o, terms, o.RequiresApproval ? PlanPolicy.Unbounded(currency) : creditor, today)))],
            GetAccountOffers.SegmentView(segment, offerRequest, offers),
            [],
            TimeBarViews.Of(standing?.TimeBar));
    }

    private static SimulationResult? Simulate(Offer offer, OfferTerms terms, PlanPolicy policy, LocalDate today)
    {
        if (offer.Shape is not { } shape)
        {
            return null;
        }

        try
        {
            return PlanSimulator.Simulate(new SimulationRequest(new PlanRequest(offer.Balance, offer.Frequency, offer.Start, shape), policy, terms.AnnualInterestRatePercent, terms.MonthlyFee, offer.Holidays), today);
        }
        catch (DomainException)
        {
            // An offer the simulator cannot follow (e.g. a fee larger than a tiny balance) is still listed, just not charted.
            return null;
        }
    }
}
