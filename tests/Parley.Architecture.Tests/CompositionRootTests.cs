using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NetArchTest.Rules;
using Parley.Composition;
using Parley.Persistence;
using Parley.Testing;
using Shouldly;

namespace Parley.Architecture.Tests;

/// <summary>
/// docs/decisions/0008: one composition root (Parley.Composition) that the web host, the CLI and the test hosts build
/// their services from; only the web host and its test factory know the web project.
/// </summary>
public sealed class CompositionRootTests
{
    private const string Composition = "src/Parley.Composition/Parley.Composition.csproj";
    private const string Web = "src/Parley.Web/Parley.Web.csproj";
    private const string Cli = "src/Parley.Cli/Parley.Cli.csproj";
    private const string Testing = "tests/Parley.Testing/Parley.Testing.csproj";
    private const string TestingWeb = "tests/Parley.Testing.Web/Parley.Testing.Web.csproj";

    // What only a web host needs: UI components, the API docs page and document, Markdown pages, health checks, the test server.
    private static readonly string[] WebOnlyPackages =
    [
        "MudBlazor", "Scalar.AspNetCore", "Microsoft.AspNetCore.OpenApi", "Markdig",
        "Microsoft.Extensions.Diagnostics.HealthChecks.EntityFrameworkCore", "Microsoft.AspNetCore.Mvc.Testing",
    ];

    [Theory]
    [InlineData(Web)]
    [InlineData(Cli)]
    [InlineData(Testing)]
    [InlineData(TestingWeb)]
    public void Every_host_builds_on_the_composition_root(string host) =>
        Repository.ProjectsReachableFrom(host).ShouldContain(Composition);

    [Theory]
    [InlineData(Composition)]
    [InlineData(Cli)]
    [InlineData(Testing)]
    public void Only_the_web_host_and_its_test_factory_reach_the_web_project(string project) =>
        Repository.ProjectsReachableFrom(project).ShouldNotContain(Web, $"{project} references {Web}, directly or through another project");

    [Theory]
    [InlineData(Composition)]
    [InlineData(Cli)]
    [InlineData(Testing)]
    public void The_composition_root_the_cli_and_the_test_helpers_bring_no_web_ui_package(string project) =>
        Repository.PackagesReachableFrom(project).Intersect(WebOnlyPackages, StringComparer.OrdinalIgnoreCase).ShouldBeEmpty(project);

    [Fact]
    public void The_composition_root_depends_on_nothing_of_asp_net_core_or_the_web_ui() =>
        (Types.InAssembly(typeof(ParleyComposition).Assembly)
            .ShouldNot().HaveDependencyOnAny("Microsoft.AspNetCore", "MudBlazor", "Scalar", "Parley.Web")
            .GetResult().FailingTypeNames ?? []).ShouldBeEmpty();

    [Fact]
    public void The_built_cli_ships_without_the_web_host_or_its_ui()
    {
        // parley's own dependency manifest, as built beside this test (the project reference builds it in this configuration).
        var configuration = typeof(CompositionRootTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var manifest = Repository.PathOf($"src/Parley.Cli/bin/{configuration}/net10.0/parley.deps.json");
        File.Exists(manifest).ShouldBeTrue(manifest);
        using var deps = JsonDocument.Parse(File.ReadAllText(manifest));
        var libraries = deps.RootElement.GetProperty("libraries").EnumerateObject().Select(l => l.Name[..l.Name.IndexOf('/', StringComparison.Ordinal)]).ToList();

        libraries.ShouldContain("Parley.Composition");
        libraries.ShouldNotContain("Parley.Web");
        libraries.Intersect(WebOnlyPackages, StringComparer.OrdinalIgnoreCase).ShouldBeEmpty();
    }

    [Fact]
    public void Everything_the_composition_root_registers_can_be_built_without_a_web_host()
    {
        // What the CLI and the module tests rely on: no registration needs a service that only the web host adds.
        var configuration = TestDatabase.Configuration(DatabaseProvider.Sqlite, "Data Source=:memory:");
        var services = new ServiceCollection().AddSingleton(configuration).AddLogging().AddParleyCore(configuration);

        Should.NotThrow(() => services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }).Dispose());
    }
}
