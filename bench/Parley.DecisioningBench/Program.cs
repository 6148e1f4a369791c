using BenchmarkDotNet.Running;
using Parley.DecisioningBench;

if (args is ["cpu-time", ..])
{
    CpuTime.Run();
}
else
{
    BenchmarkSwitcher.FromAssembly(typeof(ScoringBenchmarks).Assembly).Run(args);
}
