using Parley.Modules.Outreach.Contracts;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;
using Quartz;

namespace Parley.Web.Jobs;

/// <summary>
/// Every minute, takes in the replies and bounces waiting in the inbound mailbox (<c>Outreach:Email:Imap</c>; without a
/// host the pass does nothing). A mailbox that cannot be reached is logged and polled again next period.
/// </summary>
[DisallowConcurrentExecution]
public sealed class InboundMailboxJob(IServiceScopeFactory scopes, ILogger<InboundMailboxJob> logger) : IJob
{
    private static readonly Actor Job = Actor.System("inbound-mailbox");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        MailboxPollSummary run;
        try
        {
            run = await scope.ServiceProvider.GetRequiredService<IUseCase<PollMailboxRequest, MailboxPollSummary>>()
                .HandleAsync(Job, new PollMailboxRequest(), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The mailbox down, refusing the login or dropping the connection: nothing was marked, so the next pass reads it all again.
            logger.LogWarning("Inbound mailbox: the poll failed ({Error}: {Reason}); it runs again next period", e.GetType().Name, e.Message);
            return;
        }

        if (run.Read > 0 || run.Failed > 0)
        {
            logger.LogInformation(
                "Inbound mailbox: {Read} read, {Stored} stored, {Bounces} delivery report(s), {Unsubscribes} unsubscribe(s), {Duplicates} already stored, {UnknownSenders} unknown sender(s), {Unreadable} unreadable, {Failed} to retry, {GivenUp} given up",
                run.Read, run.Stored, run.Bounces, run.Unsubscribes, run.Duplicates, run.UnknownSenders, run.Unreadable, run.Failed, run.GivenUp);
        }
    }
}
