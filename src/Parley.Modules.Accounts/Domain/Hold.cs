using System.Linq.Expressions;
using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.SharedKernel;

namespace Parley.Modules.Accounts.Domain;

/// <summary>
/// A pause on collection for a customer (all their accounts) or one account. Never deleted: ending one records
/// who ended it and why, so the holds of an account are its hold history.
/// </summary>
public sealed class Hold
{
    private Hold()
    {
        Reason = "";
        SetBy = "";
    }

    public Hold(CustomerId customerId, AccountId? accountId, HoldType type, Instant startsAt, Instant? plannedEndAt, bool resumesAutomatically, string reason, string setBy)
    {
        if (plannedEndAt is { } end && end <= startsAt)
        {
            throw new DomainException(new HoldPlannedEndBeforeStart());
        }

        Id = HoldId.New();
        CustomerId = customerId;
        AccountId = accountId;
        Type = type;
        StartsAt = startsAt;
        PlannedEndAt = plannedEndAt;
        ResumesAutomatically = resumesAutomatically && plannedEndAt is not null;
        Reason = reason;
        SetBy = setBy;
    }

    public HoldId Id { get; private set; }

    public CustomerId CustomerId { get; private set; }

    /// <summary>The one account held, or null when the hold covers all of the customer's accounts.</summary>
    public AccountId? AccountId { get; private set; }

    public HoldType Type { get; private set; }

    public Instant StartsAt { get; private set; }

    public Instant? PlannedEndAt { get; private set; }

    /// <summary>Collection resumes by itself at the planned end (e.g. Breathing Space's 60 days).</summary>
    public bool ResumesAutomatically { get; private set; }

    public string Reason { get; private set; }

    public string SetBy { get; private set; }

    public Instant? EndedAt { get; private set; }

    public string? EndedBy { get; private set; }

    public string? EndReason { get; private set; }

    /// <summary>The one definition of "active", used by queries (translated to SQL) and in memory alike.</summary>
    private static readonly Expression<Func<Hold, Instant, bool>> Active = (h, at) =>
        h.StartsAt <= at
        && (h.EndedAt == null || at < h.EndedAt)
        && !(h.ResumesAutomatically && h.PlannedEndAt != null && at >= h.PlannedEndAt);

    private static readonly Func<Hold, Instant, bool> IsActive = Active.Compile();

    public static Expression<Func<Hold, bool>> ActiveAt(Instant at) =>
        Expression.Lambda<Func<Hold, bool>>(new BindInstant(Active.Parameters[1], at).Visit(Active.Body), Active.Parameters[0]);

    public bool IsActiveAt(Instant at) => IsActive(this, at);

    public void End(Instant at, string endedBy, string reason)
    {
        if (EndedAt is not null)
        {
            throw new DomainException(new HoldAlreadyEnded(Id));
        }

        EndedAt = at < StartsAt ? StartsAt : at;
        EndedBy = endedBy;
        EndReason = reason;
    }

    /// <summary>Stamps the automatic resumption once its planned end has passed, so history shows when it ended.</summary>
    public bool ResumeIfDue(Instant now)
    {
        if (EndedAt is null && ResumesAutomatically && PlannedEndAt is { } end && now >= end)
        {
            EndedAt = end;
            EndedBy = "system";
            EndReason = "Planned end reached; collection resumed automatically.";
            return true;
        }

        return false;
    }
}

public sealed record HoldPlannedEndBeforeStart() : DomainError("hold.planned_end_before_start", "A hold's planned end must be after its start.", ErrorKind.Validation);

public sealed record HoldAlreadyEnded(HoldId HoldId) : DomainError("hold.already_ended", $"Hold {HoldId} has already ended.", ErrorKind.Conflict);

/// <summary>Binds the instant parameter of a hold predicate so EF Core sees a one-parameter lambda.</summary>
internal sealed class BindInstant(ParameterExpression parameter, Instant value) : ExpressionVisitor
{
    protected override Expression VisitParameter(ParameterExpression node) =>
        node == parameter ? Expression.Constant(value) : base.VisitParameter(node);
}
