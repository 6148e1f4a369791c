using NodaTime;
using Parley.Modules.Compliance.Scenarios;
using Parley.Modules.Compliance.Time;
using Shouldly;

namespace Parley.Modules.Compliance.Tests.Time;

/// <summary>DST edges in both directions, Arizona, Hawaii and the UK clock changes, through the whole gate.</summary>
public sealed class DstEdgeTests
{
    private static string Call(string zone, string at) => $$$"""{"consumer":{"state":null,"time_zones":["{{{zone}}}"],"location_evidence":null},"proposed_action":{"at":"{{{at}}}"}}""";

    [Theory]
    // US spring forward, Sunday 8 March 2026: 13:30Z is 08:30 CDT, not 07:30 CST.
    [InlineData("America/Chicago", "2026-03-08T13:30:00Z", "allow")]
    [InlineData("America/Chicago", "2026-03-08T12:30:00Z", "deny")] // 07:30 CDT
    // The Saturday before, still CST: 13:30Z is 07:30.
    [InlineData("America/Chicago", "2026-03-07T13:30:00Z", "deny")]
    // US fall back, Sunday 1 November 2026: 13:30Z is 07:30 CST (it was 08:30 CDT the day before).
    [InlineData("America/Chicago", "2026-11-01T13:30:00Z", "deny")]
    [InlineData("America/Chicago", "2026-10-31T13:30:00Z", "allow")]
    // Evening edge after fall back: 02:30Z on 2 Nov is 20:30 CST (allowed); on 1 Nov it was 21:30 CDT.
    [InlineData("America/Chicago", "2026-11-02T02:30:00Z", "allow")]
    [InlineData("America/Chicago", "2026-11-01T02:30:00Z", "deny")]
    // Arizona keeps MST all year: 15:30Z is 08:30 in both summer and winter.
    [InlineData("America/Phoenix", "2026-07-01T15:30:00Z", "allow")]
    [InlineData("America/Phoenix", "2026-01-15T15:30:00Z", "allow")]
    [InlineData("America/Phoenix", "2026-07-01T14:30:00Z", "deny")] // 07:30 MST (Denver would be 08:30 MDT)
    // Hawaii keeps HST: 18:00Z is exactly 08:00 (denied), 18:01Z allowed; 07:30Z is 21:30 the evening before.
    [InlineData("Pacific/Honolulu", "2026-06-10T18:00:00Z", "deny")]
    [InlineData("Pacific/Honolulu", "2026-06-10T18:01:00Z", "allow")]
    [InlineData("Pacific/Honolulu", "2026-06-10T07:30:00Z", "deny")]
    public void Us_hours_follow_tzdb(string zone, string at, string expected) =>
        ScenarioBuilder.Us(Call(zone, at)).ShouldDecide(expected, "US-REGF-TIME-8TO9");

    [Theory]
    // UK clocks go forward Sunday 29 March 2026 and back Sunday 25 October; those Sundays are closed by policy, so test the Mondays.
    [InlineData("2026-03-30T07:30:00Z", "allow")] // 08:30 BST
    [InlineData("2026-03-27T07:30:00Z", "deny")] // Friday before: 07:30 GMT
    [InlineData("2026-10-26T07:30:00Z", "deny")] // 07:30 GMT after the change
    [InlineData("2026-10-23T07:30:00Z", "allow")] // Friday before: 08:30 BST
    [InlineData("2026-10-26T20:30:00Z", "allow")] // 20:30 GMT
    [InlineData("2026-10-23T20:30:00Z", "deny")] // 21:30 BST
    public void Uk_hours_follow_the_clock_changes(string at, string expected) =>
        ScenarioBuilder.Uk($$$"""{"proposed_action":{"at":"{{{at}}}"}}""").ShouldDecide(expected, "UK-CONC-CONTACT-TIMES");

    [Fact]
    public void The_next_lawful_instant_across_spring_forward_is_0801_local_daylight_time()
    {
        var decision = ScenarioBuilder.Us(Call("America/Chicago", "2026-03-08T12:30:00Z"));

        ScenarioEvaluation.FormatInstant(decision.NextLawfulAt!.Value).ShouldBe("2026-03-08T13:01:00Z");
    }

    [Fact]
    public void The_next_lawful_instant_after_fall_back_is_0801_local_standard_time()
    {
        var decision = ScenarioBuilder.Us(Call("America/Chicago", "2026-11-01T02:30:00Z")); // 21:30 CDT on 31 Oct

        ScenarioEvaluation.FormatInstant(decision.NextLawfulAt!.Value).ShouldBe("2026-11-01T14:01:00Z"); // 08:01 CST
    }

    [Fact]
    public void Frequency_days_are_consumer_local_calendar_days_across_the_dst_change()
    {
        // Seven calls 2–7 Nov in Chicago; the window 2–8 Nov is full; 9 Nov (local) has room.
        var history = string.Join(",", Enumerable.Range(0, 7).Select(i =>
            $$$"""{"channel":"call","at":"2026-11-0{{{2 + Math.Min(i, 5)}}}T{{{10 + i}}}:00:00-06:00","outcome":"no_answer"}"""));
        var decision = ScenarioBuilder.Us($$$"""{"consumer":{"state":null,"time_zones":["America/Chicago"],"location_evidence":null},"contact_history":[{{{history}}}],"proposed_action":{"at":"2026-11-08T18:00:00Z"}}""");

        decision.ShouldDecide("deny", "US-REGF-CALLFREQ-7IN7");
        ScenarioEvaluation.FormatInstant(decision.NextLawfulAt!.Value).ShouldBe("2026-11-09T14:01:00Z");
    }
}

public sealed class CandidateZoneTests
{
    [Theory]
    [InlineData("PA", "19102", "America/New_York")]
    [InlineData("FL", "32501", "America/Chicago")] // Pensacola
    [InlineData("FL", "33101", "America/New_York")] // Miami
    [InlineData("TX", "79901", "America/Denver")] // El Paso
    [InlineData("TX", "75201", "America/Chicago")] // Dallas
    [InlineData("AZ", "85004", "America/Phoenix")]
    [InlineData("HI", "96813", "Pacific/Honolulu")]
    [InlineData("ID", "83814", "America/Los_Angeles")] // Coeur d'Alene
    [InlineData("TN", "37501", "America/Chicago")] // Memphis
    [InlineData("TN", "37902", "America/New_York")] // Knoxville
    [InlineData("TN", "37203", "America/Chicago")] // Nashville
    [InlineData("KY", "41011", "America/New_York")] // Covington
    [InlineData("KY", "41501", "America/New_York")] // Pikeville
    [InlineData("KY", "42101", "America/Chicago")] // Bowling Green
    [InlineData("TX", "88510", "America/Denver")] // El Paso
    [InlineData("NE", "69101", "America/Chicago")] // North Platte
    [InlineData("NE", "69361", "America/Denver")] // Scottsbluff
    [InlineData("KS", "67901", "America/Chicago")] // Liberal
    [InlineData("ND", "58601", "America/Denver")] // Dickinson
    [InlineData("AZ", "86401", "America/Phoenix")] // Kingman
    [InlineData("OR", "97914", "America/Boise")] // Ontario (Malheur County)
    public void A_zip_settles_split_states(string state, string zip, string zone) =>
        ZoneResolver.ForUsAddress(state, zip).Select(z => z.Id).ShouldBe([zone]);

    [Theory]
    [InlineData("TX", "79855")] // Van Horn, Culberson County (Central) beside Hudspeth (Mountain)
    [InlineData("AZ", "86503")] // Chinle, Navajo Nation (keeps DST)
    [InlineData("KS", "67735")] // Goodland, Sherman County (Mountain) beside Central counties
    [InlineData("SD", "57567")] // Philip, Haakon County (Mountain) beside Central counties
    public void A_zip_prefix_that_spans_a_zone_line_keeps_both_zones(string state, string zip) =>
        ZoneResolver.ForUsAddress(state, zip).Count.ShouldBe(2);

    [Fact]
    public void A_split_state_without_zip_keeps_every_zone() =>
        ZoneResolver.ForUsAddress("TN", null).Select(z => z.Id).ShouldBe(["America/Chicago", "America/New_York"], ignoreOrder: true);

    [Theory]
    [InlineData("+12125550100", "America/New_York")]
    [InlineData("+13125550110", "America/Chicago")]
    [InlineData("+14155550100", "America/Los_Angeles")]
    [InlineData("+18085550100", "Pacific/Honolulu")]
    [InlineData("+447700900100", "Europe/London")]
    public void Phone_area_codes_map_through_libphonenumber(string number, string zone) =>
        ZoneResolver.ForPhone(number).Select(z => z.Id).ShouldContain(zone);

    [Fact]
    public void Toll_free_numbers_say_nothing_about_location() => ZoneResolver.ForPhone("+18005550100").ShouldBeEmpty();

    [Fact]
    public void Uk_postcodes_are_london_time() => ZoneResolver.ForUkPostcode("M1 1AE").Single().Id.ShouldBe("Europe/London");

    [Fact]
    public void Address_and_area_code_in_different_zones_both_become_candidates()
    {
        var scenario = ScenarioBuilder.Build(ScenarioBuilder.UsBase, """
            {"consumer":{"state":"CA","time_zones":null,"location_evidence":[
              {"source":"mailing_address","value":"1 Market St, San Francisco, CA 94105"},
              {"source":"phone_area_code","number":"+12125550100","type":"mobile"}]}}
            """);

        scenario.Facts.Zones.Zones.Select(z => z.Id).ShouldBe(["America/Los_Angeles", "America/New_York"], ignoreOrder: true);
    }

    [Fact]
    public void What_the_consumer_said_wins_over_other_evidence()
    {
        var scenario = ScenarioBuilder.Build(ScenarioBuilder.UsBase, """
            {"consumer":{"location_evidence":[{"source":"consumer_stated","value":"I'm in Denver this month","time_zone":"America/Denver"},
              {"source":"mailing_address","value":"1500 Market St, Philadelphia, PA 19102","time_zone":"America/New_York"}],"time_zones":null}}
            """);

        scenario.Facts.Zones.Zones.Select(z => z.Id).ShouldBe(["America/Denver"]);
    }

    [Fact]
    public void Windows_that_never_overlap_have_no_next_lawful_instant()
    {
        var window = new ContactWindow(new LocalTime(8, 0), new LocalTime(21, 0));
        // In June: London 07:00–20:00 UTC, Shanghai 00:00–13:00 UTC, Los Angeles 15:00–04:00 UTC — no instant is in all three.
        DateTimeZone[] zones = [DateTimeZoneProviders.Tzdb["Europe/London"], DateTimeZoneProviders.Tzdb["Asia/Shanghai"], DateTimeZoneProviders.Tzdb["America/Los_Angeles"]];

        window.NextOpenInAll(Instant.FromUtc(2026, 6, 10, 12, 0), zones).ShouldBeNull();
    }

    [Theory]
    [InlineData(2026, 4, 3)] // Good Friday
    [InlineData(2026, 4, 6)] // Easter Monday
    [InlineData(2026, 5, 4)]
    [InlineData(2026, 5, 25)]
    [InlineData(2026, 8, 31)]
    [InlineData(2026, 12, 25)]
    [InlineData(2026, 12, 28)] // Boxing Day substitute
    [InlineData(2027, 1, 1)]
    public void England_and_wales_bank_holidays(int y, int m, int d) => UkBankHolidays.IsBankHoliday(new LocalDate(y, m, d)).ShouldBeTrue();

    [Fact]
    public void An_ordinary_weekday_is_not_a_bank_holiday() => UkBankHolidays.IsBankHoliday(new LocalDate(2026, 6, 10)).ShouldBeFalse();
}
