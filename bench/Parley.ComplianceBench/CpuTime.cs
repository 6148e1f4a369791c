using Parley.Bench;

namespace Parley.ComplianceBench;

/// <summary>The gate workloads timed by wall clock and by CPU time (see <see cref="CpuTimeMeter"/>): the figure to read on a busy machine.</summary>
internal static class CpuTime
{
    private const int Evaluations = 200_000;

    public static void Run()
    {
        var bench = new GateBenchmarks();
        bench.Setup();
        CpuTimeMeter.Measure("EvaluateInto", "evaluation", Evaluations, () => Repeat(() => bench.EvaluateInto()));
        CpuTimeMeter.Measure("Evaluate", "evaluation", Evaluations, () => Repeat(() => bench.Evaluate()));
        CpuTimeMeter.Measure("NextLawful", "evaluation", Evaluations, () => Repeat(() => bench.NextLawful()));
        CpuTimeMeter.Measure("EvaluateIntoFourDenials", "evaluation", Evaluations, () => Repeat(() => bench.EvaluateIntoFourDenials()));
        CpuTimeMeter.Measure("EvaluateFourDenials", "evaluation", Evaluations, () => Repeat(() => bench.EvaluateFourDenials()));
    }

    private static void Repeat<T>(Func<T> evaluation)
    {
        for (var i = 0; i < Evaluations; i++)
        {
            _ = evaluation();
        }
    }
}
