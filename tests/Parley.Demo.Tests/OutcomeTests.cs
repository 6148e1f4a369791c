using NodaTime;
using Parley.Demo.Outcomes;
using Parley.Demo.Portfolio;
using Parley.Modules.Decisioning.Propensity;
using Shouldly;

namespace Parley.Demo.Tests;

public sealed class OutcomeTests
{
    private static readonly LocalDate AsOf = new(2026, 11, 1);

    private static string Csv(int seed, int accounts)
    {
        var rows = DemoOutcomes.Portfolio(new PortfolioGenerator(seed, AsOf), accounts).Select(PropensityDataFile.Row);
        return PropensityDataFile.Header + "\n" + string.Join("\n", rows);
    }

    [Fact]
    public void The_same_seed_gives_the_same_outcomes_and_another_seed_other_ones()
    {
        Csv(5, 2_000).ShouldBe(Csv(5, 2_000));
        Csv(6, 2_000).ShouldNotBe(Csv(5, 2_000));
    }

    [Fact]
    public void Only_accounts_still_owing_are_written_with_both_outcomes_present()
    {
        var examples = DemoOutcomes.Portfolio(new PortfolioGenerator(11, AsOf), 3_000).ToList();
        examples.Count.ShouldBe(3_000);
        examples.ShouldAllBe(e => e.Facts.BalanceMinor > 0);
        var paidShare = examples.Count(e => e.PaidWithin30Days) / (double)examples.Count;
        paidShare.ShouldBeInRange(0.1, 0.6);
    }

    [Fact]
    public void Outcomes_follow_the_accounts_behaviour_not_a_coin()
    {
        var examples = DemoOutcomes.Portfolio(new PortfolioGenerator(12, AsOf), 6_000).ToList();
        static double Rate(IEnumerable<PropensityExample> e) => e.Average(x => x.PaidWithin30Days ? 1.0 : 0.0);
        var recentPayers = examples.Where(e => e.Facts.Payments90Days >= 2).ToList();
        var nonPayers = examples.Where(e => e.Facts.Payments90Days == 0).ToList();
        recentPayers.Count.ShouldBeGreaterThan(100);
        nonPayers.Count.ShouldBeGreaterThan(100);
        Rate(recentPayers).ShouldBeGreaterThan(Rate(nonPayers) + 0.1);
    }

    [Fact]
    public void A_written_file_reads_back_as_the_same_facts()
    {
        var examples = DemoOutcomes.Portfolio(new PortfolioGenerator(13, AsOf), 300).ToList();
        var read = PropensityDataFile.Read(new StringReader(PropensityDataFile.Header + "\n" + string.Join("\n", examples.Select(PropensityDataFile.Row))), "outcomes.csv");
        read.Count.ShouldBe(examples.Count);
        for (var i = 0; i < read.Count; i++)
        {
            read[i].Reference.ShouldBe(examples[i].Reference);
            read[i].PaidWithin30Days.ShouldBe(examples[i].PaidWithin30Days);
            read[i].Facts.Statements.ShouldBe(examples[i].Facts.Statements);
            (read[i].Facts with { Statements = [] }).ShouldBe(examples[i].Facts with { Statements = [] });
        }
    }
}
