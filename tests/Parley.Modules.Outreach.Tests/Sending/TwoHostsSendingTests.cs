using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Parley.Modules.Outreach.Contracts;
using Parley.Modules.Outreach.Domain;
using Parley.Persistence;
using Parley.Testing;
using Shouldly;
using static Parley.Modules.Outreach.Tests.Planning.PlanningTestData;

namespace Parley.Modules.Outreach.Tests.Sending;

/// <summary>Two hosts sending from one PostgreSQL database: racing, and one killed in the middle of a send. Each message leaves once.</summary>
public sealed class TwoHostsSendingTests
{
    private static async Task<(TestDatabase Database, SendDueContactsTests.Channels Channels, ServiceProvider Other)> StartAsync(int accounts)
    {
        SendDueContactsTests.Channels? channels = null;
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres, s => channels = SendDueContactsTests.Register(s));
        // The second host: its own services and connections on the same database, the same clock and the same outside world.
        var other = database.ComposeServices(s =>
        {
            s.AddSingleton<TimeProvider>(database.Time);
            SendDueContactsTests.Register(s, channels);
        });
        await SeedAsync(database, accounts);
        (await PlanAsync(database)).Planned.ShouldBe(accounts);
        var last = (await PlannedAsync(database)).Max(p => p.ScheduledAt);
        database.Time.Advance((last - database.Services.GetRequiredService<IClock>().GetCurrentInstant()).ToTimeSpan() + TimeSpan.FromSeconds(1));
        return (database, channels!, other);
    }

    [Fact]
    public async Task Two_hosts_racing_claim_disjoint_batches_and_hand_each_message_over_once()
    {
        var (database, channels, other) = await StartAsync(250);
        await using var _ = database;
        await using var __ = other;

        var runs = await Task.WhenAll(SendAsync(database.Services), SendAsync(other));

        runs.Sum(r => r.Sent).ShouldBe(250);
        channels.Email.HandedOver.Count.ShouldBe(250);
        channels.Email.HandedOver.Select(m => m.IdempotencyKey).Distinct().Count().ShouldBe(250);
        (await PlannedAsync(database)).ShouldAllBe(p => p.Status == PlannedContactStatus.Sent);
    }

    [Fact]
    public async Task A_host_killed_after_the_provider_took_a_message_is_taken_over_when_its_lease_runs_out_and_the_message_is_not_sent_twice()
    {
        var (database, channels, other) = await StartAsync(40);
        await using var _ = database;
        await using var __ = other;
        var delivered = new TaskCompletionSource();
        var released = new TaskCompletionSource();
        var frozen = 0;
        channels.Email.AfterDelivery = async message =>
        {
            if (Interlocked.Exchange(ref frozen, 1) == 0)
            {
                // Host A "dies" here: the provider has the message, A never records that it was sent.
                delivered.SetResult();
                await released.Task;
            }
        };

        var hostA = SendAsync(database.Services);
        await delivered.Task;
        (await SendAsync(other)).Claimed.ShouldBe(0);

        // A's lease runs out; host B takes the whole batch over, the one A was sending included.
        database.Time.Advance(TimeSpan.FromMinutes(3));
        var hostB = await SendAsync(other);
        hostB.ShouldBe(new SendRunSummary(40, 40, 0, 0, 0, 0, 0));

        released.SetResult();
        await hostA;

        channels.Email.Delivered.Count.ShouldBe(40);
        var handedOver = channels.Email.HandedOver.GroupBy(m => m.IdempotencyKey).ToList();
        handedOver.Count.ShouldBe(40);
        handedOver.Count(g => g.Count() == 2).ShouldBe(1);
        var planned = await PlannedAsync(database);
        planned.ShouldAllBe(p => p.Status == PlannedContactStatus.Sent);
        await using var scope = database.Scope();
        var attempts = scope.ServiceProvider.GetRequiredService<ParleyDbContext>().Set<ContactAttempt>().ToList();
        attempts.Count.ShouldBe(40);
        attempts.Select(a => a.AccountId).Distinct().Count().ShouldBe(40);
    }
}
