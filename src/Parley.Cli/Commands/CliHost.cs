using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Parley.Composition;

namespace Parley.Cli.Commands;

/// <summary>Builds the same services the web host uses (Parley.Composition), from appsettings and standard env vars.</summary>
public static class CliHost
{
    public static ServiceProvider Build() =>
        ParleyComposition.BuildServiceProvider(new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build());
}
