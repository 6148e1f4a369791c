using Parley.Modules.Compliance.Engine;
using Shouldly;

namespace Parley.Modules.Compliance.Tests.Catalogue;

/// <summary>docs/compliance/rule-catalog.md cannot drift from the rule classes: checked row by row by reflection.</summary>
public sealed class RuleCatalogDocumentTests
{
    // The research catalogue's §1 tables hold 75 rule ids; every one has a class.
    private const int CatalogueRuleCount = 75;

    private static readonly IReadOnlyList<(string Id, string Citation, string Class, string TestClass)> Rows = ReadRows();

    private static List<(string, string, string, string)> ReadRows()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Catalogue", "rule-catalog.md");
        return
        [
            .. File.ReadAllLines(path)
                .Where(l => l.StartsWith("| ", StringComparison.Ordinal) && l.Count(c => c == '|') == 5 && l.Contains('`', StringComparison.Ordinal))
                .Select(l => l.Split('|').Select(c => c.Trim().Trim('`')).ToArray())
                .Where(c => c[1].Contains('-', StringComparison.Ordinal) && !c[1].StartsWith("Rule id", StringComparison.Ordinal))
                .Select(c => (c[1], c[2], c[3], c[4])),
        ];
    }

    [Fact]
    public void Every_rule_class_is_in_the_document_exactly_once()
    {
        var ruleTypes = typeof(IRule).Assembly.GetTypes().Where(t => typeof(IRule).IsAssignableFrom(t) && !t.IsAbstract && !t.IsInterface).Select(t => t.Name).ToList();

        Rows.Select(r => r.Class).ShouldBe(ruleTypes, ignoreOrder: true);
        Rows.Select(r => r.Id).Distinct().Count().ShouldBe(CatalogueRuleCount);
    }

    [Fact]
    public void Every_row_matches_the_id_and_citation_its_class_carries()
    {
        var rules = RulePacks.All.ToDictionary(r => r.GetType().Name);
        foreach (var row in Rows)
        {
            rules.ShouldContainKey(row.Class);
            rules[row.Class].Id.ShouldBe(row.Id);
            rules[row.Class].Citation.ShouldBe(row.Citation);
        }
    }

    [Fact]
    public void Every_row_names_an_existing_test_class()
    {
        var testClasses = typeof(RuleCatalogDocumentTests).Assembly.GetTypes().Select(t => t.Name).ToHashSet(StringComparer.Ordinal);

        Rows.ShouldAllBe(r => testClasses.Contains(r.TestClass));
    }

    [Fact]
    public void Every_rule_is_in_some_pack() =>
        RulePacks.All.Select(r => r.Id).Distinct().Count().ShouldBe(CatalogueRuleCount);
}
