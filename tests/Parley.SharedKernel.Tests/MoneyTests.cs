using CsCheck;
using Shouldly;

namespace Parley.SharedKernel.Tests;

public sealed class MoneyTests
{
    private static readonly Gen<Currency> Currencies = Gen.Int[0, Currency.All.Count - 1].Select(i => Currency.All.ElementAt(i));

    private static readonly Gen<Money> Amounts =
        Gen.Select(Gen.Long[-1_000_000_000_000, 1_000_000_000_000], Currencies, (minor, c) => Money.FromMinorUnits(minor, c));

    [Fact]
    public void Allocating_into_n_parts_sums_exactly_and_differs_by_at_most_one_minor_unit() =>
        Gen.Select(Amounts, Gen.Int[1, 60]).Sample((money, parts) =>
        {
            var shares = money.Allocate(parts);
            shares.Count.ShouldBe(parts);
            shares.Select(s => s.ToMinorUnits()).Sum().ShouldBe(money.ToMinorUnits());
            var minor = shares.Select(s => Math.Abs(s.ToMinorUnits())).ToArray();
            (minor.Max() - minor.Min()).ShouldBeLessThanOrEqualTo(1);
        });

    [Fact]
    public void Allocating_by_ratios_sums_exactly() =>
        Gen.Select(Amounts, Gen.Int[0, 1000].Array[1, 12].Where(r => r.Sum() > 0)).Sample((money, ratios) =>
        {
            var shares = money.Allocate(ratios.Select(r => (decimal)r).ToArray());
            shares.Select(s => s.ToMinorUnits()).Sum().ShouldBe(money.ToMinorUnits());
            shares.Where((_, i) => ratios[i] == 0).ShouldAllBe(s => s.IsZero);
        });

    [Fact]
    public void Minor_units_round_trip() =>
        Gen.Select(Gen.Long[long.MinValue / 1000, long.MaxValue / 1000], Currencies).Sample((minor, currency) =>
            Money.FromMinorUnits(minor, currency).ToMinorUnits().ShouldBe(minor));

    [Fact]
    public void Arithmetic_across_currencies_is_refused() =>
        Gen.Select(Amounts, Amounts).Where((a, b) => a.Currency != b.Currency).Sample((a, b) =>
        {
            Should.Throw<CurrencyMismatchException>(() => a + b);
            Should.Throw<CurrencyMismatchException>(() => a - b);
            Should.Throw<CurrencyMismatchException>(() => a < b);
        });

    [Fact]
    public void Addition_and_subtraction_are_exact() =>
        Gen.Select(Gen.Long[-1_000_000_000, 1_000_000_000], Gen.Long[-1_000_000_000, 1_000_000_000], Currencies).Sample((x, y, c) =>
        {
            var sum = Money.FromMinorUnits(x, c) + Money.FromMinorUnits(y, c);
            sum.ToMinorUnits().ShouldBe(x + y);
            (sum - Money.FromMinorUnits(y, c)).ToMinorUnits().ShouldBe(x);
        });

    [Theory]
    [InlineData("USD", "10.001")]
    [InlineData("JPY", "1.5")]
    [InlineData("KWD", "0.0001")]
    public void Of_refuses_more_decimals_than_the_currency_has(string code, string amount) =>
        Should.Throw<ArgumentException>(() => Money.Of(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), Currency.FromCode(code)));

    [Fact]
    public void Round_is_explicit_about_midpoints()
    {
        Money.Round(2.345m, Currency.USD, MidpointRounding.ToEven).Amount.ShouldBe(2.34m);
        Money.Round(2.345m, Currency.USD, MidpointRounding.AwayFromZero).Amount.ShouldBe(2.35m);
    }

    [Fact]
    public void Allocate_hands_the_remainder_to_the_earliest_parts()
    {
        var parts = Money.Of(100m, Currency.USD).Allocate(3);
        parts.Select(p => p.Amount).ShouldBe([33.34m, 33.33m, 33.33m]);
    }

    [Fact]
    public void Unknown_currency_is_refused()
    {
        Currency.TryFromCode("XYZ", out _).ShouldBeFalse();
        Currency.FromCode("JPY").MinorUnits.ShouldBe(0);
        Currency.FromCode("BHD").MinorUnits.ShouldBe(3);
    }
}
