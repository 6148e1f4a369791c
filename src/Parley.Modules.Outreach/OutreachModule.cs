using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Parley.Modules.Outreach.Facts;
using Parley.Modules.Outreach.UseCases;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Outreach;

/// <summary>Contact history (every attempt and its outcomes) and the compliance gate's port on it.</summary>
public static class OutreachModule
{
    public static IServiceCollection AddOutreachModule(this IServiceCollection services)
    {
        services.AddUseCase<RecordContactAttempt>();
        services.AddUseCase<RecordContactOutcome>();
        services.AddUseCase<GetContactHistory>();
        services.AddScoped<Compliance.Contracts.IContactHistoryFacts, ContactHistoryFactsReader>();
        return services;
    }

    public static IEndpointRouteBuilder MapOutreachEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Outreach");
        RecordContactAttempt.Map(api);
        RecordContactOutcome.Map(api);
        GetContactHistory.Map(api);
        return app;
    }
}
