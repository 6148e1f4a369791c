using BenchmarkDotNet.Running;
using Parley.ComplianceBench;

if (args is ["cpu-time", ..])
{
    CpuTime.Run();
}
else
{
    BenchmarkSwitcher.FromAssembly(typeof(GateBenchmarks).Assembly).Run(args);
}
