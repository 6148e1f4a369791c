using System.Data.Common;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;
using Npgsql;
using Parley.Modules.Accounts;
using Parley.Modules.Arrangements;
using Parley.Modules.Compliance;
using Parley.Modules.Decisioning;
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
        typeof(ArrangementsModule).Assembly,
        typeof(DecisioningModule).Assembly,
    ];

    public static IServiceCollection AddParleyCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IClock>(sp => sp.GetRequiredService<TimeProvider>().ToClock());
        services.ConfigureHttpJsonOptions(o => ParleyJson.Configure(o.SerializerOptions));
        services.AddParleyPersistence(WithPreparedStatements(DatabaseSettings.FromConfiguration(configuration)), FieldCipher.FromConfiguration(configuration), ModuleAssemblies);
        services.AddPaymentsModule();
        services.AddAccountsModule();
        services.AddComplianceModule();
        services.AddArrangementsModule();
        services.AddDecisioningModule();
        return services;
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
