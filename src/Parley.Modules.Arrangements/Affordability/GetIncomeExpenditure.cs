using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Parley.Modules.Accounts.Contracts;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Arrangements.Affordability;

/// <summary><c>GET /api/accounts/{id}/income-expenditure</c>: the latest capture, assessed again with the shipped guidelines.</summary>
public sealed class GetIncomeExpenditure(ParleyDbContext db, IAccountArrangementPolicies policies) : IUseCase<GetIncomeExpenditureRequest, IncomeExpenditureView>
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/accounts/{id}/income-expenditure", async Task<Ok<IncomeExpenditureView>> (AccountId id, ClaimsPrincipal user, GetIncomeExpenditure handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.From(user), new GetIncomeExpenditureRequest(id), ct)))
            .RequireAuthorization(StaffPolicies.Staff)
            .WithName("GetIncomeExpenditure")
            .WithSummary("The latest income and expenditure captured for the account, with its assessment.");

    public async Task<IncomeExpenditureView> HandleAsync(Actor actor, GetIncomeExpenditureRequest request, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("read a customer's income and expenditure", []);
        var accountId = request.Account;
        await policies.PolicyForAsync(actor, accountId, cancellationToken);
        var capture = await AffordabilitySource.LatestCaptureAsync(db, accountId, cancellationToken) ?? throw new DomainException(new IncomeExpenditureNotCaptured(accountId));
        return CaptureIncomeExpenditure.ToView(capture, AffordabilityAssessor.Assess(capture.ToStatement(), capture.ToDebts(), SpendingGuidelines.Shipped));
    }
}
