using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Arrangements.Affordability;
using Parley.Modules.Arrangements.Plans;
using Parley.Modules.Arrangements.Schedules;
using Parley.Modules.Arrangements.Simulation;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Decisioning.Contracts;
using Parley.Modules.Payments.Contracts;
using Parley.SharedKernel;

namespace Parley.Modules.Arrangements.Offers;

/// <summary>An offer with what it takes to propose it (null for a pause with nothing due) and where it takes the balance (the simulator's answer).</summary>
public sealed record OfferPlan(OfferView Offer, ProposeArrangementRequest? Proposal, SimulationResult? Simulation);

/// <summary>The page's offers; while a hold stops collection, none, and <see cref="BlockedBy"/> says why (as <see cref="AccountOffers"/>).</summary>
public sealed record AccountOfferPlans(
    string Currency,
    decimal Balance,
    bool HasAssessment,
    IReadOnlyList<OfferPlan> Offers,
    OfferSegmentView? Segment = null,
    IReadOnlyList<CollectionBlock>? BlockedBy = null,
    TimeBarView? TimeBarred = null)
{
    public bool Blocked => BlockedBy is { Count: > 0 };
}

/// <summary>
/// The account page's offers: <see cref="GetAccountOffers"/>' ranked offers, each with the proposal that sets it up and
/// its simulation on the account's balance and the creditor's interest and fee (what keeping it saves), so the page can
/// compare options. An offer needing approval is simulated without the bounds it asks to go beyond, as it would be approved.
/// The customer's segment shapes them as it does the API's (<see cref="IAccountSegments"/>).
/// </summary>
public sealed class GetOfferPlans(IAccountArrangementPolicies policies, IBalanceQueries balances, IAffordabilitySource affordability, IAccountSegments segments, ICustomerLocales customers, ICollectionControls controls, IClock clock)
{
    public async Task<AccountOfferPlans> HandleAsync(AccountId accountId, CancellationToken cancellationToken)
    {
        var policy = await policies.GetAsync(accountId, cancellationToken) ?? throw new DomainException(new ArrangementAccountNotFound(accountId));
        var currency = policy.Currency;
        var outstanding = (await balances.GetAsync(accountId, cancellationToken))?.Outstanding ?? Money.Zero(currency);
        var assessment = await affordability.LatestAsync(accountId, cancellationToken);
        var now = clock.GetCurrentInstant();
        var standing = await controls.GetAsync(accountId, CollectionStep.Offer, now, cancellationToken);
        if (standing is { Blocked: true })
        {
            return new AccountOfferPlans(currency.Code, PlanSimulator.Scaled(outstanding), assessment is not null, [], null, standing.Blocks, TimeBarView.Of(standing.TimeBar));
        }

        var holidays = BankHolidayCalendars.For((await customers.GetAsync(accountId, cancellationToken))?.Jurisdiction, currency);
        var today = PaymentCalendar.EarliestToday(now);
        var terms = OfferTerms.From(policy);
        var segment = await segments.GetAsync(accountId, cancellationToken);
        var request = new OfferRequest(outstanding, terms, assessment, segment.Segment, today, null, null, holidays);
        var offers = OfferEngine.Offers(request);
        var creditor = new PlanPolicy(policy.MinimumInstalment, policy.SettlementDiscountMinPercent, policy.SettlementDiscountMaxPercent);
        return new AccountOfferPlans(
            currency.Code,
            PlanSimulator.Scaled(outstanding),
            assessment is not null,
            [.. offers.Select(o => new OfferPlan(GetAccountOffers.View(o, standing?.TimeBar), OfferProposal.For(o), Simulate(o, terms, o.RequiresApproval ? PlanPolicy.Unbounded(currency) : creditor, today)))],
            GetAccountOffers.SegmentView(segment, request, offers),
            [],
            TimeBarView.Of(standing?.TimeBar));
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
