using System.Globalization;

namespace Parley.SharedKernel;

/// <summary>An exact amount in one currency. Always a whole number of the currency's minor units.</summary>
public readonly record struct Money : IComparable<Money>
{
    private Money(decimal amount, Currency currency)
    {
        Amount = amount;
        Currency = currency;
    }

    public decimal Amount { get; }

    public Currency Currency { get; }

    public static Money Zero(Currency currency) => new(0m, currency);

    /// <summary>Creates money from an amount that must already be exact in the currency's minor units.</summary>
    public static Money Of(decimal amount, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(currency);
        if (decimal.Round(amount, currency.MinorUnits) != amount)
        {
            throw new ArgumentException($"{amount.ToString(CultureInfo.InvariantCulture)} has more than {currency.MinorUnits} decimals for {currency.Code}.", nameof(amount));
        }

        return new(amount, currency);
    }

    /// <summary>Rounds an arbitrary amount to the currency's minor units with the given (explicit) rule.</summary>
    public static Money Round(decimal amount, Currency currency, MidpointRounding rounding) =>
        new(decimal.Round(amount, currency.MinorUnits, rounding), currency);

    public static Money FromMinorUnits(long minorUnits, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(currency);
        return new(minorUnits / currency.MinorUnitFactor, currency);
    }

    public long ToMinorUnits() => checked((long)(Amount * Currency.MinorUnitFactor));

    public bool IsZero => Amount == 0m;

    public bool IsPositive => Amount > 0m;

    public bool IsNegative => Amount < 0m;

    public Money Negate() => new(-Amount, Currency);

    public Money Abs() => new(Math.Abs(Amount), Currency);

    public static Money operator +(Money left, Money right) => new(left.Amount + right.SameCurrencyAs(left).Amount, left.Currency);

    public static Money operator -(Money left, Money right) => new(left.Amount - right.SameCurrencyAs(left).Amount, left.Currency);

    public static Money operator -(Money value) => value.Negate();

    public static bool operator <(Money left, Money right) => left.CompareTo(right) < 0;

    public static bool operator >(Money left, Money right) => left.CompareTo(right) > 0;

    public static bool operator <=(Money left, Money right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Money left, Money right) => left.CompareTo(right) >= 0;

    public static Money Min(Money left, Money right) => left <= right ? left : right;

    public static Money Max(Money left, Money right) => left >= right ? left : right;

    public int CompareTo(Money other) => Amount.CompareTo(other.SameCurrencyAs(this).Amount);

    /// <summary>Splits into <paramref name="parts"/> amounts that differ by at most one minor unit and sum exactly.</summary>
    public IReadOnlyList<Money> Allocate(int parts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parts, 1);
        return Allocate(Enumerable.Repeat(1m, parts).ToArray());
    }

    /// <summary>Splits by non-negative ratios with the largest-remainder method; the parts sum exactly to this amount.</summary>
    public IReadOnlyList<Money> Allocate(IReadOnlyList<decimal> ratios)
    {
        ArgumentNullException.ThrowIfNull(ratios);
        if (ratios.Count == 0 || ratios.Any(r => r < 0m) || ratios.Sum() <= 0m)
        {
            throw new ArgumentException("Ratios must be non-empty, non-negative and not all zero.", nameof(ratios));
        }

        var total = ToMinorUnits();
        var sign = Math.Sign(total);
        var magnitude = Math.Abs(total);
        var ratioSum = ratios.Sum();
        var shares = new long[ratios.Count];
        var remainders = new decimal[ratios.Count];
        long allocated = 0;
        for (var i = 0; i < ratios.Count; i++)
        {
            var exact = magnitude * ratios[i] / ratioSum;
            shares[i] = (long)decimal.Floor(exact);
            remainders[i] = exact - shares[i];
            allocated += shares[i];
        }

        // Hand the leftover minor units to the largest remainders, earliest first on ties.
        var order = Enumerable.Range(0, ratios.Count).OrderByDescending(i => remainders[i]).ThenBy(i => i).ToArray();
        for (var k = 0; allocated < magnitude; k++, allocated++)
        {
            shares[order[k % order.Length]]++;
        }

        var currency = Currency;
        return shares.Select(s => FromMinorUnits(sign * s, currency)).ToArray();
    }

    public string ToString(IFormatProvider? provider) =>
        string.Create(provider, $"{Amount.ToString("N" + Currency.MinorUnits.ToString(CultureInfo.InvariantCulture), provider)} {Currency.Code}");

    public override string ToString() => ToString(CultureInfo.InvariantCulture);

    private Money SameCurrencyAs(Money other) =>
        Currency == other.Currency ? this : throw new CurrencyMismatchException(other.Currency, Currency);
}

public sealed class CurrencyMismatchException(Currency expected, Currency actual)
    : InvalidOperationException($"Cannot combine {expected.Code} with {actual.Code}.");
