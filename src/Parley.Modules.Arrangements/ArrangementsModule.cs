using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Parley.Modules.Arrangements.Affordability;
using Parley.Modules.Arrangements.Offers;
using Parley.Modules.Arrangements.Plans;
using Parley.Modules.Arrangements.Simulation;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Arrangements;

/// <summary>Plans, promises, settlements, affordability (income and expenditure) and the repayment simulator.</summary>
public static class ArrangementsModule
{
    public static IServiceCollection AddArrangementsModule(this IServiceCollection services)
    {
        services.AddUseCase<SimulateAccountPlan>();
        services.AddUseCase<SimulatePlan>();
        services.AddUseCase<CaptureIncomeExpenditure>();
        services.AddUseCase<GetIncomeExpenditure>();
        services.AddScoped<IAffordabilitySource, AffordabilitySource>();
        services.AddUseCase<ProposeArrangement>();
        services.AddUseCase<ApproveArrangement>();
        services.AddUseCase<ActivateArrangement>();
        services.AddUseCase<CancelArrangement>();
        services.AddUseCase<ListArrangements>();
        services.AddUseCase<GetPlanSummary>();
        services.AddUseCase<ReconcileArrangements>();
        services.AddScoped<Payments.Contracts.IChargeFreezes, InterestAndFeeFreezes>();
        services.AddUseCase<GetAccountOffers>();
        services.AddUseCase<GetOfferPlans>();
        return services;
    }

    public static IEndpointRouteBuilder MapArrangementsEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Arrangements");
        SimulateAccountPlan.Map(api);
        CaptureIncomeExpenditure.Map(api);
        GetIncomeExpenditure.Map(api);
        ProposeArrangement.Map(api);
        ApproveArrangement.Map(api);
        ActivateArrangement.Map(api);
        CancelArrangement.Map(api);
        ListArrangements.Map(api);
        GetAccountOffers.Map(api);
        return app;
    }
}
