using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Parley.Modules.Compliance.DecisionLog;
using Parley.Modules.Compliance.Eligibility;
using Parley.Modules.Compliance.Engine;
using Parley.Modules.Compliance.Evaluation;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Compliance;

/// <summary>The compliance gate, its persisted decision log, and the facts of stored accounts.</summary>
public static class ComplianceModule
{
    public static IServiceCollection AddComplianceModule(this IServiceCollection services)
    {
        services.TryAddSingleton(ComplianceOptions.Default);
        services.AddSingleton<ComplianceGate>();
        services.AddSingleton<Contracts.IValidationPeriods, Rules.ValidationPeriods>();
        services.AddScoped<DecisionLogStore>();
        services.AddScoped<DecisionLogBulk>();
        services.AddScoped<Contracts.IPlanningGate, Planning.PlanningGate>();
        services.AddScoped<ContactEligibility>();
        services.AddScoped<Contracts.IComplianceGate, StoredAccountGate>();
        services.AddUseCase<EvaluateProposals>();
        services.AddUseCase<CheckContactEligibility>();
        services.AddUseCase<VerifyDecisionLog>();
        services.AddScoped<Contracts.ICollectionControls, Collection.AccountCollectionControls>();
        return services;
    }

    public static IEndpointRouteBuilder MapComplianceEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Compliance");
        EvaluateProposals.Map(api);
        ContactEligibility.Map(api);
        return app;
    }
}
