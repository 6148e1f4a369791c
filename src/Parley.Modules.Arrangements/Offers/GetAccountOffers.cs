using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Arrangements.Affordability;
using Parley.Modules.Arrangements.Plans;
using Parley.Modules.Arrangements.Schedules;
using Parley.Modules.Arrangements.Simulation;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Decisioning.Contracts;
using Parley.Modules.Payments.Contracts;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Arrangements.Offers;

/// <summary>
/// <c>GET /api/accounts/{id}/offers[?amount=&amp;frequency=&amp;discount=]</c>: ranked offers on the account's outstanding
/// balance with its creditor's terms and the latest I&amp;E (<see cref="IAffordabilitySource"/>), the customer's
/// preference optional. Bank holidays follow the customer's jurisdiction (<see cref="BankHolidayCalendars.For"/>). When the
/// account's latest plan broke, the answer carries the re-plan (<see cref="ReplanView"/>) until a new plan is proposed.
/// The customer's segment (<see cref="IAccountSegments"/>, as the Insight panel shows it) shapes the offers
/// (<see cref="OfferSegmentRules"/>) and is returned with them. A hold that stops collection (<see cref="ICollectionControls"/>)
/// makes the answer an empty list with <c>blockedBy</c> rather than an error: reading why is what the agent needs.
/// </summary>
public sealed class GetAccountOffers(
    IAccountArrangementPolicies policies,
    IBalanceQueries balances,
    IAffordabilitySource affordability,
    ICustomerLocales customers,
    IAccountSegments segments,
    ICollectionControls controls,
    ParleyDbContext db,
    IClock clock)
    : IUseCase<GetAccountOffersRequest, AccountOffers>
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/accounts/{id}/offers", async Task<Ok<AccountOffers>> (AccountId id, string? amount, string? frequency, string? discount, ClaimsPrincipal user, GetAccountOffers handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.From(user), Read(id, amount, frequency, discount), ct)))
            .RequireAuthorization(StaffPolicies.Staff)
            .WithName("GetAccountOffers")
            .WithTags("Arrangements")
            .WithSummary("Ranked repayment offers for the account: affordable first, each with its terms, reasons and whether a supervisor must approve it.");

    /// <summary>The query's words as the request's types; a word that does not read is a 400 naming its parameter.</summary>
    private static GetAccountOffersRequest Read(AccountId account, string? amount, string? frequency, string? discount) => new(
        account,
        PlanInputText.ParseDecimal("amount", amount),
        PlanInputText.ParseFrequency(frequency),
        string.IsNullOrWhiteSpace(discount) ? null : PlanFieldChecks.ReadPercent("discount", discount));

    public async Task<AccountOffers> HandleAsync(Actor actor, GetAccountOffersRequest request, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("read an account's offers", []);
        var accountId = request.Account;
        var policy = await policies.PolicyForAsync(actor, accountId, cancellationToken);
        var currency = policy.Currency;
        var preference = new CustomerPreference(
            request.Amount is { } amount ? PlanShapes.Amount("amount", amount, currency) : null,
            request.Frequency,
            request.DiscountPercent is { } discount ? PlanFieldChecks.ReadPercent("discount", discount) : null);
        if (preference.Amount is { IsPositive: false } || preference.SettlementDiscountPercent is >= 100m)
        {
            throw new DomainException(new InvalidPlanParameter(preference.Amount is { IsPositive: false } ? "amount" : "discount", "must be more than zero and a discount below 100"));
        }

        var outstanding = (await balances.GetAsync(accountId, cancellationToken))?.Outstanding ?? Money.Zero(currency);
        var assessment = await affordability.LatestAsync(accountId, cancellationToken);
        var now = clock.GetCurrentInstant();

        // A hold that stops collection answers with why, not with offers: an agent cannot put a plan to the customer.
        var standing = await controls.GetAsync(accountId, CollectionStep.Offer, now, cancellationToken);
        if (standing is { Blocked: true })
        {
            return new AccountOffers(currency.Code, PlanSimulator.Scaled(outstanding), assessment is not null, [], await ReplanAsync(accountId, cancellationToken), null, standing.Blocks, TimeBarViews.Of(standing.TimeBar));
        }

        var customer = await customers.GetAsync(accountId, cancellationToken);
        var holidays = BankHolidayCalendars.For(customer?.Jurisdiction, currency);
        var segment = await segments.GetAsync(accountId, cancellationToken);
        var offerRequest = new OfferRequest(outstanding, OfferTerms.From(policy), assessment, segment.Segment, PaymentCalendar.EarliestToday(clock.GetCurrentInstant()), preference, null, holidays);
        var offers = OfferEngine.Offers(offerRequest);
        return new AccountOffers(
            currency.Code,
            PlanSimulator.Scaled(outstanding),
            assessment is not null,
            [.. offers.Select(o => View(o, standing?.TimeBar))],
            await ReplanAsync(accountId, cancellationToken),
            SegmentView(segment, offerRequest, offers),
            [],
            TimeBarViews.Of(standing?.TimeBar));
    }

    /// <summary>The segment as the offers used it; it shaped them when they differ from the offers made without it.</summary>
    internal static OfferSegmentView SegmentView(AccountSegment segment, OfferRequest request, IReadOnlyList<Offer> offers)
    {
        var shaped = segment.Segment is not null && !offers.Select(Fingerprint).SequenceEqual(OfferEngine.Offers(request with { Segment = null }).Select(Fingerprint));
        return new(segment.Segment, shaped, OfferSegmentRules.For(segment.Segment).PersonReview, segment.EarlyWarningVersion, segment.PropensityVersion, segment.ScoredAt);
    }

    /// <summary>What an offer is and why, without its wording: two lists match when these match in order.</summary>
    private static string Fingerprint(Offer o) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{o.Kind}|{o.Amount.ToMinorUnits()}|{o.LastAmount.ToMinorUnits()}|{o.Instalments}|{string.Join(',', o.Reasons.Select(r => r.Code))}");

    /// <summary>The re-plan owed to the customer: the newest plan on the account broke (a newer proposal answers it).</summary>
    private async Task<ReplanView?> ReplanAsync(AccountId accountId, CancellationToken cancellationToken)
    {
        var latest = await db.Set<Arrangement>().AsNoTracking()
            .Where(a => a.AccountId == accountId)
            .OrderByDescending(a => a.CreatedAt)
            .Select(a => new { a.Id, a.Status, a.ReplanOffered, a.ClosedAt, a.CloseReason })
            .FirstOrDefaultAsync(cancellationToken);
        return latest is { Status: ArrangementStatus.Broken, ReplanOffered: true } ? new ReplanView(latest.Id, latest.ClosedAt, latest.CloseReason) : null;
    }

    /// <summary>The offer as the API shows it; on a time-barred debt it also says whether a payment restarts the time limit.</summary>
    internal static OfferView View(Offer o, TimeBarNotice? timeBar)
    {
        var view = View(o);
        return timeBar is null ? view : view with { Reasons = [.. view.Reasons, TimeBarViews.Reason(timeBar)] };
    }

    internal static OfferView View(Offer o) => new(
        o.Kind.ToString(),
        o.Shape is { } shape ? PlanShapes.ToSpec(shape) : null,
        o.Frequency,
        o.Start,
        PlanSimulator.Scaled(o.Amount),
        PlanSimulator.Scaled(o.LastAmount),
        o.Instalments,
        o.EndDate,
        PlanSimulator.Scaled(o.TotalPaid),
        PlanSimulator.Scaled(o.WrittenOff),
        o.InterestAndFeesFrozen,
        o.Terms,
        [.. o.Reasons.Select(r => new OfferReasonView(r.Code, r.Text, r.RuleId))],
        o.RequiresApproval,
        o.ApprovalReason,
        o.ChosenByCustomer,
        o.Affordable is { } a ? PlanSimulator.Scaled(a) : null,
        o.ReviewDate);
}
