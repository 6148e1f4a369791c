using Microsoft.EntityFrameworkCore;
using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Decisioning.Contracts;
using Parley.Modules.Decisioning.Features;
using Parley.Modules.Decisioning.Registry;
using Parley.Modules.Decisioning.Segments;
using Parley.Persistence;
using Parley.SharedKernel;

namespace Parley.Modules.Decisioning.Live;

/// <summary>
/// <see cref="IAccountSegments"/> exactly as <see cref="GetAccountScores"/> (the Insight panel) assigns it: the ability
/// rules over the account's current statements, willingness from the active propensity model's score — the one stored
/// for the active version when there is one, else computed now. Stored rows' own segment column is not read: it is the
/// segment at scoring time and goes stale when statements arrive, while the panel always shows today's. Nothing is
/// written (a read of offers should not grow the scores table); unknown when no model is active.
/// </summary>
public sealed class InsightAccountSegments(IAccountStatementReader statements, PropensityFactsReader propensityFacts, ParleyDbContext db, ActiveModels models, IClock clock)
    : IAccountSegments
{
    public async Task<AccountSegment> GetAsync(AccountId accountId, CancellationToken cancellationToken)
    {
        var earlyWarning = await models.GetAsync(db, ModelKind.EarlyWarning, cancellationToken);
        var propensity = await models.GetAsync(db, ModelKind.Propensity, cancellationToken);
        if (earlyWarning is null && propensity is null)
        {
            return AccountSegment.Unknown;
        }

        var account = await statements.GetAsync(accountId, cancellationToken);
        if (account is null)
        {
            return AccountSegment.Unknown;
        }

        var now = clock.GetCurrentInstant();
        Instant? scoredAt = null;
        var computedNow = false;
        if (earlyWarning is not null)
        {
            var stored = await StoredAsync(accountId, earlyWarning, cancellationToken);
            scoredAt = Latest(scoredAt, stored?.ScoredAt);
            computedNow |= stored is null;
        }

        double? willing = null;
        if (propensity is not null)
        {
            var stored = await StoredAsync(accountId, propensity, cancellationToken);
            scoredAt = Latest(scoredAt, stored?.ScoredAt);
            computedNow |= stored is null;
            // As the panel: a stored probability is read back as a float, a fresh one is the scorer's float.
            willing = stored is { } s
                ? (float)s.Probability
                : propensity.Scorer.Explain(PropensityFeatures.Compute(await propensityFacts.ReadAsync(account, now, cancellationToken))).Probability;
        }

        var segment = Segmentation.Assign(LiveFeatures.Of(account), willing).Segment;
        return new AccountSegment(segment, earlyWarning?.Version, propensity?.Version, computedNow ? now : scoredAt);
    }

    private Task<AccountScore?> StoredAsync(AccountId accountId, LoadedModel model, CancellationToken cancellationToken) =>
        db.Set<AccountScore>().AsNoTracking()
            .Where(s => s.AccountId == accountId && s.Kind == model.Kind && s.ModelVersion == model.Version)
            .OrderByDescending(s => s.ScoredAt)
            .FirstOrDefaultAsync(cancellationToken);

    private static Instant? Latest(Instant? a, Instant? b) => a is { } x && b is { } y ? (x > y ? x : y) : a ?? b;
}
