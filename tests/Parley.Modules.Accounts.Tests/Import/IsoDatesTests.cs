using CsCheck;
using NodaTime;
using NodaTime.Text;
using Parley.Modules.Accounts.Import;
using Shouldly;

namespace Parley.Modules.Accounts.Tests.Import;

/// <summary>The importer's hand-written date reading and writing must agree with NodaTime's ISO pattern exactly.</summary>
public sealed class IsoDatesTests
{
    private static readonly Gen<LocalDate> Dates =
        Gen.Int[0, 9999].SelectMany(y => Gen.Int[1, 12].SelectMany(m => Gen.Int[1, CalendarSystem.Iso.GetDaysInMonth(y, m)].Select(d => new LocalDate(y, m, d))));

    [Fact]
    public void Formatting_matches_the_iso_pattern() =>
        Dates.Sample(date => IsoDates.Format(date).ShouldBe(LocalDatePattern.Iso.Format(date)));

    [Fact]
    public void Reading_a_formatted_date_gives_it_back() =>
        Dates.Sample(date => PlacementFieldParsers.IsoDate(LocalDatePattern.Iso.Format(date)).ShouldBe(date));

    [Fact]
    public void Ten_characters_read_as_a_date_exactly_when_the_iso_pattern_reads_them()
    {
        var text = Gen.Char["0123456789-/ x"].Array[10].Select(c => new string(c));
        var nearDates = Dates.Select(d => LocalDatePattern.Iso.Format(d)).SelectMany(t => Gen.Int[0, 9].SelectMany(i => Gen.Char["0123456789-"].Select(c => string.Concat(t.AsSpan(0, i), c.ToString(), t.AsSpan(i + 1)))));
        Gen.OneOf(text, nearDates).Sample(t =>
        {
            var iso = LocalDatePattern.Iso.Parse(t);
            PlacementFieldParsers.IsoDate(t).ShouldBe(iso.Success ? iso.Value : null);
        });
    }

    [Theory]
    [InlineData("2026-02-29")]
    [InlineData("2026-13-01")]
    [InlineData("2026-1-01")]
    [InlineData("20260101")]
    [InlineData("2026-01-01 ")]
    public void Impossible_or_malformed_dates_are_refused(string text) => PlacementFieldParsers.IsoDate(text).ShouldBeNull();
}
