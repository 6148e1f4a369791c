using CsCheck;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Arrangements.Offers;
using Parley.Modules.Arrangements.Plans;
using Parley.Modules.Arrangements.Schedules;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Payments.Ledger;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.Testing;
using Shouldly;

namespace Parley.Modules.Arrangements.Tests.Plans;

/// <summary>
/// Any set of holds (every kind; started, future, ended, resumed automatically; on the account or on all the customer's
/// accounts) and any collection step: a refusal happens exactly when a hold that stops that step is active now, and names
/// exactly those holds; a payment the customer makes is always recorded. The oracle below is written from the brief, not
/// from the production code, so a refusal is checked to be right, not only that nothing changed.
/// </summary>
public sealed class CollectionHoldPropertyTests
{
    private static CancellationToken Ct => ArrangementsTestHost.Ct;

    private static readonly Dictionary<HoldType, string> Stopping = new()
    {
        [HoldType.Dispute] = "dispute",
        [HoldType.BreathingSpace] = "breathing_space",
        [HoldType.MentalHealthCrisis] = "mental_health_crisis",
        [HoldType.CeaseCommunication] = "cease_communication",
        [HoldType.Deceased] = "deceased",
        [HoldType.Bankruptcy] = "bankruptcy",
    };

    private enum Step
    {
        Offers,
        Propose,
        Activate,
        Pay,
    }

    /// <summary>A hold relative to now, in hours: its start, an optional planned end (resuming by itself or not), an optional end.</summary>
    private sealed record HoldSpec(HoldType Type, bool AllAccounts, int StartHours, int? PlannedEndAfterHours, bool Resumes, int? EndedAfterHours)
    {
        public Instant StartsAt(Instant now) => now + Duration.FromHours(StartHours);

        public Instant? PlannedEnd(Instant now) => PlannedEndAfterHours is { } h ? StartsAt(now) + Duration.FromHours(h) : null;

        public Instant? Ended(Instant now) => EndedAfterHours is { } h ? StartsAt(now) + Duration.FromHours(h) : null;

        /// <summary>The brief's "active": started, not ended, and not past a planned end it resumes at.</summary>
        public bool ActiveAt(Instant now) =>
            StartsAt(now) <= now
            && !(Ended(now) is { } ended && ended <= now)
            && !(Resumes && PlannedEnd(now) is { } end && end <= now);
    }

    private sealed record Case(IReadOnlyList<HoldSpec> Holds, Step Step)
    {
        public override string ToString() => $"{Step}: {string.Join("; ", Holds)}";
    }

    private static readonly Gen<HoldSpec> Holds =
        from type in Gen.Enum<HoldType>()
        from all in Gen.Bool
        from start in Gen.Int[-2_000, 200]
        from planned in Gen.Int[0, 2_000].Select(h => h == 0 ? (int?)null : h)
        from resumes in Gen.Bool
        from ended in Gen.Int[0, 2_000].Select(h => h == 0 ? (int?)null : h)
        select new HoldSpec(type, all, start, planned, resumes, ended);

    private static readonly Gen<Case> Cases =
        from holds in Holds.List[0, 4]
        from step in Gen.Enum<Step>()
        select new Case(holds, step);

    [Fact]
    public async Task A_step_is_refused_exactly_when_an_active_hold_stops_it_and_the_refusal_names_those_holds()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var accountId = await CollectionHoldHttpTests.SeedAsync(database, "GB-ENG");
        var now = Instant.FromDateTimeOffset(database.Time.GetUtcNow());
        var payments = 0;

        await Cases.SampleAsync(async c =>
        {
            await using var scope = database.Scope();
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<ParleyDbContext>();
            await db.Set<Hold>().ExecuteDeleteAsync(Ct);
            await db.Set<Arrangement>().ExecuteDeleteAsync(Ct);
            var account = await db.Set<Account>().AsNoTracking().SingleAsync(a => a.Id == accountId, Ct);
            foreach (var h in c.Holds)
            {
                var hold = new Hold(account.CustomerId, h.AllAccounts ? null : accountId, h.Type, h.StartsAt(now), h.PlannedEnd(now), h.Resumes, "generated", "test");
                if (h.Ended(now) is { } ended)
                {
                    hold.End(ended, "test", "generated");
                }

                db.Add(hold);
            }

            // A plan proposed earlier, for the activation step (put straight in: proposing it now would meet the holds).
            var schedule = ScheduleBuilder.Build(new PlanRequest(Money.Of(1000m, Currency.GBP), Frequency.Monthly, new LocalDate(2026, 12, 1), new FixedInstalments(Money.Of(100m, Currency.GBP))), PlanPolicy.Unbounded(Currency.GBP), new LocalDate(2026, 11, 2));
            var earlier = new Arrangement(accountId, "fixed", schedule, new PolicySnapshot(2500, 0, 30, 3, 1), null, "agent", now - Duration.FromDays(30));
            earlier.ClearEvents();
            db.Add(earlier);
            await db.SaveChangesAsync(Ct);

            var expected = c.Holds.Where(h => h.ActiveAt(now) && Stopping.ContainsKey(h.Type)).Select(h => Stopping[h.Type]).ToHashSet();
            IReadOnlyList<CollectionBlock> refusedBy = [];
            switch (c.Step)
            {
                case Step.Offers:
                    var offers = await services.GetRequiredService<GetAccountOffers>().HandleAsync(Staff.Agent, new GetAccountOffersRequest(accountId), Ct);
                    refusedBy = offers.BlockedBy ?? [];
                    (offers.Offers.Count == 0).ShouldBe(refusedBy.Count > 0, c.ToString());
                    break;
                case Step.Propose:
                    refusedBy = await RefusalAsync(() => services.GetRequiredService<ProposeArrangement>().HandleAsync(Staff.Acting("agent", StaffRoles.Agent), new ProposeArrangementRequest(accountId, null, Frequency.Monthly, 100m, new NodaTime.LocalDate(2026, 12, 1)), Ct));
                    break;
                case Step.Activate:
                    refusedBy = await RefusalAsync(() => services.GetRequiredService<ActivateArrangement>().HandleAsync(Staff.Acting("agent", StaffRoles.Agent), new ActivateArrangementRequest(accountId, earlier.Id), Ct));
                    break;
                case Step.Pay:
                    var payment = new PaymentCommand(10m, "GBP", now, "card", "VOL", $"property-{++payments}");
                    var posted = await RecordPayment.PostAsync(accountId, payment, RecordPayment.RequestHash(payment), services.GetRequiredService<LedgerWriter>(), services.GetRequiredService<IClock>(), Ct);
                    posted.Entry.AccountId.ShouldBe(accountId);
                    expected.Clear();
                    break;
            }

            // Refused exactly when an active hold stops the step, and naming those holds: never a refusal without one.
            refusedBy.Select(b => b.Kind).ToHashSet().SetEquals(expected).ShouldBeTrue($"{c} refused by [{string.Join(", ", refusedBy.Select(b => b.Kind))}], expected [{string.Join(", ", expected)}]");
            refusedBy.ShouldAllBe(b => !string.IsNullOrWhiteSpace(b.RuleId) && !string.IsNullOrWhiteSpace(b.Reason));
        }, iter: 60, threads: 1);
    }

    private static async Task<IReadOnlyList<CollectionBlock>> RefusalAsync(Func<Task> step)
    {
        try
        {
            await step();
            return [];
        }
        catch (DomainException e) when (e.Error is CollectionPaused paused)
        {
            paused.Block.ShouldBe(paused.Blocks[0]);
            return paused.Blocks;
        }
    }
}
