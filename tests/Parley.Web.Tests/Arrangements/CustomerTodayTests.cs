using Parley.Modules.Arrangements.Contracts;
using Parley.Web.Ui.Arrangements;

namespace Parley.Web.Tests.Arrangements;

/// <summary>An instalment is due once its date has come where the customer lives, not on the earliest date on earth.</summary>
public sealed class CustomerTodayTests
{
    private static readonly InstalmentView DueOn24November = new(1, new(2026, 11, 24), new(2026, 11, 24), 25m, 0m, "pending");

    [Theory]
    // 23:59:59 UTC on the 23rd: still the 23rd in London (upcoming), already the 24th in Tokyo (due).
    [InlineData("2026-11-23T23:59:59Z", "Europe/London", "2026-11-23", TimelineState.Upcoming)]
    [InlineData("2026-11-23T23:59:59Z", "Asia/Tokyo", "2026-11-24", TimelineState.Due)]
    // Midnight in London: the 24th has come there.
    [InlineData("2026-11-24T00:00:00Z", "Europe/London", "2026-11-24", TimelineState.Due)]
    // 04:59 UTC is 23:59 on the 23rd in New York; a minute later it is the 24th.
    [InlineData("2026-11-24T04:59:00Z", "America/New_York", "2026-11-23", TimelineState.Upcoming)]
    [InlineData("2026-11-24T05:00:00Z", "America/New_York", "2026-11-24", TimelineState.Due)]
    // The earliest date on earth (UTC−12) would still say the 23rd at 11:59 UTC on the 24th: where no zone is known it is used.
    [InlineData("2026-11-24T11:59:00Z", null, "2026-11-23", TimelineState.Upcoming)]
    [InlineData("2026-11-24T12:00:00Z", null, "2026-11-24", TimelineState.Due)]
    [InlineData("2026-11-24T11:59:00Z", "Not/AZone", "2026-11-23", TimelineState.Upcoming)]
    public void Due_turns_at_midnight_in_the_customers_zone(string now, string? zone, string today, TimelineState state)
    {
        var instant = NodaTime.Text.InstantPattern.General.Parse(now).Value;
        var date = CustomerToday.At(instant, zone);
        date.ShouldBe(NodaTime.Text.LocalDatePattern.Iso.Parse(today).Value);
        PlanTimeline.State(DueOn24November, date).ShouldBe(state);
    }
}
