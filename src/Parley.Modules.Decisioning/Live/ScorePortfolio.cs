using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Decisioning.Features;
using Parley.Modules.Decisioning.Propensity;
using Parley.Modules.Decisioning.Registry;
using Parley.Modules.Decisioning.Scoring;
using Parley.Modules.Decisioning.Segments;
using Parley.Persistence;
using Parley.SharedKernel;

namespace Parley.Modules.Decisioning.Live;

/// <summary>What a portfolio scoring run did: accounts scored and the active version of each kind (null when none).</summary>
public sealed record PortfolioScoring(int Accounts, string? ModelVersion, string? PropensityVersion = null);

/// <summary>
/// <c>parley model score-portfolio</c>: scores every account with each active model (early warning, propensity to pay)
/// and stores each score with its model version and the segment, so the account pages open on a score. Accounts are
/// read first (the propensity facts need further queries on the same connection) and scores saved in batches —
/// memory grows with the portfolio: fine for the demo's thousands; a million-account book wants keyset-paged reads.
/// </summary>
public sealed class ScorePortfolio(IAccountStatementReader statements, PropensityFactsReader propensityFacts, ParleyDbContext db, ActiveModels models, IClock clock)
{
    private const int BatchSize = 1_000;

    public async Task<PortfolioScoring> HandleAsync(CancellationToken cancellationToken)
    {
        var earlyWarning = await models.GetAsync(db, ModelKind.EarlyWarning, cancellationToken);
        var propensity = await models.GetAsync(db, ModelKind.Propensity, cancellationToken);
        if (earlyWarning is null && propensity is null)
        {
            return new PortfolioScoring(0, null);
        }

        var scoredAt = clock.GetCurrentInstant();
        var accounts = new List<AccountStatements>();
        await foreach (var account in statements.ReadAllAsync(cancellationToken))
        {
            accounts.Add(account);
        }

        var scores = new List<AccountScore>();
        // The propensity facts of a batch in a few queries: one account at a time was several queries each.
        var facts = new Dictionary<AccountId, PropensityFacts>();
        if (propensity is not null)
        {
            foreach (var batch in accounts.Chunk(BatchSize))
            {
                var read = await propensityFacts.ReadManyAsync(batch, scoredAt, cancellationToken);
                for (var i = 0; i < batch.Length; i++)
                {
                    facts[batch[i].AccountId] = read[i];
                }
            }
        }

        foreach (var account in accounts)
        {
            var features = LiveFeatures.Of(account);
            (float Probability, IReadOnlyList<Reason> Reasons)? willing = null;
            if (propensity is not null)
            {
                willing = propensity.Scorer.Explain(PropensityFeatures.Compute(facts[account.AccountId]));
            }

            var segment = Segmentation.Assign(features, willing?.Probability).Segment;
            if (earlyWarning is not null)
            {
                var (probability, reasons) = earlyWarning.Scorer.Explain(features);
                scores.Add(new AccountScore(account.AccountId, ModelKind.EarlyWarning, earlyWarning.Version, Math.Round(probability, 6), ScoreReasons.Json(reasons), segment, scoredAt));
            }

            if (willing is { } p)
            {
                scores.Add(new AccountScore(account.AccountId, ModelKind.Propensity, propensity!.Version, Math.Round(p.Probability, 6), ScoreReasons.Json(p.Reasons), segment, scoredAt));
            }
        }

        foreach (var batch in scores.Chunk(BatchSize))
        {
            db.AddRange(batch);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        return new PortfolioScoring(accounts.Count, earlyWarning?.Version, propensity?.Version);
    }
}
