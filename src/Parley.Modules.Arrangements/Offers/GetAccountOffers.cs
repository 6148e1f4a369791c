using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Arrangements.Affordability;
using Parley.Modules.Arrangements.Schedules;
using Parley.Modules.Arrangements.Simulation;
using Parley.Modules.Payments.Contracts;
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

public sealed record AccountOffers(string Currency, decimal Balance, bool HasAssessment, IReadOnlyList<OfferView> Offers);

/// <summary>
/// <c>GET /api/accounts/{id}/offers[?amount=&amp;frequency=&amp;discount=]</c>: ranked offers on the account's outstanding
/// balance with its creditor's terms and the latest I&amp;E (<see cref="IAffordabilitySource"/>), the customer's
/// preference optional. Bank holidays follow the account's currency (GBP: England and Wales; USD: United States).
/// </summary>
public sealed class GetAccountOffers(IAccountArrangementPolicies policies, IBalanceQueries balances, IAffordabilitySource affordability, IClock clock)
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
        var holidays = currency == Currency.GBP ? BankHolidayCalendar.EnglandAndWales : currency == Currency.USD ? BankHolidayCalendar.UnitedStates : BankHolidayCalendar.WeekendsOnly;
        var request = new OfferRequest(outstanding, OfferTerms.From(policy), assessment, null, PaymentCalendar.EarliestToday(clock.GetCurrentInstant()), preference, null, holidays);
        var offers = OfferEngine.Offers(request);
        return new AccountOffers(currency.Code, PlanSimulator.Scaled(outstanding), assessment is not null, [.. offers.Select(View)]);
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
