using CsCheck;
using NodaTime;
using Parley.Modules.Arrangements.Plans;
using Parley.Modules.Arrangements.Schedules;
using Parley.SharedKernel;
using Shouldly;

namespace Parley.Modules.Arrangements.Tests.Plans;

/// <summary>
/// Any random sequence of payments, reversals and holds applied to an active plan keeps plan and ledger reconciled: the
/// instalments' paid amounts plus unallocated credit equal the net ledger payments since activation, after every step.
/// </summary>
public sealed class PlanReconciliationPropertyTests
{
    private static readonly Instant Activated = Instant.FromUtc(2026, 11, 2, 15, 0);
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];

    private abstract record Step(int Hour);

    private sealed record Pay(int Hour, long AmountMinor) : Step(Hour);

    /// <summary>Reverses the payment at this position among those made so far (modulo their count), if any is unreversed.</summary>
    private sealed record Reverse(int Hour, int Which) : Step(Hour);

    private sealed record HoldFor(int Hour, int LengthHours, bool Open) : Step(Hour);

    private static readonly Gen<Step> Steps = Gen.Frequency(
        (5, Gen.Select(Gen.Int[0, 23], Gen.Long[1, 60_000]).Select(t => (Step)new Pay(t.Item1, t.Item2))),
        (2, Gen.Select(Gen.Int[0, 23], Gen.Int[0, 1000]).Select(t => (Step)new Reverse(t.Item1, t.Item2))),
        (1, Gen.Select(Gen.Int[0, 23], Gen.Int[1, 24 * 60], Gen.Bool).Select(t => (Step)new HoldFor(t.Item1, t.Item2, t.Item3))));

    private sealed record Case(long BalanceMinor, long InstalmentMinor, Frequency Frequency, IReadOnlyList<(int DayGap, Step Step)> Steps)
    {
        public override string ToString() => $"{BalanceMinor} by {InstalmentMinor} {Frequency}: {string.Join("; ", Steps)}";
    }

    private static readonly Gen<Case> Cases =
        from balance in Gen.Long[1_000, 500_000]
        from instalment in Gen.Long[500, 100_000]
        from frequency in Gen.Enum<Frequency>()
        from steps in Gen.Select(Gen.Int[0, 20], Steps).List[1, 40]
        select new Case(balance, Math.Min(Math.Max(instalment, (balance / 500) + 1), balance), frequency, steps); // at most 500 instalments

    [Fact]
    public void Paid_amounts_plus_unallocated_credit_always_equal_net_ledger_payments() =>
        Cases.Sample(c =>
        {
            var schedule = ScheduleBuilder.Build(
                new PlanRequest(Money.FromMinorUnits(c.BalanceMinor, Currency.GBP), c.Frequency, new LocalDate(2026, 11, 9), new FixedInstalments(Money.FromMinorUnits(c.InstalmentMinor, Currency.GBP))),
                PlanPolicy.Unbounded(Currency.GBP),
                new LocalDate(2026, 11, 2));
            var arrangement = new Arrangement(AccountId.New(), "fixed", schedule, new PolicySnapshot(1, 0, 100, 3, 1), null, "test", Activated);
            arrangement.Activate("test", Activated);
            var payments = new List<PaymentFact>();
            var holds = new List<HoldFact>();
            var day = Activated.InZone(London).Date;
            var at = Activated;
            foreach (var (gap, step) in c.Steps)
            {
                day = day.PlusDays(gap);

                // The ledger's clock only moves forward: a step earlier in the day than the last happens at the same instant.
                at = Instant.Max(at, day.At(new LocalTime(step.Hour, 0)).InZoneLeniently(London).ToInstant());
                switch (step)
                {
                    case Pay p:
                        payments.Add(new PaymentFact(p.AmountMinor, at, null));
                        break;
                    case Reverse r when payments.Where(p => p.ReversedAt is null).ToList() is { Count: > 0 } open:
                        var target = open[r.Which % open.Count];
                        payments[payments.IndexOf(target)] = target with { ReversedAt = at };
                        break;
                    case HoldFor h:
                        holds.Add(new HoldFact(at, h.Open ? null : at + Duration.FromHours(h.LengthHours)));
                        break;
                }

                var progress = PlanProgressCalculator.Evaluate(arrangement.DueInstalments(), Activated, payments, holds, London, at, arrangement.Tolerance);
                var net = payments.Where(p => p.ReversedAt is null).Sum(p => p.AmountMinor);

                // No cent lost or counted twice; each instalment paid within its amount, in due order.
                (progress.Instalments.Sum(i => i.PaidMinor) + progress.UnallocatedMinor).ShouldBe(net);
                progress.NetPaidMinor.ShouldBe(net);
                progress.Instalments.ShouldAllBe(i => i.PaidMinor >= 0 && i.PaidMinor <= i.AmountMinor);
                progress.Instalments.Zip(progress.Instalments.Skip(1)).ShouldAllBe(pair => pair.Second.PaidMinor == 0 || pair.First.PaidMinor == pair.First.AmountMinor);
                progress.Completed.ShouldBe(net >= schedule.Settles.ToMinorUnits());
                progress.UnallocatedMinor.ShouldBe(Math.Max(0, net - schedule.Settles.ToMinorUnits()));
                if (progress.Paused)
                {
                    progress.BrokenOn.ShouldBeNull();
                }

                // The stored plan takes the replay in while it is active, and then agrees with the ledger too.
                var wasActive = arrangement.Status == ArrangementStatus.Active;
                arrangement.Apply(progress, at);
                if (wasActive)
                {
                    (arrangement.Instalments.Sum(i => i.PaidMinor) + arrangement.UnallocatedMinor).ShouldBe(net);
                    arrangement.Instalments.Where(i => i.Missed).Select(i => i.Number).ShouldBeSubsetOf(
                        arrangement.Instalments.Select(i => i.Number));
                }
            }
        });

    [Fact]
    public void Replaying_twice_at_the_same_instant_raises_nothing_new() =>
        Cases.Sample(c =>
        {
            var schedule = ScheduleBuilder.Build(
                new PlanRequest(Money.FromMinorUnits(c.BalanceMinor, Currency.GBP), c.Frequency, new LocalDate(2026, 11, 9), new FixedInstalments(Money.FromMinorUnits(c.InstalmentMinor, Currency.GBP))),
                PlanPolicy.Unbounded(Currency.GBP),
                new LocalDate(2026, 11, 2));
            var arrangement = new Arrangement(AccountId.New(), "fixed", schedule, new PolicySnapshot(1, 0, 100, 3, 1), null, "test", Activated);
            arrangement.Activate("test", Activated);
            arrangement.ClearEvents();
            var payments = c.Steps.OfType<(int, Step)>().Select((s, i) => s.Item2 is Pay p ? new PaymentFact(p.AmountMinor, Activated + Duration.FromDays(i * 5), null) : null).OfType<PaymentFact>().ToList();
            var now = Activated + Duration.FromDays(400);
            var progress = PlanProgressCalculator.Evaluate(arrangement.DueInstalments(), Activated, payments, [], London, now, arrangement.Tolerance);
            arrangement.Apply(progress, now);
            arrangement.ClearEvents();
            var again = PlanProgressCalculator.Evaluate(arrangement.DueInstalments(), Activated, payments, [], London, now, arrangement.Tolerance);
            arrangement.Apply(again, now);
            arrangement.PendingEvents.ShouldBeEmpty();
        });
}
