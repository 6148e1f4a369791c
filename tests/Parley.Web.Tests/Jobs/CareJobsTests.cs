using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Care.Contracts;
using Parley.Modules.Care.Domain;
using Parley.Modules.Outreach.Channels;
using Parley.Modules.Outreach.Contracts;
using Parley.Persistence;
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
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_customers_reply_becomes_a_dispute_hold_and_a_validation_task_by_itself()
    {
        await using var factory = await ScheduledHost.StartAsync();
        await ScheduledHost.PlaceAsync(factory, "care-jobs.csv",
            "ACME-CARD,C-1,Ada,Lovelace,1985-12-10,en-US,1 Main St,,Boston,02110,US-MA,,,,,,ada@example.com,personal,yes,ADA-1,credit_card,,USD,1000.00,,,,,45,,open,");

        var sent = await ScheduledHost.UntilAsync(factory, async db => await db.Set<DevOutboxMessage>().AsNoTracking().ToListAsync(Ct), o => o.Count == 1, () => "the jobs sent the validation notice", TheNoticesHourComesAsync);
        var scopes = factory.Services.GetRequiredService<IServiceScopeFactory>();
        var reply = await scopes.RunAsync<ReplyToDevOutboxMessageRequest, InboundResult>(GuardedWorld.Admin, new ReplyToDevOutboxMessageRequest(sent[0].Id, "this isn't my debt"));
        reply.Handling.ShouldBe(InboundHandling.Stored);

        var account = sent[0].AccountId;
        var task = await ScheduledHost.UntilAsync(factory, async db => await db.Set<CareItem>().AsNoTracking().Where(i => i.AccountId == account).ToListAsync(Ct), i => i.Count > 0, () => "Care read the reply");
        task.ShouldHaveSingleItem().Kind.ShouldBe(CareItemKind.ValidationTask);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        (await db.Set<Hold>().AsNoTracking().Where(h => h.AccountId == account).ToListAsync(Ct)).ShouldHaveSingleItem().Type.ShouldBe(HoldType.Dispute);
        var reading = await db.Set<CareReading>().AsNoTracking().SingleAsync(Ct);
        reading.Evidence.ShouldContain(e => e.Code == "not-mine" && e.PhraseIn(reading.Text).Contains("my debt", StringComparison.Ordinal));

        // The planned notice's hour comes on the test clock.
        async Task TheNoticesHourComesAsync(ParleyDbContext db)
        {
            if (await db.Set<Parley.Modules.Outreach.Planning.PlannedContact>().AsNoTracking().Select(p => (NodaTime.Instant?)p.ScheduledAt).MaxAsync(Ct) is { } due
                && due.ToDateTimeOffset() > factory.Time.GetUtcNow())
            {
                factory.Time.SetUtcNow(due.ToDateTimeOffset().AddSeconds(1));
            }
        }
    }
}
