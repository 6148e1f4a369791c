using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Parley.Modules.Arrangements.Affordability;
using Parley.Modules.Arrangements.Plans;
using Parley.Modules.Arrangements.Simulation;

namespace Parley.Modules.Arrangements;

/// <summary>Plans, promises, settlements, affordability (income and expenditure) and the repayment simulator.</summary>
public static class ArrangementsModule
{
    public static IServiceCollection AddArrangementsModule(this IServiceCollection services)
    {
        services.AddScoped<SimulateAccountPlan>();
        services.AddScoped<CaptureIncomeExpenditure>();
        services.AddScoped<IAffordabilitySource, AffordabilitySource>();
        services.AddScoped<ProposeArrangement>();
        services.AddScoped<ApproveArrangement>();
        services.AddScoped<ActivateArrangement>();
        services.AddScoped<CancelArrangement>();
        services.AddScoped<ListArrangements>();
        services.AddScoped<GetPlanSummary>();
        services.AddScoped<ReconcileArrangements>();
        services.AddScoped<Payments.Contracts.IChargeFreezes, InterestAndFeeFreezes>();
        services.AddScoped<Offers.GetAccountOffers>();
        services.AddScoped<Offers.GetOfferPlans>();
        return services;
    }

    public static IEndpointRouteBuilder MapArrangementsEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Arrangements");
        SimulateAccountPlan.Map(api);
        CaptureIncomeExpenditure.Map(api);
        ProposeArrangement.Map(api);
        ApproveArrangement.Map(api);
        ActivateArrangement.Map(api);
        CancelArrangement.Map(api);
        ListArrangements.Map(api);
        Offers.GetAccountOffers.Map(api);
        return app;
    }
}
