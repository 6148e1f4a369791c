using Parley.SharedKernel;

namespace Parley.Modules.Arrangements.Plans;

/// <summary>A plan as the API and the account page show it (<see cref="ArrangementView"/>).</summary>
internal static class ArrangementViews
{
    public static ArrangementView Of(Arrangement a)
    {
        decimal Major(long minor) => Money.FromMinorUnits(minor, a.Currency).Amount;
        return new(
            a.Id,
            a.AccountId,
            PlanInputText.ParseShape(a.Shape) ?? new PlanShapeSpec.Fixed(),
            a.Frequency,
            a.Currency.Code,
            Major(a.BalanceMinor),
            Major(a.SettlesMinor),
            a.Start,
            ArrangementEvents.StatusName(a.Status),
            a.Approval switch
            {
                ApprovalState.NotNeeded => "not_needed",
                ApprovalState.Pending => "pending",
                ApprovalState.Approved => "approved",
            },
            a.ApprovalReason,
            a.ApprovedBy,
            a.CreatedBy,
            a.CreatedAt,
            a.ActivatedAt,
            a.ClosedAt,
            a.CloseReason,
            a.ReplanOffered,
            a.Paused,
            Major(a.Instalments.Sum(i => i.PaidMinor)),
            Major(a.UnallocatedMinor),
            a.Policy.GraceDays,
            a.Policy.AllowedMisses,
            [.. a.Instalments.OrderBy(i => i.Number).Select(i => new InstalmentView(i.Number, i.Due, i.DueAfterHolds, Major(i.AmountMinor), Major(i.PaidMinor), i.Status switch
            {
                InstalmentStatus.Pending => "pending",
                InstalmentStatus.PartlyPaid => "partly_paid",
                InstalmentStatus.Paid => "paid",
                InstalmentStatus.Missed => "missed",
            }))],
            [.. a.History.OrderBy(h => h.At).Select(h => new StatusChangeView(h.From is { } f ? ArrangementEvents.StatusName(f) : null, ArrangementEvents.StatusName(h.To), h.At, h.By, h.Reason))],
            a.InterestAndFeesFrozen,
            a.AffordableMinor is { } affordable ? Major(affordable) : null,
            a.AboveAffordable,
            a.ChosenAboveAffordable,
            null,
            a.Breaches);
    }
}
