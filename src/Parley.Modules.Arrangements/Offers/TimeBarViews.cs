using Parley.Modules.Compliance.Contracts;

namespace Parley.Modules.Arrangements.Offers;

/// <summary>A time-barred debt as the offers show it (<see cref="TimeBarView"/>), from the Compliance module's notice.</summary>
internal static class TimeBarViews
{
    public static TimeBarView? Of(TimeBarNotice? notice) => notice is null ? null : new(
        notice.StatuteOfLimitationsDate,
        notice.Revival switch
        {
            LimitationRevival.MayRestart => "may_restart",
            LimitationRevival.DoesNotRestart => "does_not_restart",
        },
        notice.RevivalNotice.Text,
        notice.Disclosures);

    /// <summary>The reason every offer on a time-barred debt carries: whether paying restarts the time limit.</summary>
    public static OfferReasonView Reason(TimeBarNotice notice) => new("time_barred", notice.RevivalNotice.Text, notice.RevivalNotice.RuleId);
}
