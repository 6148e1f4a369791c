using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Parley.Persistence;
using Parley.Testing;
using Parley.Web.Jobs;

namespace Parley.Web.Tests.Jobs;

/// <summary>The inbound-mailbox job in the real host: a mailbox that is down is logged and polled again next period.</summary>
public sealed class InboundMailboxJobTests
{
    [Theory]
    [DatabaseProviders]
    public async Task A_mailbox_that_is_down_is_logged_without_failing_and_the_next_pass_reads_it(DatabaseProvider provider)
    {
        var port = LoopbackImapServer.FreePort();
        await using var factory = await ParleyWebFactory.CreateAsync(provider, settings: new Dictionary<string, string?>
        {
            ["Outreach:Email:Imap:Host"] = "127.0.0.1",
            ["Outreach:Email:Imap:Port"] = port.ToString(CultureInfo.InvariantCulture),
            ["Outreach:Email:Imap:Security"] = "None",
            ["Outreach:Email:Imap:User"] = LoopbackImapServer.User,
            ["Outreach:Email:Imap:Password"] = LoopbackImapServer.Password,
        });
        var job = ActivatorUtilities.CreateInstance<InboundMailboxJob>(factory.Services);

        await job.Execute(null!, TestContext.Current.CancellationToken);

        factory.ServerLog.Entries.ShouldContain(e => e.Contains("Inbound mailbox: the poll failed", StringComparison.Ordinal) && e.Contains("runs again next period", StringComparison.Ordinal));

        await using var imap = LoopbackImapServer.Start(port);
        var stranger = imap.Deliver("From: someone@elsewhere.example\r\nTo: replies@collect.example.com\r\nSubject: Hello\r\nMessage-ID: <x@elsewhere.example>\r\n\r\nWho are you?\r\n");

        await job.Execute(null!, TestContext.Current.CancellationToken);

        imap.Find(stranger)!.Value.Flags.ShouldContain("\\Flagged");
        factory.ServerLog.Entries.Count(e => e.Contains("Inbound mailbox: the poll failed", StringComparison.Ordinal)).ShouldBe(1);
        factory.ServerLog.Entries.ShouldAllBe(e => !e.Contains("someone@elsewhere.example", StringComparison.Ordinal));
    }
}
