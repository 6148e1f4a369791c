using Parley.SharedKernel;

namespace Parley.Modules.Compliance.Scenarios;

/// <summary>
/// The scenario files' jurisdiction codes, read as a <see cref="Jurisdiction"/>: every ISO code it parses, plus the catalogue's
/// shorthands <c>UK</c> and <c>UK-…</c> (GB), <c>US-FED</c> and <c>US-UNKNOWN</c> (the US, no state known), <c>US-NYC</c>
/// (New York, in the city) and <c>EU-…</c> (the EU).
/// </summary>
public static class ScenarioJurisdiction
{
    public static bool TryParse(string? code, out Jurisdiction jurisdiction, out bool newYorkCity)
    {
        newYorkCity = false;
        var c = code?.Trim().ToUpperInvariant();
        switch (c)
        {
            case "US-FED" or "US-UNKNOWN":
                jurisdiction = Jurisdiction.UnitedStates;
                return true;
            case "US-NYC":
                newYorkCity = true;
                jurisdiction = Jurisdiction.Parse("US-NY");
                return true;
            case "UK":
                jurisdiction = Jurisdiction.UnitedKingdom;
                return true;
            case not null when c.StartsWith("UK-", StringComparison.Ordinal):
                return Jurisdiction.TryParse("GB" + c[2..], out jurisdiction);
            case not null when c.StartsWith("EU-", StringComparison.Ordinal) && c.Length == 5:
                jurisdiction = Jurisdiction.EuropeanUnion;
                return true;
            default:
                return Jurisdiction.TryParse(c, out jurisdiction);
        }
    }
}
