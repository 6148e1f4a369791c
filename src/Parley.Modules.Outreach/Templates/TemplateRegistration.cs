using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Outreach.Templates;

internal static class TemplateRegistration
{
    public static IServiceCollection AddOutreachTemplates(this IServiceCollection services)
    {
        services.AddOptions<TemplateSettings>().BindConfiguration(TemplateSettings.Section);
        services.AddSingleton<TemplateEngine>();
        services.AddScoped<MessageFactsReader>();
        services.AddScoped<IMessageRenderer, MessageRenderer>();
        services.AddUseCase<ListTemplates>();
        services.AddUseCase<GetTemplate>();
        services.AddUseCase<SaveTemplateDraft>();
        services.AddUseCase<ApproveTemplate>();
        services.AddUseCase<RetireTemplate>();
        services.AddUseCase<PreviewTemplate>();
        services.AddUseCase<InstallDefaultTemplates>();
        return services;
    }
}

internal static class TemplateEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        ListTemplates.Map(api);
        GetTemplate.Map(api);
        SaveTemplateDraft.Map(api);
        ApproveTemplate.Map(api);
        RetireTemplate.Map(api);
        PreviewTemplate.Map(api);
    }
}
