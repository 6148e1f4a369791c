using NodaTime;
using Parley.Modules.Decisioning.Contracts;
using Parley.SharedKernel;

namespace Parley.Modules.Decisioning.Registry;

/// <summary>
/// A model version in the registry: its scoring file (the flat forest) and card stored in the database, so every
/// host and CLI that shares the database scores with the very same bytes (docs/decisions/0007-model-registry.md).
/// </summary>
public sealed class RegisteredModel
{
    private RegisteredModel()
    {
        Version = "";
        Format = "";
        ContentSha256 = "";
        CardJson = "";
        CardMarkdown = "";
        Forest = [];
    }

    public RegisteredModel(ModelKind kind, string version, string format, string contentSha256, string cardJson, string cardMarkdown, byte[] forest, Instant trainedAt, Instant registeredAt)
    {
        Id = ModelVersionId.New();
        Kind = kind;
        Version = version;
        Format = format;
        ContentSha256 = contentSha256;
        CardJson = cardJson;
        CardMarkdown = cardMarkdown;
        Forest = forest;
        TrainedAt = trainedAt;
        RegisteredAt = registeredAt;
    }

    public ModelVersionId Id { get; private set; }

    public ModelKind Kind { get; private set; }

    /// <summary>Training date and the content hash's first eight digits, e.g. <c>20261123-1a2b3c4d</c>: readable and unique per content.</summary>
    public string Version { get; private set; }

    /// <summary>The model directory's format, e.g. <c>parley-early-warning/2</c>.</summary>
    public string Format { get; private set; }

    /// <summary>SHA-256 of the scoring file (forest.bin), hex; checked against the card on register and on every load.</summary>
    public string ContentSha256 { get; private set; }

    public string CardJson { get; private set; }

    public string CardMarkdown { get; private set; }

    public byte[] Forest { get; private set; }

    public Instant TrainedAt { get; private set; }

    public Instant RegisteredAt { get; private set; }

    public bool IsActive { get; private set; }

    public Instant? ActivatedAt { get; private set; }

    public void Activate(Instant at)
    {
        IsActive = true;
        ActivatedAt = at;
    }

    public void Deactivate() => IsActive = false;

    public RegisteredModelView View() => new(Kind, Version, Format, ContentSha256, TrainedAt, RegisteredAt, IsActive, ActivatedAt);

    public static string VersionOf(Instant trainedAt, string contentSha256) =>
        $"{trainedAt.InUtc().Date:yyyyMMdd}-{contentSha256[..8]}";
}

/// <summary>A score stored for an account: which model version produced it, when, and what it said.</summary>
public sealed class AccountScore
{
    private AccountScore()
    {
        ModelVersion = "";
        ReasonsJson = "[]";
    }

    public AccountScore(AccountId accountId, ModelKind kind, string modelVersion, double probability, string reasonsJson, Segment segment, Instant scoredAt)
    {
        Id = AccountScoreId.New();
        AccountId = accountId;
        Kind = kind;
        ModelVersion = modelVersion;
        Probability = probability;
        ReasonsJson = reasonsJson;
        Segment = segment;
        ScoredAt = scoredAt;
    }

    public AccountScoreId Id { get; private set; }

    public AccountId AccountId { get; private set; }

    public ModelKind Kind { get; private set; }

    public string ModelVersion { get; private set; }

    public double Probability { get; private set; }

    /// <summary>The top reasons as JSON (<c>[{"code":"EW01","text":"…"}]</c>): always read and written whole.</summary>
    public string ReasonsJson { get; private set; }

    public Segment Segment { get; private set; }

    public Instant ScoredAt { get; private set; }
}
