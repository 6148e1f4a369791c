using System.Reflection;
using NetArchTest.Rules;
using Parley.Composition;
using Shouldly;

namespace Parley.Architecture.Tests;

/// <summary>
/// The hosts are front doors, not owners: the web host (API, pages, jobs) and the CLI reach a module only through its
/// Contracts (use-case requests and results, run through <c>IUseCase</c> with the actor) and its registration type,
/// so every front door goes through the same guarded use case.
/// </summary>
public sealed class HostBoundaryTests
{
    public static TheoryData<string> Hosts() => ["Parley.Web", "parley"];

    [Theory]
    [MemberData(nameof(Hosts))]
    public void A_host_uses_modules_only_through_their_contracts(string host)
    {
        var forbidden = ParleyComposition.ModuleAssemblies.SelectMany(ModuleInternals).ToArray();
        var path = HostAssembly(host);
        var failing = Types.FromFile(path).ShouldNot().HaveDependencyOnAny(forbidden).GetResult().FailingTypeNames ?? [];
        failing.ShouldBeEmpty($"{host} reaches into a module outside its Contracts, using {string.Join(", ", Used(path, forbidden))}");
    }

    [Fact]
    public void Pages_never_hold_the_database() =>
        (Types.FromFile(HostAssembly("Parley.Web")).That().ResideInNamespace("Parley.Web.Ui")
            .ShouldNot().HaveDependencyOn("Parley.Persistence.ParleyDbContext")
            .GetResult().FailingTypeNames ?? []).ShouldBeEmpty("a page reads or writes the database itself instead of through a use case");

    // A module's types outside its Contracts, except the static types at its root that register it (AddXModule, MapXEndpoints).
    private static IEnumerable<string> ModuleInternals(Assembly module)
    {
        var name = module.GetName().Name!;
        return module.GetTypes()
            .Where(t => t.FullName is not null && !t.Name.StartsWith('<') && t.DeclaringType is null)
            .Where(t => t.Namespace?.StartsWith($"{name}.Contracts", StringComparison.Ordinal) != true)
            .Where(t => !(t.Namespace == name && t.IsAbstract && t.IsSealed))
            .Select(t => t.FullName!);
    }

    // The module internals the host's assembly refers to, for the failure message.
    private static IEnumerable<string> Used(string path, string[] forbidden)
    {
        using var module = Mono.Cecil.ModuleDefinition.ReadModule(path);
        var internals = forbidden.ToHashSet(StringComparer.Ordinal);
        return [.. module.GetTypeReferences().Select(r => r.FullName.Replace('/', '+')).Where(internals.Contains).Distinct().Order(StringComparer.Ordinal)];
    }

    private static string HostAssembly(string host)
    {
        var configuration = typeof(HostBoundaryTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var project = host == "parley" ? "Parley.Cli" : host;
        var path = Repository.PathOf($"src/{project}/bin/{configuration}/net10.0/{host}.dll");
        File.Exists(path).ShouldBeTrue($"{path} is missing: this test reads the host's own build output");
        return path;
    }
}
