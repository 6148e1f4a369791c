using NodaTime;
using Parley.Modules.Accounts.Contracts;

namespace Parley.Modules.Compliance.Contracts;

/// <summary>
/// The gate's answer on one planned contact, evaluated in memory: allowed or not, the deciding rules and reason, the
/// next lawful instant, the customer's zone and the address the channel would use. <paramref name="Ticket"/> names
/// the evaluation within its batch, so the planner logs only the decisions it acts on.
/// </summary>
public sealed record PlanningVerdict(
    int Ticket,
    ContactChannel Channel,
    Instant At,
    bool Allowed,
    string Decision,
    IReadOnlyList<string> RuleIds,
    string Reason,
    Instant? NextLawfulAt,
    string CustomerTimeZone,
    string? To);

/// <summary>
/// One planner's batch (a page of accounts): the same rules and facts as <see cref="IComplianceGate"/>, evaluated in
/// memory on facts the planner read set-based, and the decisions it keeps appended to the hash-chained decision log
/// in one bulk write. Evaluate may be called from several threads at once.
/// </summary>
public interface IPlanningBatch
{
    PlanningVerdict Evaluate(ContactProfile profile, ContactChannel channel, Instant at, ContactHistoryFacts? history, CustomerContactWishes? wishes);

    /// <summary>
    /// Appends the decisions of these tickets to the decision log, in the order given, inside the caller's open
    /// transaction when it has one; returns each ticket's log sequence (the compliance decision id).
    /// </summary>
    Task<IReadOnlyDictionary<int, long>> LogAsync(IReadOnlyList<int> tickets, CancellationToken cancellationToken);
}

/// <summary>The gate for planners: a batch per page of accounts (ADR 19).</summary>
public interface IPlanningGate
{
    IPlanningBatch StartBatch();
}
