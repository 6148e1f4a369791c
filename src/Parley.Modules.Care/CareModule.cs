using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Parley.Modules.Care.Acting;
using Parley.Modules.Care.Contracts;
using Parley.Modules.Care.Jobs;
using Microsoft.AspNetCore.Http;
using Parley.Modules.Care.UseCases;
using Parley.Persistence.Outbox;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Care;

/// <summary>Care: reads what customers write (and notes staff give it), stores each reading, and acts on it with people in charge (docs/care.md).</summary>
public static class CareModule
{
    public static IServiceCollection AddCareModule(this IServiceCollection services)
    {
        // One classifier for the process: the shipped model is loaded once and is thread-safe.
        services.TryAddSingleton<ICareClassifier>(_ => CareClassifiers.Default());
        services.AddHealthChecks().AddCheck<CareReadiness>("care", tags: ["ready"]);
        services.AddScoped<CareActions>();
        services.AddScoped<IOutboxHandler, ReadInboundMessage>();
        services.AddUseCase<SubmitCareNote>();
        services.AddUseCase<GetCareQueue>();
        services.AddUseCase<GetCareItem>();
        services.AddUseCase<ResolveCareItem>();
        services.AddUseCase<GetAccountCare>();
        services.AddUseCase<GetVulnerabilityRecord>();
        services.AddUseCase<ConfirmVulnerability>();
        services.AddUseCase<ClassifyText>();
        services.AddUseCase<EnforceCareRetention>();
        return services;
    }

    public static IEndpointRouteBuilder MapCareEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Care");
        SubmitCareNote.Map(api);
        GetCareQueue.Map(api);
        GetCareItem.Map(api);
        ResolveCareItem.Map(api);
        GetAccountCare.Map(api);
        GetVulnerabilityRecord.Map(api);
        ConfirmVulnerability.Map(api);
        ClassifyText.Map(api);
        return app;
    }
}
