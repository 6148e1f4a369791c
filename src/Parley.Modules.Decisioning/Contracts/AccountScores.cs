using NodaTime;
using Parley.SharedKernel;

namespace Parley.Modules.Decisioning.Contracts;

/// <summary>The account's scores by the active models, with its segment; each score is stored with its model version the first time.</summary>
public sealed record GetAccountScoresRequest(AccountId Account);

public sealed record ScoreReason(string Code, string Text);

/// <summary>One model's score of an account: probability, band, top reasons in words, the model version and when.</summary>
public sealed record ScoreView(ModelKind Kind, double Probability, string Percent, string Band, IReadOnlyList<ScoreReason> Reasons, string ModelVersion, Instant ScoredAt);

/// <summary>
/// The account's scores (one per active model) and its segment with the treatment it calls for; an account that owes
/// nothing has no scores and no segment, and <see cref="NotScored"/> says why.
/// </summary>
public sealed record AccountScores(AccountId AccountId, Segment? Segment, string SegmentName, string TreatmentIntent, string SegmentReason, IReadOnlyList<ScoreView> Scores, string? NotScored = null);

/// <summary>Scores every account the actor works for that owes something, with each active model, and stores the scores.</summary>
public sealed record ScorePortfolioRequest;

/// <summary>What a portfolio scoring run did: accounts scored (those that owe something) and the active version of each kind (null when none).</summary>
public sealed record PortfolioScoring(int Accounts, string? ModelVersion, string? PropensityVersion = null);
