using System.Text.Json;
using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Decisioning.Registry;
using Parley.Modules.Decisioning.Segments;
using Parley.Persistence;

namespace Parley.Modules.Decisioning.Live;

/// <summary>What a portfolio scoring run did.</summary>
public sealed record PortfolioScoring(int Accounts, string? ModelVersion);

/// <summary>
/// <c>parley model score-portfolio</c>: scores every account with the active early-warning model and stores each
/// score with its model version, so the account pages open on a score. The reader streams on the same connection, so
/// scores are kept until it is done and then saved in batches (memory grows with the portfolio: fine for the demo's
/// thousands; a million-account book wants keyset-paged reads).
/// </summary>
public sealed class ScorePortfolio(IAccountStatementReader statements, ParleyDbContext db, ActiveModels models, IClock clock)
{
    private const int BatchSize = 1_000;

    private static readonly JsonSerializerOptions ReasonJson = new(JsonSerializerDefaults.Web);

    public async Task<PortfolioScoring> HandleAsync(CancellationToken cancellationToken)
    {
        var model = await models.GetAsync(db, ModelKind.EarlyWarning, cancellationToken);
        if (model is null)
        {
            return new PortfolioScoring(0, null);
        }

        var scoredAt = clock.GetCurrentInstant();
        var scores = new List<AccountScore>();
        await foreach (var account in statements.ReadAllAsync(cancellationToken))
        {
            var features = LiveFeatures.Of(account);
            var (probability, reasons) = model.Scorer.Explain(features);
            scores.Add(new AccountScore(
                account.AccountId,
                ModelKind.EarlyWarning,
                model.Version,
                Math.Round(probability, 6),
                JsonSerializer.Serialize(reasons.Select(r => new ScoreReason(r.Code, r.Text)), ReasonJson),
                Segmentation.Assign(features).Segment,
                scoredAt));
        }

        foreach (var batch in scores.Chunk(BatchSize))
        {
            db.AddRange(batch);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        return new PortfolioScoring(scores.Count, model.Version);
    }
}
