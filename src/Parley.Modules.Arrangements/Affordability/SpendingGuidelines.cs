using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Parley.SharedKernel;

namespace Parley.Modules.Arrangements.Affordability;

/// <summary>
/// Monthly spending guidelines ("trigger figures") for flexible costs, by standard, category and household size. The
/// figures shipped in <c>spending-guidelines.json</c> are illustrative; <see cref="Load"/> reads a deployment's own file.
/// </summary>
public sealed class SpendingGuidelines
{
    private const string ResourceName = "Parley.Arrangements.spending-guidelines.json";

    private readonly Dictionary<(StatementStandard, string), Guideline> _byCategory;
    private readonly Dictionary<StatementStandard, (Currency Currency, LocalDate EffectiveFrom)> _standards;

    private SpendingGuidelines(bool illustrative, Dictionary<StatementStandard, (Currency, LocalDate)> standards, Dictionary<(StatementStandard, string), Guideline> byCategory)
    {
        Illustrative = illustrative;
        _standards = standards;
        _byCategory = byCategory;
    }

    /// <summary>True for the figures shipped with Parley, which are examples and not the published ones.</summary>
    public bool Illustrative { get; }

    public static SpendingGuidelines Shipped { get; } = LoadShipped();

    public LocalDate? EffectiveFrom(StatementStandard standard) => _standards.TryGetValue(standard, out var s) ? s.EffectiveFrom : null;

    /// <summary>The guideline for the category and household size, or null when there is none (a fixed cost, or a standard in another currency).</summary>
    public Money? For(StatementStandard standard, string category, int householdSize, Currency currency)
    {
        if (!_standards.TryGetValue(standard, out var s) || s.Currency != currency || !_byCategory.TryGetValue((standard, category), out var guideline))
        {
            return null;
        }

        var bySize = guideline.MonthlyByHouseholdSize;
        var amount = householdSize <= bySize.Count
            ? bySize[householdSize - 1]
            : bySize[^1] + (guideline.EachAdditionalPerson * (householdSize - bySize.Count));
        return Money.Of(amount, currency);
    }

    public static SpendingGuidelines Load(Stream json)
    {
        var file = JsonSerializer.Deserialize<GuidelinesFile>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidDataException("The spending guidelines file is empty.");
        var standards = new Dictionary<StatementStandard, (Currency, LocalDate)>();
        var byCategory = new Dictionary<(StatementStandard, string), Guideline>();
        foreach (var s in file.Standards)
        {
            var standard = Enum.GetValues<StatementStandard>().FirstOrDefault(v => StatementCategories.Name(v) == s.Standard, (StatementStandard)(-1));
            if (!Enum.IsDefined(standard))
            {
                throw new InvalidDataException($"Unknown standard '{s.Standard}' in the spending guidelines.");
            }

            var currency = Currency.TryFromCode(s.Currency, out var c) ? c : throw new InvalidDataException($"Unknown currency '{s.Currency}' for {s.Standard}.");
            var effective = LocalDatePattern.Iso.Parse(s.EffectiveFrom ?? "").GetValueOrThrow();
            standards.Add(standard, (currency, effective));
            foreach (var g in s.Guidelines)
            {
                var category = StatementCategories.For(standard).FirstOrDefault(x => x.Code == g.Category);
                if (category?.Group != StatementGroup.FlexibleCost)
                {
                    throw new InvalidDataException($"'{g.Category}' is not a flexible cost of {s.Standard}; only flexible costs have guidelines.");
                }

                if (g.MonthlyByHouseholdSize.Count == 0 || g.MonthlyByHouseholdSize.Append(g.EachAdditionalPerson).Any(a => a < 0m || decimal.Round(a, currency.MinorUnits) != a))
                {
                    throw new InvalidDataException($"The guideline for {g.Category} ({s.Standard}) needs non-negative amounts in whole {currency.Code} minor units for household sizes from 1.");
                }

                byCategory.Add((standard, g.Category), g);
            }
        }

        return new SpendingGuidelines(file.Illustrative, standards, byCategory);
    }

    private static SpendingGuidelines LoadShipped()
    {
        using var stream = typeof(SpendingGuidelines).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        return Load(stream);
    }

    private sealed record GuidelinesFile(bool Illustrative, IReadOnlyList<StandardFigures> Standards);

    private sealed record StandardFigures(string Standard, string Currency, string? EffectiveFrom, IReadOnlyList<Guideline> Guidelines);

    private sealed record Guideline(string Category, IReadOnlyList<decimal> MonthlyByHouseholdSize, decimal EachAdditionalPerson);
}
