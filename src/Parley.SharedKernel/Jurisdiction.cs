using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Parley.SharedKernel;

/// <summary>An ISO 3166-1 country with an optional ISO 3166-2 subdivision, e.g. <c>US-MA</c>, <c>GB-ENG</c>.</summary>
public readonly record struct Jurisdiction
{
    private static readonly FrozenSet<string> UsSubdivisions = new[]
    {
        "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA",
        "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR",
        "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "PR", "GU", "VI", "AS", "MP",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> GbSubdivisions = new[] { "ENG", "SCT", "WLS", "NIR" }.ToFrozenSet(StringComparer.Ordinal);

    private Jurisdiction(string country, string? subdivision)
    {
        Country = country;
        Subdivision = subdivision;
    }

    /// <summary>ISO 3166-1 alpha-2, e.g. US or GB.</summary>
    public string Country { get; }

    /// <summary>The ISO 3166-2 suffix, e.g. MA or ENG; null for a whole country.</summary>
    public string? Subdivision { get; }

    public string Code => Subdivision is null ? Country : $"{Country}-{Subdivision}";

    public bool IsUnitedStates => Country == "US";

    public bool IsUnitedKingdom => Country == "GB";

    public static bool TryParse([NotNullWhen(true)] string? code, out Jurisdiction jurisdiction)
    {
        jurisdiction = default;
        if (string.IsNullOrWhiteSpace(code))
        {
            return false;
        }

        var parts = code.Trim().ToUpperInvariant().Split('-');
        if (parts.Length > 2)
        {
            return false;
        }

        var country = parts[0];
        var subdivision = parts.Length == 2 ? parts[1] : null;
        var valid = (country, subdivision) switch
        {
            ("US", null) or ("GB", null) => true,
            ("US", { } s) => UsSubdivisions.Contains(s),
            ("GB", { } s) => GbSubdivisions.Contains(s),
            _ => false,
        };
        if (valid)
        {
            jurisdiction = new(country, subdivision);
        }

        return valid;
    }

    public static Jurisdiction Parse(string code) =>
        TryParse(code, out var j) ? j : throw new FormatException($"'{code}' is not a supported jurisdiction (US, US-xx, GB, GB-ENG/SCT/WLS/NIR).");

    public override string ToString() => Code;
}
