using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Outreach.Channels;
using Parley.Modules.Outreach.Contracts;
using Parley.Modules.Outreach.Planning;
using Parley.Persistence;

namespace Parley.Web.Tests.Jobs;

/// <summary>
/// The outreach jobs as deployed, with the scheduler on: the planning job plans the imported accounts by itself, and
/// once their hour comes the sending job sends them to the development outbox — no one calls a use case. The
/// scheduler runs on the host's clock, the test's fake one, so each poll moves it a second and the jobs fire on it.
/// </summary>
public sealed class OutreachJobsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_scheduled_jobs_plan_the_day_and_send_each_contact_once_when_its_hour_comes()
    {
        await using var factory = await ScheduledHost.StartAsync();
        factory.ServerLog.MinimumLevel = Microsoft.Extensions.Logging.LogLevel.Information;
        var run = await ScheduledHost.PlaceAsync(factory, "jobs.csv",
            "ACME-CARD,C-1,Ada,Lovelace,1985-12-10,en-US,1 Main St,,Boston,02110,US-MA,,,,,,ada@example.com,personal,yes,ADA-1,credit_card,,USD,1000.00,,,,,45,,open,",
            "ACME-CARD,C-2,Grace,Hopper,1980-01-01,en-US,2 Main St,,Boston,02110,US-MA,,,,,,grace@example.com,personal,yes,GRACE-1,credit_card,,USD,500.00,,,,,45,,open,");
        (run.RowsAccepted, run.RowsRejected).ShouldBe((2L, 0L));

        var planned = await ScheduledHost.UntilAsync(factory, async db => await db.Set<PlannedContact>().AsNoTracking().ToListAsync(Ct), p => p.Count == 2,
            () => "the planning job planned both accounts; log: " + string.Join(" | ", factory.ServerLog.Entries.Where(e => e.Contains("utreach", StringComparison.Ordinal) || e.Contains("job", StringComparison.OrdinalIgnoreCase)).TakeLast(12)));
        planned.ShouldAllBe(p => p.Step == OutreachStep.ValidationNotice && p.Channel == ContactChannel.Email);

        // Their hour comes on the test clock; the next passes of the sending job find them due.
        var last = planned.Max(p => p.ScheduledAt).ToDateTimeOffset();
        if (last > factory.Time.GetUtcNow())
        {
            factory.Time.SetUtcNow(last.AddSeconds(1));
        }

        var outbox = await ScheduledHost.UntilAsync(factory, async db => await db.Set<DevOutboxMessage>().AsNoTracking().ToListAsync(Ct), o => o.Count == 2, () => "the sending job sent both");
        outbox.Select(m => m.To).Order().ShouldBe(["ada@example.com", "grace@example.com"]);
        outbox.ShouldAllBe(m => m.Text.Contains("debt collector", StringComparison.OrdinalIgnoreCase));

        // Further passes send nothing twice.
        for (var i = 0; i < 5; i++)
        {
            factory.Time.Advance(TimeSpan.FromSeconds(3));
            await Task.Delay(TimeSpan.FromMilliseconds(500), Ct);
        }

        await using var scope = factory.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        (await context.Set<DevOutboxMessage>().CountAsync(Ct)).ShouldBe(2);
        (await context.Set<PlannedContact>().AsNoTracking().ToListAsync(Ct)).ShouldAllBe(p => p.Status == PlannedContactStatus.Sent);
    }
}
