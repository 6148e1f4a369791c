using Parley.Persistence;
using Parley.Testing;

namespace Parley.Modules.Payments.Tests;

/// <summary>
/// Forwards <see cref="TestDatabase.Providers"/> from source: the xUnit analyzer crashes (AD0001, xunit/xunit#3575)
/// when MemberData names a member compiled into another assembly.
/// </summary>
public static class Providers
{
    public static TheoryData<DatabaseProvider> Both => TestDatabase.Providers;
}
