using BenchmarkDotNet.Running;
using Parley.ComplianceBench;

BenchmarkSwitcher.FromAssembly(typeof(GateBenchmarks).Assembly).Run(args);
