using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Decisioning.Contracts;
using Parley.Modules.Decisioning.Features;
using Parley.Modules.Decisioning.Registry;
using Parley.Modules.Decisioning.Scoring;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Decisioning.Live;

public sealed record ScoringAccountNotFound(AccountId AccountId)
    : DomainError("scores.account_not_found", $"Account {AccountId} does not exist.", ErrorKind.NotFound);

/// <summary>
/// <c>GET /api/accounts/{id}/scores</c>: the account's <see cref="LiveScores"/>, each score stored with its model
/// version the first time; a score already stored for the active version is returned as it is, so reading the page
/// does not grow the table.
/// </summary>
public sealed class GetAccountScores(IAccountStatementReader statements, LiveScores scoring, ParleyDbContext db) : IUseCase<GetAccountScoresRequest, AccountScores>
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/accounts/{id}/scores", async Task<Ok<AccountScores>> (AccountId id, ClaimsPrincipal user, GetAccountScores handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.From(user), new GetAccountScoresRequest(id), ct)))
            .RequireAuthorization(StaffPolicies.Staff)
            .WithName("GetAccountScores")
            .WithSummary("The account's early-warning and propensity-to-pay scores with their top three reasons in plain words, its segment and treatment intent, and the model versions.");

    /// <summary>Any member of staff who works for the account's creditor; an account outside their scope answers as a missing one.</summary>
    public async Task<AccountScores> HandleAsync(Actor actor, GetAccountScoresRequest request, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("read an account's scores", []);
        var accountId = request.Account;
        var account = await statements.GetAsync(accountId, cancellationToken) ?? throw new DomainException(new ScoringAccountNotFound(accountId));
        actor.MustSee(account.CreditorId, new ScoringAccountNotFound(accountId));
        var live = await scoring.ScoreAsync(account, cancellationToken);
        if (live.Segment is not { } segment)
        {
            return new AccountScores(accountId, null, "none", "nothing to collect", "", [], live.NotScored);
        }

        var views = new List<ScoreView>();
        foreach (var (kind, model, stored, probability, reasons) in live.Scores)
        {
            var score = stored ?? new AccountScore(accountId, kind, model.Version, Math.Round(probability, 6), ScoreReasons.Json(reasons), segment.Segment, live.At);
            if (stored is null)
            {
                db.Add(score);
                await db.SaveChangesAsync(cancellationToken);
            }

            views.Add(View(score));
        }

        return new AccountScores(accountId, segment.Segment, SegmentText.Name(segment.Segment), SegmentText.Intent(segment.Segment), segment.Reason, views);
    }

    private static ScoreView View(AccountScore score) => new(
        score.Kind,
        score.Probability,
        score.Probability.ToString("0%", CultureInfo.InvariantCulture),
        Bands.Of(score.Probability),
        ScoreReasons.Read(score.ReasonsJson),
        score.ModelVersion,
        score.ScoredAt);
}

/// <summary>A score's top reasons as stored: code and words, JSON.</summary>
public static class ScoreReasons
{
    private static readonly JsonSerializerOptions ReasonJson = new(JsonSerializerDefaults.Web);

    public static string Json(IEnumerable<Reason> reasons) => JsonSerializer.Serialize(reasons.Select(r => new ScoreReason(r.Code, r.Text)), ReasonJson);

    public static ScoreReason[] Read(string json) => JsonSerializer.Deserialize<ScoreReason[]>(json, ReasonJson) ?? [];
}

/// <summary>Probability bands for people: the flag threshold of the fairness audit (0.50) starts "high".</summary>
public static class Bands
{
    public static string Of(double probability) => probability switch
    {
        >= 0.5 => "high",
        >= 0.2 => "medium",
        _ => "low",
    };
}

/// <summary>The segments' names and treatment intents in words (docs/models.md).</summary>
public static class SegmentText
{
    public static string Name(Segment segment) => segment switch
    {
        Segment.SelfCureReminder => "self-cure reminder",
        Segment.SupportivePlan => "supportive plan",
        Segment.FirmButLawful => "firm but lawful",
        Segment.HumanWithDebtAdvice => "human contact with debt-advice signposting",
        _ => segment.ToString(),
    };

    public static string Intent(Segment segment) => segment switch
    {
        Segment.SelfCureReminder => "able and willing: a reminder is enough",
        Segment.SupportivePlan => "willing but not able: an affordable arrangement or forbearance",
        Segment.FirmButLawful => "able but not willing: clear, lawful collection steps",
        Segment.HumanWithDebtAdvice => "neither able nor willing: an agent, and free debt advice",
        _ => "",
    };
}

/// <summary>A live account's statements into the feature vector, through the same code as a UCI row.</summary>
public static class LiveFeatures
{
    public static float[] Of(AccountStatements account)
    {
        ArgumentNullException.ThrowIfNull(account);
        // The model learned from six monthly statements (UCI): a longer placed history is cut to its latest six, as in training.
        var months = account.Months.TakeLast(EarlyWarningFeatures.StatementMonths).Select(m => new StatementMonth(m.AmountDueMinor, m.AmountPaidMinor, m.DaysPastDue)).ToArray();
        // Placed accounts carry no credit limit: the features scale balances by the largest bill instead (see EarlyWarningFeatures).
        return EarlyWarningFeatures.Compute(new AccountFacts(0, account.Currency.MinorUnits), months);
    }
}
