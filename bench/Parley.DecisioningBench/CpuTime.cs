using Parley.Bench;

namespace Parley.DecisioningBench;

/// <summary>The four scoring workloads timed by wall clock and by CPU time (see <see cref="CpuTimeMeter"/>).</summary>
internal static class CpuTime
{
    public static void Run()
    {
        var bench = new ScoringBenchmarks();
        bench.Setup();
        CpuTimeMeter.Measure("FlatForestOneCore", "row", ScoringBenchmarks.Rows, bench.FlatForestOneCore);
        CpuTimeMeter.Measure("FlatForestAllCores", "row", ScoringBenchmarks.Rows, bench.FlatForestAllCores);
        CpuTimeMeter.Measure("MlNetTransform", "row", ScoringBenchmarks.MlNetRows, () => bench.MlNetTransform());
        CpuTimeMeter.Measure("MlNetPredictionEngine", "row", ScoringBenchmarks.MlNetRows, () => bench.MlNetPredictionEngine());
    }
}
