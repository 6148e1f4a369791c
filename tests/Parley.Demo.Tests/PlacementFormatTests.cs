using Shouldly;

namespace Parley.Demo.Tests;

public sealed class PlacementFormatTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2026)]
    public void Every_generated_row_follows_the_placement_format(int seed)
    {
        var rows = PlacementRules.ReadRows(Demo.Csv(seed, 4_000), out var header);

        string.Join(',', header).ShouldBe(Placements.PlacementFileWriter.Header);
        rows.Count.ShouldBe(4_000);
        rows.SelectMany(r => PlacementRules.Violations(r, Demo.AsOf)).Take(20).ShouldBeEmpty();
    }

    [Fact]
    public void Account_references_are_unique_per_creditor_and_repeated_customers_agree_on_their_person_fields()
    {
        var rows = PlacementRules.ReadRows(Demo.Csv(3, 4_000), out _);

        rows.GroupBy(r => (r[0], r[19])).Where(g => g.Count() > 1).ShouldBeEmpty();
        var persons = rows.GroupBy(r => (r[0], r[1])).ToList();
        persons.Count.ShouldBeLessThan(rows.Count, "some customers must have several accounts");
        foreach (var customer in persons)
        {
            customer.Select(r => string.Join(',', r[2..19])).Distinct().Count().ShouldBe(1, $"customer {customer.Key}");
        }
    }
}
