using NodaTime;
using Parley.SharedKernel;

namespace Parley.Modules.Decisioning.Contracts;

/// <summary>
/// An account's current segment, the active model versions it rests on (null for a kind with no active model) and
/// when those scores were made. <see cref="Segment"/> is null — unknown — when no model is active or there is no such account.
/// </summary>
public sealed record AccountSegment(Segment? Segment, string? EarlyWarningVersion, string? PropensityVersion, Instant? ScoredAt)
{
    public static readonly AccountSegment Unknown = new(null, null, null, null);

    public bool IsKnown => Segment is not null;
}

/// <summary>The segment the account page's Insight panel shows for an account, for other modules to act on; reads only.</summary>
public interface IAccountSegments
{
    Task<AccountSegment> GetAsync(AccountId accountId, CancellationToken cancellationToken);
}
