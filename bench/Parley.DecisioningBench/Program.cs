using BenchmarkDotNet.Running;
using Parley.DecisioningBench;

BenchmarkSwitcher.FromAssembly(typeof(ScoringBenchmarks).Assembly).Run(args);
