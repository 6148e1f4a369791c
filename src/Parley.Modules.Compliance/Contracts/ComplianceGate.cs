using NodaTime;
using Parley.SharedKernel;

namespace Parley.Modules.Compliance.Contracts;

/// <summary>A way of reaching an account's customer that the gate decides on.</summary>
public enum ContactChannel
{
    Call,
    Sms,
    Email,
    Letter,
}

/// <summary>A contact someone proposes to make with an account's customer: by which channel and when (null: now).</summary>
public sealed record ContactProposal(AccountId AccountId, ContactChannel Channel, Instant? At = null);

/// <summary>
/// The gate's answer on one channel: the channel and the verdict by their API names (<c>call</c>, <c>route_to_human</c>),
/// where it would go, whether it is allowed, the rules that decided it, the deciding reason an agent reads and every
/// failing rule's own reason, the next lawful instant (null when none), a one-line summary and the full explanation.
/// </summary>
public sealed record ChannelDecision(
    string Channel,
    string? To,
    bool Allowed,
    string Decision,
    IReadOnlyList<string> RuleIds,
    string Reason,
    IReadOnlyList<RuleReason> Reasons,
    Instant? NextLawfulAt,
    string Summary,
    string Explanation);

/// <summary>One failing rule on a channel: its id, what it asks for (<c>deny</c>, <c>route_to_human</c>, <c>deny_and_require_validation_notice</c>) and why.</summary>
public sealed record RuleReason(string RuleId, string Decision, string Reason);

/// <summary>The gate's answers for an account at an instant, in the customer's time zone, with the facts it read (in words).</summary>
public sealed record ContactCheck(AccountId AccountId, Instant At, string CustomerTimeZone, IReadOnlyList<ChannelDecision> Channels, IReadOnlyList<string> Facts)
{
    /// <summary>The decision-log sequence of a one-proposal evaluation (<see cref="IComplianceGate.EvaluateAsync"/>), to record with the contact it allowed.</summary>
    public long? DecisionId { get; init; }
}

/// <summary>
/// The compliance gate for stored accounts: every proposed contact passes here, the facts are read from the account, and
/// every answer is appended to the decision log. An account that does not exist is refused (404).
/// </summary>
public interface IComplianceGate
{
    /// <summary>Every channel at <paramref name="at"/> (null: now).</summary>
    Task<ContactCheck> CheckAsync(AccountId accountId, Instant? at, CancellationToken cancellationToken);

    /// <summary>One proposed contact.</summary>
    Task<ContactCheck> EvaluateAsync(ContactProposal proposal, CancellationToken cancellationToken);
}
