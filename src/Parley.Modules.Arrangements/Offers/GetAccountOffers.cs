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

namespace Parley.Modules.Arrangements.Offers;

public sealed record OfferReasonView(string Code, string Text, string? RuleId);

public sealed record OfferView(
    string Kind,
    string? Shape,
    string Frequency,
    LocalDate Start,
    decimal Amount,
    decimal LastAmount,
    int Instalments,
    LocalDate EndDate,
    decimal TotalPaid,
    decimal WrittenOff,
    bool InterestAndFeesFrozen,
    string Terms,
    IReadOnlyList<OfferReasonView> Reasons,
    bool RequiresApproval,
    string? ApprovalReason,
    bool ChosenByCustomer,
    decimal? Affordable,
    LocalDate? ReviewDate);

/// <summary>The account's latest plan broke: the customer is to be offered a new plan (these offers), and why.</summary>
public sealed record ReplanView(ArrangementId BrokenPlanId, Instant? BrokenAt, string? Reason);

/// <summary>
/// The customer's segment as the offers used it (<see cref="Segment"/> null: unknown, no active model), whether it
/// changed what was offered or the order (<see cref="ShapedOffers"/>), whether a person should review the offers, and
/// the model versions and time of the scores it rests on.
/// </summary>
public sealed record OfferSegmentView(Segment? Segment, bool ShapedOffers, bool PersonShouldReview, string? EarlyWarningVersion, string? PropensityVersion, Instant? ScoredAt);

/// <summary>
/// A time-barred debt as the offers show it: its statute-of-limitations date, whether a payment restarts the time limit
/// (<c>may_restart</c> or <c>does_not_restart</c>) with the sentence that tells the customer, and what must be said or
/// never said, each with its rule.
/// </summary>
public sealed record TimeBarView(LocalDate StatuteOfLimitationsDate, string Revival, string RevivalNotice, IReadOnlyList<TimeBarDisclosure> Disclosures)
{
    public static TimeBarView? Of(TimeBarNotice? notice) => notice is null ? null : new(
        notice.StatuteOfLimitationsDate,
        notice.Revival switch
        {
            LimitationRevival.MayRestart => "may_restart",
            LimitationRevival.DoesNotRestart => "does_not_restart",
        },
        notice.RevivalNotice.Text,
        notice.Disclosures);

    /// <summary>The reason every offer on a time-barred debt carries: whether paying restarts the time limit.</summary>
    public static OfferReasonView Reason(TimeBarNotice notice) => new("time_barred", notice.RevivalNotice.Text, notice.RevivalNotice.RuleId);
}

/// <summary>
/// Offers on the account; <see cref="Replan"/> is set while its latest plan is a broken one awaiting a re-plan. While a
/// hold stops collection (<see cref="BlockedBy"/>: the hold, its rule and the reason) there are no offers; a time-barred
/// debt carries <see cref="TimeBarred"/> and every offer says whether a payment restarts the time limit.
/// </summary>
public sealed record AccountOffers(
    string Currency,
    decimal Balance,
    bool HasAssessment,
    IReadOnlyList<OfferView> Offers,
    ReplanView? Replan = null,
    OfferSegmentView? Segment = null,
    IReadOnlyList<CollectionBlock>? BlockedBy = null,
    TimeBarView? TimeBarred = null);

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
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/accounts/{id}/offers", async Task<Ok<AccountOffers>> (AccountId id, string? amount, string? frequency, string? discount, GetAccountOffers handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, amount, frequency, discount, ct)))
            .RequireAuthorization(StaffPolicies.Staff)
            .WithName("GetAccountOffers")
            .WithTags("Arrangements")
            .WithSummary("Ranked repayment offers for the account: affordable first, each with its terms, reasons and whether a supervisor must approve it.");

    public async Task<AccountOffers> HandleAsync(AccountId accountId, string? amount, string? frequency, string? discount, CancellationToken cancellationToken)
    {
        var policy = await policies.GetAsync(accountId, cancellationToken) ?? throw new DomainException(new ArrangementAccountNotFound(accountId));
        var currency = policy.Currency;
        var preference = new CustomerPreference(
            string.IsNullOrWhiteSpace(amount) ? null : PlanText.ParseAmount("amount", amount, currency),
            string.IsNullOrWhiteSpace(frequency) ? null : PlanText.ParseFrequency(frequency),
            string.IsNullOrWhiteSpace(discount) ? null : PlanText.ParsePercent("discount", discount));
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
            return new AccountOffers(currency.Code, PlanSimulator.Scaled(outstanding), assessment is not null, [], await ReplanAsync(accountId, cancellationToken), null, standing.Blocks, TimeBarView.Of(standing.TimeBar));
        }

        var customer = await customers.GetAsync(accountId, cancellationToken);
        var holidays = BankHolidayCalendars.For(customer?.Jurisdiction, currency);
        var segment = await segments.GetAsync(accountId, cancellationToken);
        var request = new OfferRequest(outstanding, OfferTerms.From(policy), assessment, segment.Segment, PaymentCalendar.EarliestToday(clock.GetCurrentInstant()), preference, null, holidays);
        var offers = OfferEngine.Offers(request);
        return new AccountOffers(
            currency.Code,
            PlanSimulator.Scaled(outstanding),
            assessment is not null,
            [.. offers.Select(o => View(o, standing?.TimeBar))],
            await ReplanAsync(accountId, cancellationToken),
            SegmentView(segment, request, offers),
            [],
            TimeBarView.Of(standing?.TimeBar));
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
        return timeBar is null ? view : view with { Reasons = [.. view.Reasons, TimeBarView.Reason(timeBar)] };
    }

    internal static OfferView View(Offer o) => new(
        o.Kind.ToString(),
        o.Shape?.Name,
        PlanText.Name(o.Frequency),
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
