using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Payments.Contracts;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Arrangements.Affordability;

public sealed record IncomeExpenditureCaptureConflict(AccountId AccountId)
    : DomainError("ie.concurrent_capture", $"Another capture for account {AccountId} was saved at the same time; reload and try again.", ErrorKind.Conflict);

/// <summary>The HTTP body of <c>PUT /api/accounts/{id}/income-expenditure</c>; the account comes from the route.</summary>
public sealed record CaptureIncomeExpenditureBody(StatementStandard Standard, string? Currency, HouseholdInput? Household, IReadOnlyList<StatementLineInput>? Lines, IReadOnlyList<decimal>? OtherCreditors)
{
    public CaptureIncomeExpenditureRequest For(AccountId account) => new(account, Standard, Currency, Household, Lines, OtherCreditors);
}

/// <summary>
/// <c>PUT /api/accounts/{id}/income-expenditure</c> stores a new version of the customer's I&amp;E (earlier ones are kept)
/// with its assessment; outliers are flagged for review, never refused. <see cref="GetIncomeExpenditure"/> reads the latest.
/// </summary>
public sealed class CaptureIncomeExpenditure(ParleyDbContext db, IAccountArrangementPolicies policies, IBalanceQueries balances, IClock clock)
    : IUseCase<CaptureIncomeExpenditureRequest, IncomeExpenditureView>
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPut("/accounts/{id}/income-expenditure", async Task<Ok<IncomeExpenditureView>> (AccountId id, CaptureIncomeExpenditureBody body, ClaimsPrincipal user, CaptureIncomeExpenditure handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.From(user), body.For(id), ct)))
            .RequireAuthorization(StaffPolicies.Staff)
            .WithName("CaptureIncomeExpenditure")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Capture a new version of the customer's income and expenditure and assess it (outliers are flagged, never refused).");

    public async Task<IncomeExpenditureView> HandleAsync(Actor actor, CaptureIncomeExpenditureRequest request, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("capture a customer's income and expenditure", []);
        var accountId = request.Account;
        var policy = await policies.PolicyForAsync(actor, accountId, cancellationToken);
        var currency = policy.Currency;
        if (!string.IsNullOrWhiteSpace(request.Currency) && !string.Equals(request.Currency.Trim(), currency.Code, StringComparison.OrdinalIgnoreCase))
        {
            throw Refuse("ie.currency_mismatch", "currency", $"the account is in {currency.Code}, not {request.Currency.Trim()}");
        }

        if (request.Household is not { } household)
        {
            throw Refuse("ie.invalid_household", "household", "the household (adults, dependants) is required");
        }

        var lines = new List<StatementLine>();
        foreach (var (line, index) in (request.Lines ?? []).Select((l, i) => (l, i)))
        {
            if (string.IsNullOrWhiteSpace(line.Category))
            {
                throw Refuse("ie.unknown_category", string.Create(CultureInfo.InvariantCulture, $"lines[{index}].category"), "a category is required");
            }

            lines.Add(new StatementLine(line.Category.Trim(), Amount($"lines.{line.Category.Trim()}", line.Monthly, currency)));
        }

        var others = (request.OtherCreditors ?? []).Select((d, i) => Amount(string.Create(CultureInfo.InvariantCulture, $"debts.other_creditors[{i}]"), d, currency)).ToList();
        var outstanding = (await balances.GetAsync(accountId, cancellationToken))?.Outstanding ?? Money.Zero(currency);
        var statement = new IncomeAndExpenditure(request.Standard, currency, new Household(household.Adults, household.Dependants), lines);
        var debts = new NonPriorityDebts(outstanding, others);

        // Refuses (naming the field) before anything is stored; review flags never refuse.
        var assessment = AffordabilityAssessor.Assess(statement, debts, SpendingGuidelines.Shipped);
        var latest = await db.Set<IncomeExpenditureCapture>().Where(c => c.AccountId == accountId).MaxAsync(c => (int?)c.Version, cancellationToken) ?? 0;
        var capture = new IncomeExpenditureCapture(accountId, latest + 1, statement, debts, assessment, actor.Name, clock.GetCurrentInstant());
        db.Add(capture);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            throw new DomainException(new IncomeExpenditureCaptureConflict(accountId));
        }

        return ToView(capture, assessment);
    }

    private static Money Amount(string field, decimal amount, Currency currency) =>
        decimal.Round(amount, currency.MinorUnits) == amount && Math.Abs(amount) <= AffordabilityAssessor.MaxMonthlyAmount * 1000m
            ? Money.Of(amount, currency)
            : throw Refuse("ie.invalid_amount", field, string.Create(CultureInfo.InvariantCulture, $"{amount} is not an amount in {currency.Code} (at most {currency.MinorUnits} decimals)"));

    private static DomainException Refuse(string code, string field, string problem) => new(new AffordabilityError(code, field, problem));

    internal static IncomeExpenditureView ToView(IncomeExpenditureCapture capture, AffordabilityAssessment a) => new(
        capture.AccountId,
        capture.Version,
        capture.Standard,
        capture.Currency.Code,
        new HouseholdInput(capture.Adults, capture.Dependants),
        [.. capture.ToStatement().Lines.Select(l => new StatementLineView(l.Category, l.Monthly.Amount))],
        Money.FromMinorUnits(capture.ThisCreditorMinor, capture.Currency).Amount,
        [.. capture.ToDebts().OtherCreditors.Select(d => d.Amount)],
        capture.CapturedBy,
        capture.CapturedAt,
        new AssessmentView(
            a.Income.Amount,
            a.FixedCosts.Amount,
            a.FlexibleCosts.Amount,
            a.Savings.Amount,
            a.PriorityDebts.Amount,
            a.DisposableIncome.Amount,
            a.ThisCreditorShare.Amount,
            a.ThisCreditorSharePercent,
            [.. a.FlexibleCostChecks.Select(c => new FlexibleCostCheckView(c.Category, c.Declared.Amount, c.Guideline?.Amount, c.AboveGuideline))],
            a.Flags));
}
