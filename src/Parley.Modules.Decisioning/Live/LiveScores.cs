using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Decisioning.Contracts;
using Parley.Modules.Decisioning.Features;
using Parley.Modules.Decisioning.Registry;
using Parley.Modules.Decisioning.Scoring;
using Parley.Modules.Decisioning.Segments;
using Parley.Modules.Payments.Contracts;
using Parley.Persistence;
using Parley.SharedKernel;

namespace Parley.Modules.Decisioning.Live;

/// <summary>One active model's score of an account: the one stored for the model's version, or computed now.</summary>
public sealed record LiveModelScore(ModelKind Kind, LoadedModel Model, AccountScore? Stored, float Probability, IReadOnlyList<Reason> Reasons);

/// <summary>
/// An account's scores by every active model at <see cref="At"/> and the segment they give; or, when the account owes
/// nothing, no scores, no segment and <see cref="NotScored"/> saying why in plain words.
/// </summary>
public sealed record LiveScoring(AccountId AccountId, Instant At, IReadOnlyList<LiveModelScore> Scores, SegmentAssignment? Segment, string? NotScored = null);

/// <summary>
/// Scores an account with each active model from its statements (read through Accounts.Contracts, through the same
/// feature code as training), reusing a score already stored for the active version, and assigns the segment with
/// willingness from the propensity score when that model is active (docs/models.md). Writes nothing: the Insight
/// panel stores what it shows, a reader of segments does not.
/// </summary>
public sealed class LiveScores(IAccountStatementReader statements, PropensityFactsReader propensityFacts, IBalanceQueries balances, ParleyDbContext db, ActiveModels models, IClock clock)
{
    /// <summary>
    /// Why an account with <paramref name="balance"/> is not scored, or null when it owes something: nothing owed means
    /// no payment to miss and none to collect, whatever its old statements say (a stored score from before is not shown).
    /// </summary>
    public static string? NotScoredReason(AccountBalance? balance) => balance?.Outstanding switch
    {
        { Amount: < 0m } credit => $"Not scored: the account is in credit ({credit.Currency.Code} {(-credit.Amount).ToString("N2", CultureInfo.InvariantCulture)} to refund), so nothing is owed and no payment is due.",
        { Amount: 0m } => "Not scored: the balance is paid in full, so nothing is owed and no payment is due.",
        _ => null,
    };

    /// <summary>Null when the account does not exist.</summary>
    public async Task<LiveScoring?> ScoreAsync(AccountId accountId, CancellationToken cancellationToken) =>
        await statements.GetAsync(accountId, cancellationToken) is { } account ? await ScoreAsync(account, cancellationToken) : null;

    public async Task<LiveScoring> ScoreAsync(AccountStatements account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        var accountId = account.AccountId;
        var now = clock.GetCurrentInstant();
        if (NotScoredReason(await balances.GetAsync(accountId, cancellationToken)) is { } notScored)
        {
            return new LiveScoring(accountId, now, [], null, notScored);
        }

        var earlyWarning = LiveFeatures.Of(account);
        var scores = new List<LiveModelScore>();
        foreach (var kind in Enum.GetValues<ModelKind>())
        {
            var model = await models.GetAsync(db, kind, cancellationToken);
            if (model is null)
            {
                continue;
            }

            var stored = await db.Set<AccountScore>().AsNoTracking()
                .Where(s => s.AccountId == accountId && s.Kind == kind && s.ModelVersion == model.Version)
                .OrderByDescending(s => s.ScoredAt)
                .FirstOrDefaultAsync(cancellationToken);
            // A stored probability is read back as the float the scorer gave when it was stored.
            var (probability, reasons) = stored is not null
                ? ((float)stored.Probability, [])
                : model.Scorer.Explain(kind == ModelKind.Propensity
                    ? PropensityFeatures.Compute(await propensityFacts.ReadAsync(account, now, cancellationToken))
                    : earlyWarning);
            scores.Add(new LiveModelScore(kind, model, stored, probability, reasons));
        }

        double? willingness = scores.Where(s => s.Kind == ModelKind.Propensity).Select(s => (double?)s.Probability).FirstOrDefault();
        return new LiveScoring(accountId, now, scores, Segmentation.Assign(earlyWarning, willingness));
    }
}
