using System.Reflection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;
using Parley.Modules.Accounts;
using Parley.Modules.Compliance;
using Parley.Modules.Payments;
using Parley.Persistence;
using Parley.Persistence.Protection;
using Parley.SharedKernel;

namespace Parley.Web.Composition;

/// <summary>What the web host and the CLI share: configuration, clock, persistence and the modules.</summary>
public static class ParleyComposition
{
    public static IReadOnlyList<Assembly> ModuleAssemblies { get; } =
    [
        typeof(AccountsModule).Assembly,
        typeof(PaymentsModule).Assembly,
        typeof(ComplianceModule).Assembly,
    ];

    public static IServiceCollection AddParleyCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IClock>(sp => sp.GetRequiredService<TimeProvider>().ToClock());
        services.ConfigureHttpJsonOptions(o => ParleyJson.Configure(o.SerializerOptions));
        services.AddParleyPersistence(DatabaseSettings.FromConfiguration(configuration), FieldCipher.FromConfiguration(configuration), ModuleAssemblies);
        services.AddPaymentsModule();
        services.AddAccountsModule();
        services.AddComplianceModule();
        return services;
    }
}
