using System.Data.Common;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;
using Npgsql;
using Parley.Modules.Accounts;
using Parley.Modules.Arrangements;
using Parley.Modules.Care;
using Parley.Modules.Compliance;
using Parley.Modules.Decisioning;
using Parley.Modules.Outreach;
using Parley.Modules.Payments;
using Parley.Persistence;
using Parley.Persistence.Protection;
using Parley.SharedKernel;

namespace Parley.Composition;

/// <summary>
/// What every host shares (the web host, the CLI, the test hosts): configuration, clock, persistence with its provider
/// switch and field encryption, and the modules. How a host speaks JSON over HTTP, signs staff in or runs jobs is its own.
/// </summary>
public static class ParleyComposition
{
    public static IReadOnlyList<Assembly> ModuleAssemblies { get; } =
    [
        typeof(AccountsModule).Assembly,
        typeof(PaymentsModule).Assembly,
        typeof(ComplianceModule).Assembly,
        typeof(ArrangementsModule).Assembly,
        typeof(DecisioningModule).Assembly,
        typeof(OutreachModule).Assembly,
        typeof(CareModule).Assembly,
    ];

    public static IServiceCollection AddParleyCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IClock>(sp => sp.GetRequiredService<TimeProvider>().ToClock());
        services.AddParleyPersistence(WithPreparedStatements(DatabaseSettings.FromConfiguration(configuration)), FieldCipher.FromConfiguration(configuration), ModuleAssemblies);
        services.AddPaymentsModule();
        services.AddAccountsModule();
        services.AddComplianceModule();
        services.AddArrangementsModule();
        services.AddDecisioningModule();
        services.AddOutreachModule();
        services.AddCareModule();
        return services;
    }

    /// <summary>
    /// The composed services of a host without a web server (the CLI, module and CLI tests): the configuration, logging
    /// and <see cref="AddParleyCore"/>; <paramref name="configure"/> runs last, so what it registers wins.
    /// </summary>
    public static ServiceProvider BuildServiceProvider(IConfiguration configuration, Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddLogging();
        services.AddParleyCore(configuration);
        configure?.Invoke(services);
        return services.BuildServiceProvider();
    }

    /// <summary>
    /// On PostgreSQL, Npgsql prepares the statements a connection runs again and again (parsed and planned once, not per
    /// call: half of the database's CPU per payment) unless the connection string sets Max Auto Prepare itself.
    /// </summary>
    private static DatabaseSettings WithPreparedStatements(DatabaseSettings settings)
    {
        var keys = new DbConnectionStringBuilder { ConnectionString = settings.ConnectionString }.Keys.Cast<string>();
        if (settings.Provider != DatabaseProvider.Postgres || keys.Any(k => k.Replace(" ", "", StringComparison.Ordinal).Equals("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase)))
        {
            return settings;
        }

        return settings with { ConnectionString = new NpgsqlConnectionStringBuilder(settings.ConnectionString) { MaxAutoPrepare = 64 }.ConnectionString };
    }
}
