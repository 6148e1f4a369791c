using NodaTime;
using Parley.SharedKernel;

namespace Parley.Modules.Arrangements.Plans;

public sealed record InstalmentView(int Number, LocalDate Due, LocalDate DueAfterHolds, decimal Amount, decimal Paid, string Status);

public sealed record StatusChangeView(string? From, string To, Instant At, string By, string? Reason);

/// <summary>
/// A plan as the API shows it: terms, state, schedule with what has been paid, and history; whether it freezes interest
/// and fees, how it compares with the affordable amount, every way it is outside the creditor's policy
/// (<see cref="Breaches"/>) and (on the list) the freeze in force on the account now.
/// </summary>
public sealed record ArrangementView(
    ArrangementId Id,
    AccountId AccountId,
    string Shape,
    string Frequency,
    string Currency,
    decimal Balance,
    decimal Settles,
    LocalDate Start,
    string Status,
    string Approval,
    string? ApprovalReason,
    string? ApprovedBy,
    string CreatedBy,
    Instant CreatedAt,
    Instant? ActivatedAt,
    Instant? ClosedAt,
    string? CloseReason,
    bool ReplanOffered,
    bool Paused,
    decimal Paid,
    decimal Unallocated,
    int GraceDays,
    int AllowedMisses,
    IReadOnlyList<InstalmentView> Instalments,
    IReadOnlyList<StatusChangeView> History,
    bool InterestAndFeesFrozen = false,
    decimal? Affordable = null,
    bool AboveAffordable = false,
    bool ChosenAboveAffordable = false,
    string? ChargeFreeze = null,
    IReadOnlyList<PolicyBreach>? Breaches = null)
{
    public static ArrangementView Of(Arrangement a)
    {
        decimal Major(long minor) => Money.FromMinorUnits(minor, a.Currency).Amount;
        return new(
            a.Id,
            a.AccountId,
            a.Shape,
            Schedules.PlanText.Name(a.Frequency),
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
