using NodaTime;
using Parley.Modules.Arrangements.Contracts;
using Parley.SharedKernel;
using Parley.Web.Ui.Arrangements;

namespace Parley.Web.Tests.Arrangements;

/// <summary>A closed plan's unpaid instalments are no longer due or upcoming: nobody asks for them any more.</summary>
public sealed class ClosedPlanTimelineTests
{
    private static readonly LocalDate Today = new(2026, 12, 17);

    [Theory]
    [InlineData("active", TimelineState.Due, TimelineState.Upcoming)]
    [InlineData("proposed", TimelineState.Due, TimelineState.Upcoming)]
    [InlineData("broken", TimelineState.Closed, TimelineState.Closed)]
    [InlineData("cancelled", TimelineState.Closed, TimelineState.Closed)]
    [InlineData("completed", TimelineState.Closed, TimelineState.Closed)]
    public void Unpaid_instalments_of_a_closed_plan_read_as_closed_and_kept_or_missed_ones_keep_their_state(string status, TimelineState past, TimelineState future)
    {
        InstalmentView[] instalments =
        [
            new(1, new(2026, 11, 9), new(2026, 11, 9), 100m, 100m, "paid"),
            new(2, new(2026, 12, 9), new(2026, 12, 9), 100m, 0m, "missed"),
            new(3, new(2026, 12, 17), new(2026, 12, 17), 100m, 0m, "pending"),
            new(4, new(2027, 1, 11), new(2027, 1, 11), 100m, 0m, "pending"),
        ];
        var plan = new ArrangementView(
            ArrangementId.New(), AccountId.New(), new PlanShapeSpec.Fixed(), Frequency.Monthly, "GBP", 400m, 400m, new(2026, 11, 9), status, "not_needed", null, null, "agent",
            Instant.FromUtc(2026, 11, 2, 15, 0), null, null, null, false, false, 100m, 0m, 3, 1, instalments, []);

        PlanTimeline.Rows(plan, Today).Select(r => r.State).ShouldBe([TimelineState.Kept, TimelineState.Missed, past, future]);
        PlanTimeline.Label(TimelineState.Closed).ShouldBe("not asked (plan closed)");
    }
}
