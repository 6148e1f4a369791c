using Parley.Modules.Outreach.Contracts;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;
using Quartz;

namespace Parley.Web.Jobs;

/// <summary>Once a day (and at start), plans the next 24 hours of contacts for every open account; a day planned twice plans nothing new.</summary>
[DisallowConcurrentExecution]
public sealed class OutreachPlanningJob(IServiceScopeFactory scopes, ILogger<OutreachPlanningJob> logger) : IJob
{
    private static readonly Actor Job = Actor.System("outreach-planning");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var plan = await scope.ServiceProvider.GetRequiredService<IUseCase<PlanOutreachRequest, OutreachPlanSummary>>()
            .HandleAsync(Job, new PlanOutreachRequest(), cancellationToken);
        logger.LogInformation(
            "Outreach plan for {Day}: {Planned} planned, {Blocked} blocked by a rule, {NotDue} not due, {AlreadyPlanned} already planned, {LeftAlone} left alone of {Accounts} account(s)",
            plan.Day, plan.Planned, plan.Blocked, plan.NotDue, plan.AlreadyPlanned, plan.LeftAlone, plan.AccountsRead);
    }
}
