using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Care.Contracts;
using Parley.Modules.Care.Domain;
using Parley.Modules.Outreach.Channels;
using Parley.Modules.Outreach.Contracts;
using Parley.Persistence;
using Parley.Testing;
using Parley.Web.Jobs;
using Parley.Web.Tests.Guarded;
using Parley.Web.Ui.Shared;

namespace Parley.Web.Tests.Jobs;

/// <summary>
/// The done-when journey with the scheduler on: the jobs send the validation notice to the development outbox, the
/// customer replies "this isn't my debt" (the dev outbox's reply), and the outbox job hands the reply to Care, which puts
/// the account on dispute hold with a validation task and the phrase as evidence — no one calls a use case.
/// </summary>
public sealed class CareJobsTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_customers_reply_becomes_a_dispute_hold_and_a_validation_task_by_itself()
    {
        var settings = new Dictionary<string, string?> { ["Parley:Jobs:Enabled"] = "true" };
        foreach (var job in ParleyJobs.All)
        {
            settings[job.IntervalKey] = "00:00:02";
        }

        await using var factory = await ParleyWebFactory.CreateAsync(DatabaseProvider.Sqlite, settings: settings);
        var scopes = factory.Services.GetRequiredService<IServiceScopeFactory>();
        await scopes.RunAsync<CreateCreditorRequest, CreditorView>(GuardedWorld.Admin, new CreateCreditorRequest("ACME-CARD", "Acme Card Services", "USD"));
        using (var file = new MemoryStream(GuardedWorld.PlacementFile(
            "ACME-CARD,C-1,Ada,Lovelace,1985-12-10,en-US,1 Main St,,Boston,02110,US-MA,,,,,,ada@example.com,personal,yes,ADA-1,credit_card,,USD,1000.00,,,,,45,,open,")))
        {
            await scopes.RunAsync<ImportPlacementsRequest, ImportRunSummary>(GuardedWorld.Admin, new ImportPlacementsRequest(file, "care-jobs.csv", DryRun: false));
        }

        var sent = await UntilAsync(async db => await db.Set<DevOutboxMessage>().AsNoTracking().ToListAsync(Ct), o => o.Count == 1, factory, "the jobs sent the validation notice", advanceToDue: true);
        var reply = await scopes.RunAsync<ReplyToDevOutboxMessageRequest, InboundResult>(GuardedWorld.Admin, new ReplyToDevOutboxMessageRequest(sent[0].Id, "this isn't my debt"));
        reply.Handling.ShouldBe(InboundHandling.Stored);

        var account = sent[0].AccountId;
        var task = await UntilAsync(async db => await db.Set<CareItem>().AsNoTracking().Where(i => i.AccountId == account).ToListAsync(Ct), i => i.Count > 0, factory, "Care read the reply");
        task.ShouldHaveSingleItem().Kind.ShouldBe(CareItemKind.ValidationTask);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        (await db.Set<Hold>().AsNoTracking().Where(h => h.AccountId == account).ToListAsync(Ct)).ShouldHaveSingleItem().Type.ShouldBe(HoldType.Dispute);
        var reading = await db.Set<CareReading>().AsNoTracking().SingleAsync(Ct);
        reading.Evidence.ShouldContain(e => e.Code == "not-mine" && e.Phrase.Contains("my debt", StringComparison.Ordinal));
    }

    private static async Task<T> UntilAsync<T>(Func<ParleyDbContext, Task<T>> read, Func<T, bool> done, ParleyWebFactory factory, string what, bool advanceToDue = false)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            await using (var scope = factory.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
                var value = await read(db);
                if (done(value))
                {
                    return value;
                }

                if (waited.Elapsed > Deadline)
                {
                    throw new TimeoutException($"Waited {Deadline} for {what}.");
                }

                // The planned notice's hour comes on the test clock.
                if (advanceToDue && await db.Set<Parley.Modules.Outreach.Planning.PlannedContact>().AsNoTracking().Select(p => (NodaTime.Instant?)p.ScheduledAt).MaxAsync(Ct) is { } due
                    && due.ToDateTimeOffset() > factory.Time.GetUtcNow())
                {
                    factory.Time.SetUtcNow(due.ToDateTimeOffset().AddSeconds(1));
                }
            }

            factory.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(TimeSpan.FromMilliseconds(250), Ct);
        }
    }
}
