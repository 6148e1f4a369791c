using NodaTime;
using Parley.Demo.Placements;
using Parley.Demo.Portfolio;

namespace Parley.Demo.Tests;

/// <summary>Shared fixtures: a fixed as-of date so tests never depend on today.</summary>
internal static class Demo
{
    public static readonly LocalDate AsOf = new(2026, 11, 1);

    public static string Csv(int seed, long accounts, LocalDate? asOf = null)
    {
        using var writer = new StringWriter { NewLine = "\r\n" };
        PlacementFileWriter.Write(writer, new PortfolioGenerator(seed, asOf ?? AsOf).People(), accounts);
        return writer.ToString();
    }

    public static IEnumerable<DemoPerson> People(int seed, int count) => new PortfolioGenerator(seed, AsOf).People().Take(count);
}
