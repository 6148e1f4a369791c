using NodaTime;
using Parley.Modules.Arrangements.Contracts;
using Parley.SharedKernel;
using Parley.Web.Ui.Arrangements;

namespace Parley.Web.Tests.Arrangements;

/// <summary>The account page's timeline words, progress and comparison series, without a browser.</summary>
public sealed class PlanTimelineTests
{
    private static readonly LocalDate Today = new(2026, 11, 23);

    [Theory]
    [InlineData("paid", "2026-11-01", TimelineState.Kept)]
    [InlineData("missed", "2026-11-01", TimelineState.Missed)]
    [InlineData("partly_paid", "2026-11-01", TimelineState.PartlyPaid)]
    [InlineData("pending", "2026-11-23", TimelineState.Due)]
    [InlineData("pending", "2026-11-24", TimelineState.Upcoming)]
    public void An_instalment_reads_as_kept_missed_partly_paid_due_or_upcoming(string status, string dueAfterHolds, TimelineState expected)
    {
        var due = NodaTime.Text.LocalDatePattern.Iso.Parse(dueAfterHolds).Value;
        PlanTimeline.State(new InstalmentView(1, due.PlusDays(-3), due, 25m, 0m, status), Today).ShouldBe(expected);
    }

    [Fact]
    public void The_rows_keep_the_plans_order_and_figures()
    {
        var plan = Plan(
            new InstalmentView(1, new(2026, 11, 9), new(2026, 11, 9), 25m, 25m, "paid"),
            new InstalmentView(2, new(2026, 12, 9), new(2026, 12, 14), 25m, 10m, "partly_paid"));
        var rows = PlanTimeline.Rows(plan, Today);
        rows.Select(r => (r.Number, r.State, r.Paid)).ShouldBe([(1, TimelineState.Kept, 25m), (2, TimelineState.PartlyPaid, 10m)]);
        rows[1].DueAfterHolds.ShouldBe(new LocalDate(2026, 12, 14));
        PlanTimeline.Label(TimelineState.PartlyPaid).ShouldBe("partly paid");
        PlanTimeline.StatusLabel("awaiting_approval").ShouldBe("awaiting approval");
    }

    [Theory]
    [InlineData(0, 1742.34, 0)]
    [InlineData(24.32, 1742.34, 1.3)]
    [InlineData(1742.33, 1742.34, 99.9)]
    [InlineData(1742.34, 1742.34, 100)]
    [InlineData(2000, 1742.34, 100)]
    [InlineData(0, 0, 100)]
    public void Progress_is_paid_of_what_the_plan_settles_rounded_down_and_never_past_100(decimal paid, decimal settles, decimal percent) =>
        PlanTimeline.PercentPaid(paid, settles).ShouldBe(percent);

    [Fact]
    public void Options_share_one_axis_of_months_and_hold_their_balance_between_and_after_payments()
    {
        var monthly = new ComparedOption("Fixed", 100m,
        [
            new SimulatedInstalment(1, new(2026, 11, 9), 40m, 60m),
            new SimulatedInstalment(2, new(2026, 12, 9), 40m, 20m),
            new SimulatedInstalment(3, new(2027, 1, 11), 20m, 0m),
        ]);
        var lump = new ComparedOption("Settlement", 100m, [new SimulatedInstalment(1, new(2026, 12, 1), 80m, 0m)]);

        var chart = BalanceComparison.Build([monthly, lump]);

        chart.Months.ShouldBe(["2026-11", "2026-12", "2027-01"]);
        chart.Series[0].Name.ShouldBe("Fixed");
        chart.Series[0].Balances.ShouldBe([60m, 20m, 0m]);
        chart.Series[1].Balances.ShouldBe([100m, 0m, 0m]);
    }

    [Fact]
    public void Options_without_instalments_make_an_empty_chart()
    {
        var chart = BalanceComparison.Build([new ComparedOption("Holiday", 100m, [])]);
        chart.Months.ShouldBeEmpty();
        chart.Series.Single().Balances.ShouldBeEmpty();
    }

    [Fact]
    public void Offer_kinds_read_in_words()
    {
        ArrangementText.OfferKind("PromiseToPay").ShouldBe("Promise to pay");
    }

    private static ArrangementView Plan(params InstalmentView[] instalments) => new(
        ArrangementId.New(), AccountId.New(), new PlanShapeSpec.Fixed(), Frequency.Monthly, "GBP", 50m, 50m, new(2026, 11, 9), "active", "not_needed", null, null, "agent",
        Instant.FromUtc(2026, 11, 2, 15, 0), null, null, null, false, false, instalments.Sum(i => i.Paid), 0m, 3, 1, instalments, []);
}
