using Shouldly;

namespace Parley.SharedKernel.Tests;

public sealed class IdAndJurisdictionTests
{
    [Fact]
    public void New_ids_are_version_7_and_parse_back()
    {
        var id = AccountId.New();
        id.Value.Version.ShouldBe(7);
        AccountId.TryParse(id.ToString(), null, out var parsed).ShouldBeTrue();
        parsed.ShouldBe(id);
        AccountId.TryParse("not-a-guid", null, out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData("US-MA", "US", "MA")]
    [InlineData("us-ny", "US", "NY")]
    [InlineData("GB-ENG", "GB", "ENG")]
    [InlineData("GB", "GB", null)]
    public void Jurisdictions_parse(string code, string country, string? subdivision)
    {
        var j = Jurisdiction.Parse(code);
        j.Country.ShouldBe(country);
        j.Subdivision.ShouldBe(subdivision);
    }

    [Theory]
    [InlineData("US-XX")]
    [InlineData("FR")]
    [InlineData("GB-LON")]
    [InlineData("")]
    [InlineData("US-MA-BOS")]
    public void Unknown_jurisdictions_are_refused(string code) => Jurisdiction.TryParse(code, out _).ShouldBeFalse();

    [Theory]
    [InlineData("US-NY", Region.UnitedStates, "NY", UkNation.EnglandAndWales)]
    [InlineData("US", Region.UnitedStates, null, UkNation.EnglandAndWales)]
    [InlineData("GB-SCT", Region.UnitedKingdom, null, UkNation.Scotland)]
    [InlineData("GB-NIR", Region.UnitedKingdom, null, UkNation.NorthernIreland)]
    [InlineData("GB-WLS", Region.UnitedKingdom, null, UkNation.EnglandAndWales)]
    [InlineData("GB", Region.UnitedKingdom, null, UkNation.EnglandAndWales)]
    [InlineData("EU", Region.EuropeanUnion, null, UkNation.EnglandAndWales)]
    public void A_jurisdiction_selects_its_rule_packs_state_and_nation(string code, Region region, string? state, UkNation nation)
    {
        var j = Jurisdiction.Parse(code);
        j.Region.ShouldBe(region);
        j.UsState.ShouldBe(state);
        j.UkNation.ShouldBe(nation);
        (j.IsUs, j.IsUk, j.IsEu).ShouldBe((region == Region.UnitedStates, region == Region.UnitedKingdom, region == Region.EuropeanUnion));
        Jurisdiction.Parse(j.Code).ShouldBe(j);
    }

    [Fact]
    public void The_whole_region_jurisdictions_parse_back_from_their_codes()
    {
        Jurisdiction.Parse("US").ShouldBe(Jurisdiction.UnitedStates);
        Jurisdiction.Parse("gb").ShouldBe(Jurisdiction.UnitedKingdom);
        Jurisdiction.Parse("EU").ShouldBe(Jurisdiction.EuropeanUnion);
        Jurisdiction.Parse("US-NY").InState("NY").ShouldBeTrue();
        Jurisdiction.Parse("GB-ENG").InState("NY").ShouldBeFalse();
    }

    [Fact]
    public void Clock_follows_the_time_provider()
    {
        var time = new FixedTime(new DateTimeOffset(2026, 3, 8, 6, 59, 0, TimeSpan.Zero));
        time.ToClock().GetCurrentInstant().ShouldBe(NodaTime.Instant.FromUtc(2026, 3, 8, 6, 59));
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
