using NodaTime;
using Parley.Demo.Portfolio;
using Parley.Modules.Accounts.Contracts;
using PhoneNumbers;
using Shouldly;

namespace Parley.Demo.Tests;

public sealed class CoverageTests
{
    [Fact]
    public void The_default_portfolio_covers_every_us_time_zone_including_arizona_alaska_and_hawaii_and_the_uk()
    {
        var people = Demo.People(DemoDefaults.Seed, DemoDefaults.People).ToList();

        people.Select(p => p.Place.Group).Distinct().Order().ShouldBe(Enum.GetValues<ZoneGroup>());
        var zones = people.Select(p => p.Place.TimeZone).ToHashSet();
        zones.ShouldContain("America/Phoenix");
        zones.ShouldContain("Pacific/Honolulu");
        zones.ShouldContain("America/Anchorage");
        zones.ShouldContain("Europe/London");
        people.ShouldAllBe(p => (p.Place.Group == ZoneGroup.UnitedKingdom) == p.Place.Jurisdiction.StartsWith("GB-", StringComparison.Ordinal));
    }

    [Fact]
    public void People_are_spread_roughly_by_population_with_spanish_and_welsh_speakers()
    {
        var people = Demo.People(11, 5_000).ToList();
        var share = people.GroupBy(p => p.Place.Group).ToDictionary(g => g.Key, g => g.Count() / (double)people.Count);

        share[ZoneGroup.Eastern].ShouldBeGreaterThan(share[ZoneGroup.Central]);
        share[ZoneGroup.Central].ShouldBeGreaterThan(share[ZoneGroup.Pacific]);
        share[ZoneGroup.Pacific].ShouldBeGreaterThan(share[ZoneGroup.Mountain]);
        share[ZoneGroup.UnitedKingdom].ShouldBeInRange(0.07, 0.2);
        share[ZoneGroup.Hawaii].ShouldBeLessThan(0.02);
        people.Count(p => p.Language == "es-US").ShouldBeGreaterThan(100);
        people.Count(p => p.Language == "cy-GB").ShouldBeGreaterThan(0);
        people.Where(p => p.Language == "cy-GB").ShouldAllBe(p => p.Place.Jurisdiction == "GB-WLS");
    }

    [Fact]
    public void Every_phone_is_valid_for_its_country_and_its_area_code_lies_in_the_customers_time_zone()
    {
        var util = PhoneNumberUtil.GetInstance();
        var zonesOf = PhoneNumberToTimeZonesMapper.GetInstance();
        var winter = Instant.FromUtc(2026, 1, 15, 12, 0);
        var summer = Instant.FromUtc(2026, 7, 15, 12, 0);

        foreach (var person in Demo.People(4, 3_000))
        {
            var region = person.Place.Jurisdiction[..2];
            var home = DateTimeZoneProviders.Tzdb[person.Place.TimeZone];
            foreach (var written in new[] { person.MobilePhone, person.HomePhone, person.WorkPhone }.OfType<string>())
            {
                var number = util.Parse(written, region);
                util.IsValidNumber(number).ShouldBeTrue($"{written} ({person.Place.City})");
                util.GetRegionCodeForNumber(number).ShouldBe(region);
                var areaZones = zonesOf.GetTimeZonesForNumber(number).Select(id => DateTimeZoneProviders.Tzdb[id]);
                areaZones.ShouldContain(
                    z => z.GetUtcOffset(winter) == home.GetUtcOffset(winter) && z.GetUtcOffset(summer) == home.GetUtcOffset(summer),
                    $"{written} does not ring in {person.Place.TimeZone}");
            }

            util.Format(util.Parse(person.MobilePhone, region), PhoneNumberFormat.E164).ShouldBe(person.MobileE164);
            if (region == "GB")
            {
                util.GetNumberType(util.Parse(person.MobilePhone, region)).ShouldBe(PhoneNumberType.MOBILE);
            }
        }
    }

    [Fact]
    public void There_are_vulnerable_customers_disputes_and_uk_breathing_space_holds_that_start_by_the_as_of_date()
    {
        var customers = Demo.People(8, 2_000).SelectMany(p => p.Customers.Select(c => (Person: p, Customer: c))).ToList();
        var holds = customers.SelectMany(x => x.Customer.Holds.Select(h => (x.Person, x.Customer, Hold: h))).ToList();

        holds.Select(h => h.Hold.Type).Distinct().ShouldBe(
            [HoldType.Dispute, HoldType.BreathingSpace, HoldType.MentalHealthCrisis, HoldType.VulnerabilityReview],
            ignoreOrder: true);
        holds.Where(h => h.Hold.Type == HoldType.BreathingSpace).ShouldAllBe(h => h.Customer.Creditor.Currency.Code == "GBP" && h.Hold.PlannedDays == 60 && h.Hold.ResumesAutomatically);
        holds.Where(h => h.Hold.Type == HoldType.Dispute).ShouldAllBe(h => h.Customer.Accounts.Any(a => a.Reference == h.Hold.AccountReference));
        holds.ShouldAllBe(h => h.Hold.StartsOn <= Demo.AsOf && h.Hold.StartsOn > Demo.AsOf.PlusDays(-60));
        holds.Where(h => h.Hold.Type is HoldType.MentalHealthCrisis or HoldType.VulnerabilityReview).ShouldAllBe(h => h.Person.Vulnerable);
    }
}
