using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Parley.Modules.Payments.Domain;
using Parley.Modules.Payments.Webhooks;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.Testing;
using Shouldly;
using static Parley.Modules.Payments.Tests.LedgerTestKit;

namespace Parley.Modules.Payments.Tests;

public sealed class WebhookEventMigrationTests
{
    [Theory]
    [DatabaseProviders]
    public async Task Upgrading_binds_each_event_posted_before_to_the_first_account_and_body_it_posted_with(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var scope = database.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
            var migrations = db.Database.GetMigrations().ToList();
            var before = migrations[migrations.FindIndex(m => m.EndsWith("_WebhookEventBindings", StringComparison.Ordinal)) - 1];
            await db.GetService<IMigrator>().MigrateAsync(before, ct);
        }

        var (first, second) = (AccountId.New(), AccountId.New());
        await database.PlaceAsync(Placement(first, 100_00, 0, 0, "first"), Placement(second, 100_00, 0, 0, "second"));
        // The hole this migration closes: one event id posted on two accounts; the earlier posting is the one that stands.
        await database.PostAsync(first, a => a.ReceivePayment(10_00, new Posting("evt_old", At, At, "Payment by card", "hash-of-first-body", "sandbox", "ch_1")));
        await database.PostAsync(second, a => a.ReceivePayment(10_00, new Posting("evt_old", At, At + Duration.FromMinutes(1), "Payment by card", "hash-of-second-body", "sandbox", "ch_1")));
        await database.PostAsync(second, a => a.ReceivePayment(5_00, new Posting("evt_new", At, At, "Payment by card", "hash-of-new-body", "sandbox", "ch_2")));
        await database.PostAsync(first, a => a.ReceivePayment(1_00, Posting("staff-key")));

        await using (var scope = database.Scope())
        {
            await DatabaseMigrator.MigrateAsync(scope.ServiceProvider.GetRequiredService<ParleyDbContext>(), ct);
        }

        await using var read = database.Scope();
        var bound = await read.ServiceProvider.GetRequiredService<ParleyDbContext>().Set<WebhookEvent>().AsNoTracking().OrderBy(e => e.EventId).ToListAsync(ct);
        bound.Select(e => (e.Provider, e.EventId, e.AccountId, e.BodyHash)).ShouldBe(
        [
            ("sandbox", "evt_new", second, "hash-of-new-body"),
            ("sandbox", "evt_old", first, "hash-of-first-body"),
        ]);
    }
}
