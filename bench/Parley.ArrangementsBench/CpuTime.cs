using System.Diagnostics;
using System.Globalization;

namespace Parley.ArrangementsBench;

/// <summary>
/// The same four workloads timed by wall clock and by this process's CPU time: on a machine shared with other builds
/// the wall clock measures the share this process got, while accounts per CPU-second measure the code.
/// </summary>
internal static class CpuTime
{
    public static void Run()
    {
        var bench = new OfferBenchmarks();
        bench.Setup();
        Measure("OneCore", OfferBenchmarks.Accounts, () => bench.OneCore());
        Measure("AllCores", OfferBenchmarks.Accounts, () => bench.AllCores());
    }

    private static void Measure(string name, int rows, Action workload)
    {
        // Two untimed runs: tiered JIT reaches its optimised code.
        workload();
        workload();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var runs = 0;
        while (runs < 3 || wall.Elapsed < TimeSpan.FromSeconds(5))
        {
            workload();
            runs++;
        }

        wall.Stop();
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        var total = (double)rows * runs;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-22} {runs,3} runs  {total / wall.Elapsed.TotalSeconds,12:#,0} accounts/s wall  {total / cpu,12:#,0} accounts per CPU-second  ({1e9 * cpu / total:0.0} ns CPU per account)"));
    }
}
