using Parley.Modules.Decisioning.Contracts;
using Parley.SharedKernel;

namespace Parley.Modules.Decisioning.Live;

/// <summary>
/// <see cref="IAccountSegments"/> exactly as the Insight panel assigns it (<see cref="LiveScores"/>): the ability rules
/// over the account's current statements, willingness from the active propensity model's score. Stored rows' own
/// segment column is not read: it is the segment at scoring time and goes stale when statements arrive, while the
/// panel always shows today's. Nothing is written (a read of offers should not grow the scores table); unknown when
/// no model is active or the account does not exist.
/// </summary>
public sealed class InsightAccountSegments(LiveScores scoring) : IAccountSegments
{
    public async Task<AccountSegment> GetAsync(AccountId accountId, CancellationToken cancellationToken)
    {
        if (await scoring.ScoreAsync(accountId, cancellationToken) is not { Scores.Count: > 0, Segment: not null } live)
        {
            return AccountSegment.Unknown;
        }

        var version = (ModelKind kind) => live.Scores.FirstOrDefault(s => s.Kind == kind)?.Model.Version;
        // When any score was computed now, the segment is as of now; otherwise as of the latest stored score.
        var scoredAt = live.Scores.Any(s => s.Stored is null) ? live.At : live.Scores.Max(s => s.Stored!.ScoredAt);
        return new AccountSegment(live.Segment.Segment, version(ModelKind.EarlyWarning), version(ModelKind.Propensity), scoredAt);
    }
}
