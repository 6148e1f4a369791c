using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Parley.Modules.Arrangements.Plans;
using Parley.Persistence;
using Parley.Persistence.Outbox;
using Parley.SharedKernel.Security;
using Parley.Testing;
using Shouldly;

namespace Parley.Modules.Arrangements.Tests.Lifecycle;

/// <summary>The outbox on both providers: events stored with their state change or not at all, delivered once, retried, none lost across a restart.</summary>
public sealed class OutboxDispatcherTests
{
    private static CancellationToken Ct => ArrangementsTestHost.Ct;

    /// <summary>Records what it was handed; can fail a number of times, or stop the host (cancel) at one message.</summary>
    private sealed class RecordingHandler : IOutboxHandler
    {
        public string EventType => "arrangements.proposed";

        public List<string> Delivered { get; } = [];

        public int FailuresLeft { get; set; }

        public string? StopAt { get; set; }

        public Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            if (StopAt == message.IdempotencyKey)
            {
                StopAt = null;
                throw new OperationCanceledException("the host is stopping");
            }

            if (FailuresLeft > 0)
            {
                FailuresLeft--;
                throw new InvalidOperationException("the downstream queue is unavailable");
            }

            Delivered.Add(message.IdempotencyKey);
            return Task.CompletedTask;
        }
    }

    private sealed class ConcurrentRecordingHandler : IOutboxHandler
    {
        public string EventType => "arrangements.proposed";

        public System.Collections.Concurrent.ConcurrentQueue<string> Delivered { get; } = new();

        public Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            Delivered.Enqueue(message.IdempotencyKey);
            return Task.CompletedTask;
        }
    }

    [Theory]
    [DatabaseProviders]
    public async Task An_event_is_stored_with_its_state_change_and_a_failed_save_stores_neither(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var accountId = await ArrangementsTestHost.SeedAccountAsync(database);
        ArrangementView proposed;
        await using (var scope = database.Scope())
        {
            proposed = await scope.ServiceProvider.GetRequiredService<ProposeArrangement>()
                .HandleAsync(Staff.Acting("agent", StaffRoles.Agent), new ProposeArrangementRequest(accountId, null, Frequency.Monthly, 100m, new NodaTime.LocalDate(2026, 12, 1)), Ct);
        }

        await using (var scope = database.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
            (await db.Set<OutboxMessage>().SingleAsync(Ct)).IdempotencyKey.ShouldBe($"arrangement:{proposed.Id}:arrangements.proposed");

            // Cancel, but stage a message whose key clashes: the save fails, so neither the cancellation nor its event is stored.
            var plan = await db.Set<Arrangement>().Include(a => a.Instalments).Include(a => a.History).SingleAsync(a => a.Id == proposed.Id, Ct);
            plan.Cancel("agent", "customer asked", Instant.FromUtc(2026, 11, 2, 16, 0));
            db.StageEvents(plan);
            db.AddOutboxMessage("arrangements.proposed", "{}", Instant.FromUtc(2026, 11, 2, 16, 0), $"arrangement:{proposed.Id}:arrangements.proposed");
            await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
        }

        await using (var scope = database.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
            (await db.Set<Arrangement>().SingleAsync(Ct)).Status.ShouldBe(ArrangementStatus.Proposed);
            (await db.Set<OutboxMessage>().Select(m => m.Type).ToListAsync(Ct)).ShouldBe(["arrangements.proposed"]);
        }
    }

    [Theory]
    [DatabaseProviders]
    public async Task Messages_are_delivered_once_a_failure_is_retried_and_none_is_lost_when_the_host_stops_mid_batch(DatabaseProvider provider)
    {
        var handler = new RecordingHandler { FailuresLeft = 1 };
        await using var database = await TestDatabase.CreateAsync(provider, s => s.AddSingleton<IOutboxHandler>(handler));
        var t0 = Instant.FromUtc(2026, 11, 2, 9, 0);
        await StageAsync(database, [("k1", t0), ("k2", t0 + Duration.FromMinutes(1)), ("k3", t0 + Duration.FromMinutes(2))]);

        (await DispatchAsync(database)).ShouldBe(2);
        handler.Delivered.ShouldBe(["k2", "k3"]);
        await using (var scope = database.Scope())
        {
            var failed = await scope.ServiceProvider.GetRequiredService<ParleyDbContext>().Set<OutboxMessage>().SingleAsync(m => m.IdempotencyKey == "k1", Ct);
            failed.DispatchedAt.ShouldBeNull();
            failed.Attempts.ShouldBe(1);
            failed.LastError!.ShouldStartWith("InvalidOperationException");
        }

        (await DispatchAsync(database)).ShouldBe(1);
        (await DispatchAsync(database)).ShouldBe(0);
        handler.Delivered.ShouldBe(["k2", "k3", "k1"]);

        // The host stops while handing over k5: k4 is already marked, k5 and k6 stay undelivered for the next start.
        await StageAsync(database, [("k4", t0 + Duration.FromMinutes(3)), ("k5", t0 + Duration.FromMinutes(4)), ("k6", t0 + Duration.FromMinutes(5))]);
        handler.StopAt = "k5";
        await Should.ThrowAsync<OperationCanceledException>(() => DispatchAsync(database));
        (await DispatchAsync(database)).ShouldBe(2);

        handler.Delivered.ShouldBe(["k2", "k3", "k1", "k4", "k5", "k6"]);
        await using var check = database.Scope();
        (await check.ServiceProvider.GetRequiredService<ParleyDbContext>().Set<OutboxMessage>().CountAsync(m => m.DispatchedAt == null, Ct)).ShouldBe(0);
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_batch_another_pass_holds_waits_for_its_lease_and_is_taken_over_when_the_lease_runs_out(DatabaseProvider provider)
    {
        var handler = new RecordingHandler();
        await using var database = await TestDatabase.CreateAsync(provider, s => s.AddSingleton<IOutboxHandler>(handler));
        var t0 = Instant.FromUtc(2026, 11, 2, 9, 0);
        await StageAsync(database, [("k1", t0), ("k2", t0 + Duration.FromMinutes(1)), ("k3", t0 + Duration.FromMinutes(2))]);

        // A node claimed k1 and k2 and then died: they stay its until its lease runs out; k3 is free.
        var lease = OutboxOptions.Default.Lease;
        await using (var scope = database.Scope())
        {
            var until = Instant.FromDateTimeOffset(database.Time.GetUtcNow()) + lease;
            await scope.ServiceProvider.GetRequiredService<ParleyDbContext>().Set<OutboxMessage>()
                .Where(m => m.IdempotencyKey == "k1" || m.IdempotencyKey == "k2")
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.ClaimId, Guid.CreateVersion7()).SetProperty(m => m.ClaimedUntil, until), Ct);
        }

        (await DispatchAsync(database)).ShouldBe(1);
        handler.Delivered.ShouldBe(["k3"]);

        database.Time.Advance(lease.ToTimeSpan() - TimeSpan.FromSeconds(1));
        (await DispatchAsync(database)).ShouldBe(0);

        database.Time.Advance(TimeSpan.FromSeconds(1));
        (await DispatchAsync(database)).ShouldBe(2);
        handler.Delivered.ShouldBe(["k3", "k1", "k2"]);
        await using var check = database.Scope();
        (await check.ServiceProvider.GetRequiredService<ParleyDbContext>().Set<OutboxMessage>().CountAsync(m => m.ClaimId != null || m.DispatchedAt == null, Ct)).ShouldBe(0);
    }

    [Theory]
    [DatabaseProviders]
    public async Task Passes_running_at_once_never_hand_over_one_message_twice(DatabaseProvider provider)
    {
        var handler = new ConcurrentRecordingHandler();
        await using var database = await TestDatabase.CreateAsync(provider, s => s.AddSingleton<IOutboxHandler>(handler));
        var t0 = Instant.FromUtc(2026, 11, 2, 9, 0);
        var keys = Enumerable.Range(0, 450).Select(i => ($"k{i:D3}", t0 + Duration.FromSeconds(i))).ToArray();
        await StageAsync(database, keys);

        // Four passes at once, each going on until it finds nothing, as four nodes' dispatchers would.
        var passes = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (await DispatchAsync(database) > 0)
            {
            }
        }));
        await Task.WhenAll(passes);

        handler.Delivered.Count.ShouldBe(keys.Length);
        handler.Delivered.Distinct(StringComparer.Ordinal).Count().ShouldBe(keys.Length);
        await using var check = database.Scope();
        (await check.ServiceProvider.GetRequiredService<ParleyDbContext>().Set<OutboxMessage>().CountAsync(m => m.DispatchedAt == null, Ct)).ShouldBe(0);
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_plans_milestones_reach_the_account_history_once_even_when_delivered_twice(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var accountId = await ArrangementsTestHost.SeedAccountAsync(database);
        await using (var scope = database.Scope())
        {
            var plan = await scope.ServiceProvider.GetRequiredService<ProposeArrangement>()
                .HandleAsync(Staff.Acting("agent", StaffRoles.Agent), new ProposeArrangementRequest(accountId, null, Frequency.Monthly, 100m, new NodaTime.LocalDate(2026, 12, 1)), Ct);
            await scope.ServiceProvider.GetRequiredService<ActivateArrangement>().HandleAsync(Staff.Acting("agent", StaffRoles.Agent), new ActivateArrangementRequest(accountId, plan.Id), Ct);
        }

        (await DispatchAsync(database)).ShouldBe(2);

        // At least once: hand the activation over again, as after a crash before the delivery was marked.
        await using (var scope = database.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
            var activated = await db.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.Type == "arrangements.activated", Ct);
            foreach (var handler in scope.ServiceProvider.GetServices<IOutboxHandler>().Where(h => h.EventType == activated.Type))
            {
                await handler.HandleAsync(activated, Ct);
                await handler.HandleAsync(activated, Ct);
            }

            await db.SaveChangesAsync(Ct);
            var history = await db.Set<Accounts.Domain.AccountChange>().Where(c => c.AccountId == accountId && c.Field == "arrangement").Select(c => c.NewValue).ToListAsync(Ct);
            history.ShouldBe(["active"]);
        }
    }

    private static async Task StageAsync(TestDatabase database, (string Key, Instant At)[] messages)
    {
        await using var scope = database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        foreach (var (key, at) in messages)
        {
            db.AddOutboxMessage("arrangements.proposed", "{}", at, key);
        }

        await db.SaveChangesAsync(Ct);
    }

    /// <summary>One pass in a fresh scope, as a (re)started host runs it: all it knows is in the database.</summary>
    private static async Task<int> DispatchAsync(TestDatabase database)
    {
        await using var scope = database.Scope();
        return await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(Ct);
    }
}
