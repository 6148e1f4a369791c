using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Parley.SharedKernel;

/// <summary>The body of law whose rule packs apply to a jurisdiction.</summary>
public enum Region
{
    UnitedStates,
    UnitedKingdom,
    EuropeanUnion,
}

/// <summary>The UK legal systems that differ for collections (limitation, bank holidays); England and Wales share one.</summary>
public enum UkNation
{
    EnglandAndWales,
    Scotland,
    NorthernIreland,
}

/// <summary>
/// An ISO 3166-1 country with an optional ISO 3166-2 subdivision, e.g. <c>US-MA</c>, <c>GB-ENG</c>, or the European Union
/// as a whole (<c>EU</c>, ISO 3166-1's exceptionally reserved code). It selects the rule packs (<see cref="Region"/>), a US
/// state's or a UK nation's rules, and the bank holidays; an address, a search filter and the compliance gate read it alike.
/// </summary>
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

    /// <summary>The United States as a whole (federal rules only: no state is known).</summary>
    public static Jurisdiction UnitedStates { get; } = new("US", null);

    /// <summary>The United Kingdom as a whole (England and Wales rules where the nation matters).</summary>
    public static Jurisdiction UnitedKingdom { get; } = new("GB", null);

    /// <summary>The European Union as a whole.</summary>
    public static Jurisdiction EuropeanUnion { get; } = new("EU", null);

    /// <summary>ISO 3166-1 alpha-2, e.g. US or GB (EU for the European Union).</summary>
    public string Country { get; }

    /// <summary>The ISO 3166-2 suffix, e.g. MA or ENG; null for a whole country.</summary>
    public string? Subdivision { get; }

    public string Code => Subdivision is null ? Country : $"{Country}-{Subdivision}";

    /// <summary>Which rule packs apply.</summary>
    public Region Region => Country switch
    {
        "US" => Region.UnitedStates,
        "GB" => Region.UnitedKingdom,
        _ => Region.EuropeanUnion,
    };

    public bool IsUs => Country == "US";

    public bool IsUk => Country == "GB";

    public bool IsEu => Region == Region.EuropeanUnion;

    /// <summary>The US state (or territory) code, e.g. MA; null outside the US or when no state is known.</summary>
    public string? UsState => IsUs ? Subdivision : null;

    /// <summary>The UK nation whose law applies (England and Wales when none is known or outside the UK).</summary>
    public UkNation UkNation => (IsUk ? Subdivision : null) switch
    {
        "SCT" => UkNation.Scotland,
        "NIR" => UkNation.NorthernIreland,
        _ => UkNation.EnglandAndWales,
    };

    /// <summary>Whether this is the US state <paramref name="state"/> (e.g. <c>NY</c>).</summary>
    public bool InState(string state) => string.Equals(UsState, state, StringComparison.Ordinal);

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
            ("US", null) or ("GB", null) or ("EU", null) => true,
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
        TryParse(code, out var j) ? j : throw new FormatException($"'{code}' is not a supported jurisdiction (US, US-xx, GB, GB-ENG/SCT/WLS/NIR, EU).");

    public override string ToString() => Code;
}
