using System.Diagnostics;
using System.Globalization;

namespace Parley.Bench;

/// <summary>
/// Times a workload by wall clock and by this process's CPU time: on a machine shared with other builds the wall
/// clock measures the share this process got, while items per CPU-second measure the code.
/// </summary>
internal static class CpuTimeMeter
{
    public static void Measure(string name, string unit, int itemsPerRun, Action workload)
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
        var total = (double)itemsPerRun * runs;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-22} {runs,3} runs  {total / wall.Elapsed.TotalSeconds,12:#,0} {unit}s/s wall  {total / cpu,12:#,0} {unit}s per CPU-second  ({1e9 * cpu / total:0.0} ns CPU per {unit})"));
    }
}
