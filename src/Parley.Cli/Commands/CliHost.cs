using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Parley.Web.Composition;

namespace Parley.Cli.Commands;

/// <summary>Builds the same services the web host uses, from appsettings, PARLEY_-free standard env vars and args.</summary>
public static class CliHost
{
    public static ServiceProvider Build()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddParleyCore(configuration);
        return services.BuildServiceProvider();
    }
}
