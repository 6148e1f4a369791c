using Parley.Bench;

namespace Parley.ArrangementsBench;

/// <summary>The offer workloads timed by wall clock and by CPU time (see <see cref="CpuTimeMeter"/>).</summary>
internal static class CpuTime
{
    public static void Run()
    {
        var bench = new OfferBenchmarks();
        bench.Setup();
        CpuTimeMeter.Measure("OneCore", "account", OfferBenchmarks.Accounts, () => bench.OneCore());
        CpuTimeMeter.Measure("AllCores", "account", OfferBenchmarks.Accounts, () => bench.AllCores());
    }
}
