using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Decisioning.Contracts;
using Parley.Modules.Decisioning.Features;
using Parley.Modules.Decisioning.Propensity;
using Parley.Modules.Decisioning.Registry;
using Parley.Modules.Decisioning.Scoring;
using Parley.Modules.Decisioning.Segments;
using Parley.Modules.Payments.Contracts;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Decisioning.Live;

/// <summary>
/// <c>parley model score-portfolio</c> (and the demo seed): scores every account that owes something with each active model (early warning, propensity to pay)
/// and stores each score with its model version and the segment, so the account pages open on a score. Accounts are
/// read first (the propensity facts need further queries on the same connection) and scores saved in batches —
/// memory grows with the portfolio: fine for the demo's thousands; a million-account book wants keyset-paged reads.
/// </summary>
public sealed class ScorePortfolio(IAccountStatementReader statements, PropensityFactsReader propensityFacts, IBalanceQueries balances, ParleyDbContext db, ActiveModels models, IClock clock)
    : IUseCase<ScorePortfolioRequest, PortfolioScoring>
{
    private const int BatchSize = 1_000;

    /// <summary>An admin or Parley itself (the CLI, the first-run seed); only the accounts of the creditors the actor works for are scored.</summary>
    public async Task<PortfolioScoring> HandleAsync(Actor actor, ScorePortfolioRequest request, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("score the portfolio", [StaffRoles.Admin], allowSystem: true);
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
            if (actor.Creditors.Includes(account.CreditorId))
            {
                accounts.Add(account);
            }
        }

        var scores = new List<AccountScore>();
        // Only accounts that owe something are scored (LiveScores.NotScoredReason); balances and propensity facts are read
        // a batch at a time, since one account at a time was several queries each.
        var owing = new List<AccountStatements>(accounts.Count);
        var facts = new Dictionary<AccountId, PropensityFacts>();
        foreach (var batch in accounts.Chunk(BatchSize))
        {
            var batchBalances = await balances.GetManyAsync([.. batch.Select(a => a.AccountId)], cancellationToken);
            var owingBatch = batch.Where(a => LiveScores.NotScoredReason(batchBalances.GetValueOrDefault(a.AccountId)) is null).ToList();
            owing.AddRange(owingBatch);
            if (propensity is not null && owingBatch.Count > 0)
            {
                var read = await propensityFacts.ReadManyAsync(owingBatch, scoredAt, cancellationToken);
                for (var i = 0; i < owingBatch.Count; i++)
                {
                    facts[owingBatch[i].AccountId] = read[i];
                }
            }
        }

        foreach (var account in owing)
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

        return new PortfolioScoring(owing.Count, earlyWarning?.Version, propensity?.Version);
    }
}
