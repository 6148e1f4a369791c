using NodaTime;
using Parley.Modules.Arrangements.Schedules;
using Parley.SharedKernel;
using Shouldly;

namespace Parley.Modules.Arrangements.Tests.Schedules;

public sealed class SeasonalityInferenceTests
{
    /// <summary>Months from January 2025 on, paying <paramref name="typical"/> except where <paramref name="paid"/> says otherwise.</summary>
    private static List<MonthlyPayment> History(int months, decimal typical, Func<YearMonth, decimal?>? paid = null)
    {
        var history = new List<MonthlyPayment>();
        for (var i = 0; i < months; i++)
        {
            var month = new YearMonth(2025, 1).PlusMonths(i);
            history.Add(new MonthlyPayment(month, Money.Of(paid?.Invoke(month) ?? typical, Currency.GBP)));
        }

        return history;
    }

    [Fact]
    public void Markedly_lower_months_every_year_are_reduced_and_nothing_paid_is_skipped()
    {
        var season = SeasonalityInference.Infer(History(24, 100m, m => m.Month switch { 1 => 35m, 2 => 42m, 12 => 0m, _ => null }));

        season.ShouldNotBeNull();
        season.ReducedMonths.Order().ShouldBe([1, 2]);
        season.ReducedPercent.ShouldBe(42m);
        season.SkippedMonths.ShouldBe([12]);
    }

    [Fact]
    public void Fewer_than_twelve_months_a_flat_history_or_one_bad_year_is_no_season()
    {
        SeasonalityInference.Infer(History(11, 100m, m => m.Month == 8 ? 0m : null)).ShouldBeNull();
        SeasonalityInference.Infer(History(24, 100m)).ShouldBeNull();
        SeasonalityInference.Infer(History(24, 100m, m => m is { Year: 2025, Month: 8 } ? 0m : null)).ShouldBeNull();
    }

    [Fact]
    public void A_month_just_above_the_threshold_is_normal_and_more_than_four_low_months_is_irregular_income()
    {
        SeasonalityInference.Infer(History(12, 100m, m => m.Month == 8 ? 60m : null)).ShouldBeNull();
        SeasonalityInference.Infer(History(12, 100m, m => m.Month == 8 ? 59.99m : null))!.ReducedMonths.ShouldBe([8]);
        SeasonalityInference.Infer(History(12, 100m, m => m.Month <= 5 ? 10m : null)).ShouldBeNull();
    }

    [Fact]
    public void A_month_given_twice_or_a_negative_payment_is_refused()
    {
        var history = History(12, 100m);
        Should.Throw<ArgumentException>(() => SeasonalityInference.Infer([.. history, history[0]]));
        Should.Throw<ArgumentException>(() => SeasonalityInference.Infer(History(12, 100m, m => m.Month == 3 ? -1m : null)));
    }
}
