using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Parley.Modules.Arrangements.Simulation;

namespace Parley.Modules.Arrangements;

/// <summary>Plans, promises, settlements, affordability (income and expenditure) and the repayment simulator.</summary>
public static class ArrangementsModule
{
    public static IServiceCollection AddArrangementsModule(this IServiceCollection services)
    {
        services.AddScoped<SimulateAccountPlan>();
        Offers.NoAffordabilityYet.Register(services);
        return services;
    }

    public static IEndpointRouteBuilder MapArrangementsEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Arrangements");
        SimulateAccountPlan.Map(api);
        Offers.GetAccountOffers.Map(api);
        return app;
    }
}
