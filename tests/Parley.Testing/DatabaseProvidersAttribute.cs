using System.Reflection;
using Parley.Persistence;
using Xunit.Sdk;
using Xunit.v3;

namespace Parley.Testing;

/// <summary>Runs a theory once per database provider: SQLite always, PostgreSQL as <see cref="TestDatabase"/> decides.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DatabaseProvidersAttribute : DataAttribute
{
    public override ValueTask<IReadOnlyCollection<ITheoryDataRow>> GetData(MethodInfo testMethod, DisposalTracker disposalTracker) =>
        new([new TheoryDataRow<DatabaseProvider>(DatabaseProvider.Sqlite), new TheoryDataRow<DatabaseProvider>(DatabaseProvider.Postgres)]);

    public override bool SupportsDiscoveryEnumeration() => true;
}
