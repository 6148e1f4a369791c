using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Parley.SharedKernel;

/// <summary>An ISO 4217 currency with its number of minor units (decimals).</summary>
public sealed record Currency
{
    private Currency(string code, int minorUnits)
    {
        Code = code;
        MinorUnits = minorUnits;
        MinorUnitFactor = MinorUnits switch { 0 => 1m, 2 => 100m, 3 => 1000m, _ => throw new ArgumentOutOfRangeException(nameof(minorUnits)) };
    }

    public string Code { get; }

    public int MinorUnits { get; }

    public decimal MinorUnitFactor { get; }

    /// <summary>The smallest representable amount, e.g. 0.01 for USD.</summary>
    public decimal MinorUnit => 1m / MinorUnitFactor;

    public static readonly Currency USD = new("USD", 2);
    public static readonly Currency GBP = new("GBP", 2);
    public static readonly Currency EUR = new("EUR", 2);
    public static readonly Currency CAD = new("CAD", 2);
    public static readonly Currency AUD = new("AUD", 2);
    public static readonly Currency NZD = new("NZD", 2);
    public static readonly Currency CHF = new("CHF", 2);
    public static readonly Currency SEK = new("SEK", 2);
    public static readonly Currency NOK = new("NOK", 2);
    public static readonly Currency DKK = new("DKK", 2);
    public static readonly Currency PLN = new("PLN", 2);
    public static readonly Currency MXN = new("MXN", 2);
    public static readonly Currency INR = new("INR", 2);
    public static readonly Currency ZAR = new("ZAR", 2);
    public static readonly Currency JPY = new("JPY", 0);
    public static readonly Currency KRW = new("KRW", 0);
    public static readonly Currency ISK = new("ISK", 0);
    public static readonly Currency KWD = new("KWD", 3);
    public static readonly Currency BHD = new("BHD", 3);
    public static readonly Currency OMR = new("OMR", 3);
    public static readonly Currency JOD = new("JOD", 3);
    public static readonly Currency TND = new("TND", 3);

    private static readonly FrozenDictionary<string, Currency> ByCode = new[]
    {
        USD, GBP, EUR, CAD, AUD, NZD, CHF, SEK, NOK, DKK, PLN, MXN, INR, ZAR, JPY, KRW, ISK, KWD, BHD, OMR, JOD, TND,
    }.ToFrozenDictionary(c => c.Code, StringComparer.Ordinal);

    public static IReadOnlyCollection<Currency> All => ByCode.Values;

    public static bool TryFromCode(string? code, [NotNullWhen(true)] out Currency? currency)
    {
        currency = null;
        return code is not null && ByCode.TryGetValue(code, out currency);
    }

    public static Currency FromCode(string code) =>
        TryFromCode(code, out var currency) ? currency : throw new ArgumentException($"Unknown ISO 4217 currency '{code}'.", nameof(code));

    public override string ToString() => Code;
}
