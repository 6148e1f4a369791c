using Quartz;

namespace Parley.Web.Jobs;

/// <summary>One periodic job: its key (the same on every node), its class, and its period unless configured otherwise.</summary>
public sealed record ScheduledJob(JobKey Key, Type JobType, string SettingName, TimeSpan DefaultInterval)
{
    /// <summary>The configuration key of its period, e.g. <c>Parley:Jobs:OutboxDispatch:Interval</c>.</summary>
    public string IntervalKey => $"{JobsSetup.Section}:{SettingName}:Interval";
}

/// <summary>The host's periodic jobs. Keys are stable: in a cluster every node schedules the same job under the same key.</summary>
public static class ParleyJobs
{
    public const string Group = "parley";

    public static readonly JobKey HoldResumption = new("hold-resumption", Group);
    public static readonly JobKey ArrangementMonitor = new("arrangement-monitor", Group);
    public static readonly JobKey Accrual = new("accrual", Group);
    public static readonly JobKey OutboxDispatch = new("outbox-dispatch", Group);
    public static readonly JobKey OutreachPlanning = new("outreach-planning", Group);
    public static readonly JobKey OutreachSending = new("outreach-sending", Group);
    public static readonly JobKey InboundMailbox = new("inbound-mailbox", Group);
    public static readonly JobKey CareRetention = new("care-retention", Group);

    public static IReadOnlyList<ScheduledJob> All { get; } =
    [
        new(HoldResumption, typeof(HoldResumptionJob), "HoldResumption", TimeSpan.FromMinutes(1)),
        new(ArrangementMonitor, typeof(ArrangementMonitorJob), "ArrangementMonitor", TimeSpan.FromMinutes(5)),
        new(Accrual, typeof(AccrualJob), "Accrual", TimeSpan.FromHours(1)),
        new(OutboxDispatch, typeof(OutboxDispatchJob), "OutboxDispatch", TimeSpan.FromSeconds(5)),
        new(OutreachPlanning, typeof(OutreachPlanningJob), "OutreachPlanning", TimeSpan.FromDays(1)),
        new(OutreachSending, typeof(OutreachSendingJob), "OutreachSending", TimeSpan.FromSeconds(30)),
        new(InboundMailbox, typeof(InboundMailboxJob), "InboundMailbox", TimeSpan.FromMinutes(1)),
        new(CareRetention, typeof(CareRetentionJob), "CareRetention", TimeSpan.FromDays(1)),
    ];
}
