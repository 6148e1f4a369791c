using BenchmarkDotNet.Running;
using Parley.ArrangementsBench;

if (args is ["cpu-time", ..])
{
    CpuTime.Run();
}
else
{
    BenchmarkSwitcher.FromAssembly(typeof(OfferBenchmarks).Assembly).Run(args);
}
