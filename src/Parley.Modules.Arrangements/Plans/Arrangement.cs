using NodaTime;
using Parley.Modules.Arrangements.Schedules;
using Parley.SharedKernel;

namespace Parley.Modules.Arrangements.Plans;

public enum InstalmentStatus
{
    Pending,
    PartlyPaid,
    Paid,
    Missed,
}

/// <summary>The creditor's policy as it was when the plan was proposed, kept with the plan so later policy changes do not rewrite it.</summary>
public sealed record PolicySnapshot(long MinimumInstalmentMinor, decimal SettlementDiscountMinPercent, decimal SettlementDiscountMaxPercent, int GraceDays, int AllowedMisses);

/// <summary>
/// A repayment plan on one account: its terms and exact schedule, where it stands (status, approval) and its history.
/// Every state change is recorded in <see cref="History"/> and raised as an event the use case writes to the outbox in
/// the same SaveChanges.
/// </summary>
public sealed class Arrangement
{
    private readonly List<ArrangementInstalment> _instalments = [];
    private readonly List<ArrangementStatusChange> _history = [];
    private readonly List<ArrangementEvent> _events = [];

    private Arrangement()
    {
        Shape = "";
        ShapeName = "";
        CreatedBy = "";
        Currency = Currency.USD;
        Policy = null!;
    }

    public Arrangement(AccountId accountId, string shapeText, Schedule schedule, PolicySnapshot policy, IReadOnlyList<PolicyBreach>? breaches, string createdBy, Instant at)
    {
        breaches ??= [];
        var approvalReason = breaches.Count == 0 ? null : Truncate(string.Join("; ", breaches.Select(b => b.Text)), 500);
        Id = ArrangementId.New();
        AccountId = accountId;
        Shape = shapeText;
        ShapeName = schedule.Request.Shape.Name;
        Frequency = schedule.Request.Frequency;
        Currency = schedule.Balance.Currency;
        BalanceMinor = schedule.Balance.ToMinorUnits();
        SettlesMinor = schedule.Settles.ToMinorUnits();
        Start = schedule.Request.Start;
        Policy = policy;
        CreatedBy = createdBy;
        CreatedAt = at;
        ApprovalReason = approvalReason;
        BreachesText = PolicyBreach.Format(breaches);
        Approval = approvalReason is null ? ApprovalState.NotNeeded : ApprovalState.Pending;
        Status = approvalReason is null ? ArrangementStatus.Proposed : ArrangementStatus.AwaitingApproval;
        _instalments.AddRange(schedule.Instalments.Select(i => new ArrangementInstalment(Id, i.Number, i.Due, i.Amount.ToMinorUnits())));
        Record(null, Status, at, createdBy, approvalReason);
        Raise(ArrangementEventType.Proposed, at, approvalReason);
    }

    public ArrangementId Id { get; private set; }

    public AccountId AccountId { get; private set; }

    /// <summary>The shape as it was proposed, in <see cref="PlanInputText"/>'s words, e.g. <c>seasonal:skip=8</c>.</summary>
    public string Shape { get; private set; }

    public string ShapeName { get; private set; }

    public Frequency Frequency { get; private set; }

    public Currency Currency { get; private set; }

    /// <summary>The account's outstanding balance when the plan was proposed.</summary>
    public long BalanceMinor { get; private set; }

    /// <summary>What the instalments sum to (less than the balance for a settlement).</summary>
    public long SettlesMinor { get; private set; }

    public LocalDate Start { get; private set; }

    public PolicySnapshot Policy { get; private set; }

    public ArrangementStatus Status { get; private set; }

    public ApprovalState Approval { get; private set; }

    /// <summary>Why the plan is outside the creditor's policy (what the supervisor approves), or null: every breach's words, joined.</summary>
    public string? ApprovalReason { get; private set; }

    /// <summary>Every way the plan is outside the creditor's policy, each named (empty when inside it).</summary>
    public IReadOnlyList<PolicyBreach> Breaches => PolicyBreach.Parse(BreachesText);

    /// <summary>The breaches as stored (<see cref="PolicyBreach.Format"/>).</summary>
    private string BreachesText { get; set; } = "";

    public string? ApprovedBy { get; private set; }

    public Instant? ApprovedAt { get; private set; }

    public string CreatedBy { get; private set; }

    public Instant CreatedAt { get; private set; }

    public Instant? ActivatedAt { get; private set; }

    public Instant? ClosedAt { get; private set; }

    /// <summary>Why the plan was cancelled or broke.</summary>
    public string? CloseReason { get; private set; }

    /// <summary>Set when the plan broke: the customer is to be offered a new plan.</summary>
    public bool ReplanOffered { get; private set; }

    /// <summary>Net payments since activation beyond everything the plan asks for (credit), as last reconciled.</summary>
    public long UnallocatedMinor { get; private set; }

    /// <summary>A hold is on: nothing can be missed and the plan cannot break.</summary>
    public bool Paused { get; private set; }

    /// <summary>Interest and fees are frozen for the plan's life while it is active (the creditor allows it; the ledger refuses them through <c>IChargeFreezes</c>).</summary>
    public bool InterestAndFeesFrozen { get; private set; }

    /// <summary>The affordable instalment per period from the latest I&amp;E when the plan was proposed; null without an I&amp;E.</summary>
    public long? AffordableMinor { get; private set; }

    /// <summary>An instalment asks more than <see cref="AffordableMinor"/>: flagged, never refused.</summary>
    public bool AboveAffordable { get; private set; }

    /// <summary>The customer chose to pay more than the affordable amount (recorded with the plan; UK-CONC-NO-PRESSURE).</summary>
    public bool ChosenAboveAffordable { get; private set; }

    /// <summary>Optimistic concurrency: two nodes reconciling the same plan never both win.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<ArrangementInstalment> Instalments => _instalments;

    public IReadOnlyList<ArrangementStatusChange> History => _history;

    /// <summary>Events raised since load, for the outbox; cleared once staged.</summary>
    public IReadOnlyList<ArrangementEvent> PendingEvents => _events;

    public Tolerance Tolerance => new(Policy.GraceDays, Policy.AllowedMisses);

    public bool IsClosed => Status is ArrangementStatus.Completed or ArrangementStatus.Broken or ArrangementStatus.Cancelled;

    /// <summary>Sets, at proposal, whether the plan freezes interest and fees and how it compares with what the customer can afford.</summary>
    public void RecordTerms(bool interestAndFeesFrozen, long? affordableMinor, bool chosenAboveAffordable)
    {
        InterestAndFeesFrozen = interestAndFeesFrozen;
        AffordableMinor = affordableMinor;
        AboveAffordable = affordableMinor is { } affordable && _instalments.Any(i => i.AmountMinor > affordable);
        ChosenAboveAffordable = chosenAboveAffordable && AboveAffordable;
    }

    /// <summary>A supervisor's approval; never the proposer's own (four eyes), whatever their role.</summary>
    public void Approve(string by, Instant at)
    {
        if (Status != ArrangementStatus.AwaitingApproval)
        {
            throw new DomainException(new ArrangementStateConflict(Id, Status, "approved"));
        }

        if (string.Equals(by.Trim(), CreatedBy.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            throw new DomainException(new ApproverIsProposer(Id, by));
        }

        Approval = ApprovalState.Approved;
        ApprovedBy = by;
        ApprovedAt = at;
        MoveTo(ArrangementStatus.Proposed, at, by, null);
        Raise(ArrangementEventType.Approved, at, null);
    }

    public void Activate(string by, Instant at)
    {
        if (Status != ArrangementStatus.Proposed)
        {
            throw new DomainException(new ArrangementStateConflict(Id, Status, "activated"));
        }

        ActivatedAt = at;
        MoveTo(ArrangementStatus.Active, at, by, null);
        Raise(ArrangementEventType.Activated, at, null);
    }

    public void Cancel(string by, string reason, Instant at)
    {
        if (IsClosed)
        {
            throw new DomainException(new ArrangementStateConflict(Id, Status, "cancelled"));
        }

        ClosedAt = at;
        CloseReason = reason;
        MoveTo(ArrangementStatus.Cancelled, at, by, reason);
        Raise(ArrangementEventType.Cancelled, at, reason);
    }

    /// <summary>Takes in a fresh replay of the ledger: instalments' paid amounts, misses (once missed, always recorded), completion or break.</summary>
    public void Apply(PlanProgress progress, Instant at)
    {
        if (Status != ArrangementStatus.Active)
        {
            return;
        }

        foreach (var p in progress.Instalments)
        {
            var instalment = _instalments.Single(i => i.Number == p.Number);
            var newlyMissed = p.Missed && !instalment.Missed && p.PaidMinor < p.AmountMinor;
            instalment.Update(p.PaidMinor, p.DueAfterHolds, instalment.Missed || newlyMissed);
            if (newlyMissed)
            {
                Raise(ArrangementEventType.InstalmentMissed, at, $"instalment {p.Number} due {p.DueAfterHolds:uuuu-MM-dd} was not paid by the end of {p.Deadline(Tolerance):uuuu-MM-dd}", p.Number);
            }
        }

        UnallocatedMinor = progress.UnallocatedMinor;
        Paused = progress.Paused;
        Version++;
        if (progress.Completed)
        {
            ClosedAt = at;
            MoveTo(ArrangementStatus.Completed, at, "system", null);
            Raise(ArrangementEventType.Completed, at, null);
        }
        else if (progress.BrokenOn is { } brokenOn)
        {
            var reason = $"{progress.Misses} instalment(s) missed, more than the {Policy.AllowedMisses} allowed; broken at the end of {brokenOn:uuuu-MM-dd}";
            ClosedAt = at;
            CloseReason = reason;
            ReplanOffered = true;
            MoveTo(ArrangementStatus.Broken, at, "system", reason);
            Raise(ArrangementEventType.Broken, at, reason);
            Raise(ArrangementEventType.ReplanOffered, at, "the plan broke: offer the customer a new plan");
        }
    }

    public IReadOnlyList<DueInstalment> DueInstalments() => [.. _instalments.OrderBy(i => i.Number).Select(i => new DueInstalment(i.Number, i.Due, i.AmountMinor))];

    public void ClearEvents() => _events.Clear();

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    private void MoveTo(ArrangementStatus to, Instant at, string by, string? reason)
    {
        var from = Status;
        Status = to;
        Version++;
        Record(from, to, at, by, reason);
    }

    private void Record(ArrangementStatus? from, ArrangementStatus to, Instant at, string by, string? reason) =>
        _history.Add(new ArrangementStatusChange(Id, from, to, at, by, reason));

    private void Raise(ArrangementEventType type, Instant at, string? reason, int? instalment = null) =>
        _events.Add(new ArrangementEvent(
            type,
            Id,
            AccountId,
            Status,
            at,
            reason,
            instalment,
            ActivatedAt is not null,
            SettlesMinor < BalanceMinor,
            _instalments.Where(i => i.Missed).Select(i => (LocalDate?)i.DueAfterHolds).Min()));
}

/// <summary>One instalment of a stored plan: what is due, when (after holds), and what the ledger has paid towards it.</summary>
public sealed class ArrangementInstalment
{
    private ArrangementInstalment()
    {
    }

    internal ArrangementInstalment(ArrangementId arrangementId, int number, LocalDate due, long amountMinor)
    {
        ArrangementId = arrangementId;
        Number = number;
        Due = due;
        DueAfterHolds = due;
        AmountMinor = amountMinor;
    }

    public ArrangementId ArrangementId { get; private set; }

    public int Number { get; private set; }

    public LocalDate Due { get; private set; }

    /// <summary>The due date moved later by the days holds paused the plan.</summary>
    public LocalDate DueAfterHolds { get; private set; }

    public long AmountMinor { get; private set; }

    public long PaidMinor { get; private set; }

    /// <summary>It was unpaid at its deadline (kept even if paid later, so the timeline shows it).</summary>
    public bool Missed { get; private set; }

    public InstalmentStatus Status =>
        PaidMinor >= AmountMinor ? InstalmentStatus.Paid
        : Missed ? InstalmentStatus.Missed
        : PaidMinor > 0 ? InstalmentStatus.PartlyPaid
        : InstalmentStatus.Pending;

    internal void Update(long paidMinor, LocalDate dueAfterHolds, bool missed)
    {
        PaidMinor = paidMinor;
        DueAfterHolds = dueAfterHolds;
        Missed = missed;
    }
}

/// <summary>One step of a plan's life: from, to, when, who and why.</summary>
public sealed class ArrangementStatusChange
{
    private ArrangementStatusChange()
    {
        By = "";
    }

    internal ArrangementStatusChange(ArrangementId arrangementId, ArrangementStatus? from, ArrangementStatus to, Instant at, string by, string? reason)
    {
        Id = NewId.Next();
        ArrangementId = arrangementId;
        From = from;
        To = to;
        At = at;
        By = by;
        Reason = reason;
    }

    public Guid Id { get; private set; }

    public ArrangementId ArrangementId { get; private set; }

    public ArrangementStatus? From { get; private set; }

    public ArrangementStatus To { get; private set; }

    public Instant At { get; private set; }

    public string By { get; private set; }

    public string? Reason { get; private set; }
}

public sealed record ArrangementNotFound(ArrangementId ArrangementId)
    : DomainError("plans.arrangement_not_found", $"Arrangement {ArrangementId} does not exist on this account.", ErrorKind.NotFound);

public sealed record ArrangementStateConflict(ArrangementId ArrangementId, ArrangementStatus Status, string Attempted)
    : DomainError("plans.invalid_transition", $"Arrangement {ArrangementId} is {ArrangementEvents.StatusName(Status)} and cannot be {Attempted}.", ErrorKind.Conflict);

public sealed record ApproverIsProposer(ArrangementId ArrangementId, string Approver)
    : DomainError("plans.approver_is_proposer", $"Arrangement {ArrangementId} was proposed by {Approver}: a plan outside the creditor's policy needs a second person to approve it.", ErrorKind.Forbidden);

public sealed record AnotherArrangementActive(AccountId AccountId)
    : DomainError("plans.already_active", $"Account {AccountId} already has an active arrangement; cancel it first.", ErrorKind.Conflict);

public sealed record CancelReasonRequired()
    : DomainError("plans.reason_required", "reason: a cancellation needs a reason (up to 500 characters)", ErrorKind.Validation)
{
    public override IReadOnlyDictionary<string, string[]>? FieldErrors => new Dictionary<string, string[]> { ["reason"] = ["a cancellation needs a reason (up to 500 characters)"] };
}
