using System.Reflection;

namespace Parley.Persistence;

/// <summary>The module assemblies whose <c>IEntityTypeConfiguration</c>s make up the one model. Composed by the host.</summary>
public sealed class ParleyModel(DatabaseProvider provider, IReadOnlyList<Assembly> moduleAssemblies)
{
    public DatabaseProvider Provider { get; } = provider;

    public IReadOnlyList<Assembly> ModuleAssemblies { get; } = moduleAssemblies;
}
