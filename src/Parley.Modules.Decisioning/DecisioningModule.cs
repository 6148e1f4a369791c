using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Parley.Modules.Decisioning;

/// <summary>Insight: the early-warning model, explanations, segments and the fairness audit.</summary>
public static class DecisioningModule
{
    public static IServiceCollection AddDecisioningModule(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapDecisioningEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api").WithTags("Decisioning");
        return app;
    }
}
