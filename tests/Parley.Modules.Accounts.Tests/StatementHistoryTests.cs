using CsCheck;
using NodaTime;
using Parley.Modules.Accounts.Domain;
using Shouldly;

namespace Parley.Modules.Accounts.Tests;

public sealed class StatementHistoryTests
{
    private static readonly Gen<MonthlyStatement[]> Histories =
        Gen.Select(Gen.Int[0, 30], Gen.Int[0, 20_000], (months, start) => (months, start))
            .SelectMany(h => Gen.Select(Gen.Long[0, 99_999_999], Gen.Long[0, 99_999_999], Gen.Long[0, 99_999_999], Gen.Int[0, 999])
                .Array[h.months]
                .Select(values => values
                    .Select((v, i) => new MonthlyStatement(new LocalDate(1990, 1, 15).PlusDays(h.start).PlusMonths(i), v.Item1, v.Item2, v.Item3, v.Item4))
                    .ToArray()));

    [Fact]
    public void The_stored_form_reads_back_to_the_same_history() =>
        Histories.Sample(months =>
        {
            var history = StatementHistory.Of(months);
            var read = StatementHistory.FromJson(history.ToJson());
            read.ShouldBe(history);
            read.Months.ShouldBe(months);
        });

    [Fact]
    public void The_stored_form_is_compact_json_in_minor_units()
    {
        var history = StatementHistory.Of([new MonthlyStatement(new LocalDate(2026, 5, 15), 28_971, 14_071, 3_100, 0), new MonthlyStatement(new LocalDate(2026, 6, 15), 39_984, 25_084, 0, 10)]);

        history.ToJson().ShouldBe("""[["2026-05-15",28971,14071,3100,0],["2026-06-15",39984,25084,0,10]]""");
        StatementHistory.Empty.ToJson().ShouldBe("[]");
    }

    [Fact]
    public void A_restated_month_replaces_the_held_one_and_other_months_are_kept() =>
        Gen.Select(Histories, Histories).Sample((held, placed) =>
        {
            var merged = StatementHistory.Of(held).Merge(StatementHistory.Of(placed));

            merged.Months.Select(m => m.StatementDate).ShouldBe(held.Concat(placed).Select(m => m.StatementDate).Distinct().Order());
            foreach (var month in placed)
            {
                merged.Months.ShouldContain(month);
            }

            foreach (var month in held.Where(h => placed.All(p => p.StatementDate != h.StatementDate)))
            {
                merged.Months.ShouldContain(month);
            }
        });

    [Fact]
    public void Out_of_order_or_repeated_dates_and_damaged_json_are_refused()
    {
        var may = new MonthlyStatement(new LocalDate(2026, 5, 15), 1, 1, 0, 0);
        Should.Throw<ArgumentException>(() => StatementHistory.Of([may, may]));
        Should.Throw<ArgumentException>(() => StatementHistory.Of([may, may with { StatementDate = new LocalDate(2026, 4, 15) }]));
        Should.Throw<FormatException>(() => StatementHistory.FromJson("""[["2026-05-15",1,1,0]]"""));
        Should.Throw<FormatException>(() => StatementHistory.FromJson("""{"a":1}"""));
    }
}
