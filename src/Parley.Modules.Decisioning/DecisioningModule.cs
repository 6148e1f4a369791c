using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Parley.Modules.Decisioning.Contracts;
using Parley.Modules.Decisioning.Live;
using Parley.Modules.Decisioning.Registry;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Decisioning;

/// <summary>Insight: the early-warning and propensity-to-pay models, explanations, segments and the fairness audit.</summary>
public static class DecisioningModule
{
    public static IServiceCollection AddDecisioningModule(this IServiceCollection services)
    {
        services.AddSingleton<ActiveModels>();
        services.AddUseCase<RegisterModel>();
        services.AddUseCase<ActivateModel>();
        services.AddUseCase<DefaultModel>();
        services.AddUseCase<ListModels>();
        services.AddScoped<PropensityFactsReader>();
        services.AddScoped<LiveScores>();
        services.AddUseCase<GetAccountScores>();
        services.AddUseCase<ScorePortfolio>();
        services.AddScoped<IAccountSegments, InsightAccountSegments>();
        return services;
    }

    public static IEndpointRouteBuilder MapDecisioningEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Decisioning");
        GetAccountScores.Map(api);
        return app;
    }
}
