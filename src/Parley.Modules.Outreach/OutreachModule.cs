using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Parley.Modules.Outreach.Channels;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Parley.Modules.Outreach.Facts;
using Parley.Modules.Outreach.Templates;
using Parley.Modules.Outreach.UseCases;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Outreach;

/// <summary>Contact history (every attempt and its outcomes), customers' contact preferences, and the compliance gate's ports on both.</summary>
public static class OutreachModule
{
    public static IServiceCollection AddOutreachModule(this IServiceCollection services)
    {
        services.AddUseCase<RecordContactAttempt>();
        services.AddUseCase<RecordContactOutcome>();
        services.AddUseCase<GetContactHistory>();
        services.AddUseCase<ChangeContactPreferences>();
        services.AddUseCase<GetContactPreferences>();
        services.AddUseCase<GetContactBudget>();
        services.AddUseCase<ChangeContactBudget>();
        services.AddUseCase<Planning.PlanOutreach>();
        services.AddUseCase<Sending.SendDueContacts>();
        services.AddUseCase<Sending.SendContactNow>();
        services.AddUseCase<Planning.ListPlannedContacts>();
        services.AddUseCase<Planning.ExportPlannedContacts>();
        services.AddUseCase<Calls.ListCallTasks>();
        services.AddUseCase<Calls.CompleteCallTask>();
        services.AddUseCase<Ops.GetOutreachOverview>();
        services.AddUseCase<Ops.RetryDeadLetter>();
        services.AddUseCase<Ops.ListAccountPlannedContacts>();
        services.TryAddSingleton(Sending.SendingOptions.Default);
        services.AddScoped<Compliance.Contracts.IContactHistoryFacts, ContactHistoryFactsReader>();
        services.AddScoped<Compliance.Contracts.ICustomerContactPreferences, CustomerPreferencesReader>();
        services.AddScoped<Accounts.Contracts.IPlacedContactHistory, PlacedContactHistory>();
        services.AddOutreachTemplates();
        services.AddOutreachChannels();
        return services;
    }

    public static IEndpointRouteBuilder MapOutreachEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Outreach");
        RecordContactAttempt.Map(api);
        RecordContactOutcome.Map(api);
        GetContactHistory.Map(api);
        ChangeContactPreferences.Map(api);
        GetContactPreferences.Map(api);
        GetContactBudget.Map(api);
        ChangeContactBudget.Map(api);
        TemplateEndpoints.Map(api);
        ChannelsRegistration.MapOutreachChannels(app, api);
        Planning.PlanOutreach.Map(api);
        Sending.SendDueContacts.Map(api);
        Sending.SendContactNow.Map(api);
        Planning.ListPlannedContacts.Map(api);
        Calls.ListCallTasks.Map(api);
        Calls.CompleteCallTask.Map(api);
        Ops.GetOutreachOverview.Map(api);
        Ops.RetryDeadLetter.Map(api);
        Ops.ListAccountPlannedContacts.Map(api);
        return app;
    }

    /// <summary>The settings holding a development-only secret committed in <c>appsettings.Development.json</c>, for a host outside Development to refuse.</summary>
    public static IReadOnlyList<string> SettingsWithDevelopmentSecret(IConfiguration configuration) =>
        OutreachChannelOptions.SettingsWithDevelopmentSecret(configuration);
}
