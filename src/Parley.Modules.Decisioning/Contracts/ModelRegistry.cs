using NodaTime;
using Parley.SharedKernel;

namespace Parley.Modules.Decisioning.Contracts;

/// <summary>A model version in the registry, without its forest or card.</summary>
public sealed record RegisteredModelView(
    ModelKind Kind,
    string Version,
    string Format,
    string ContentSha256,
    Instant TrainedAt,
    Instant RegisteredAt,
    bool IsActive,
    Instant? ActivatedAt);

/// <summary>A model version with its card as training wrote it (null when this build cannot read it) and the card in markdown.</summary>
public sealed record ModelVersionDetails(RegisteredModelView Model, ModelCard? Card, string CardMarkdown);

/// <summary>Every registered version of every kind, the active one of each kind first, then the newest.</summary>
public sealed record ListModelsRequest;

/// <summary>Stores a model directory on the server (forest and card) as a new version; the first of its kind becomes active.</summary>
public sealed record RegisterModelRequest(string Directory);

/// <summary>Registers each shipped default model whose kind has no version yet, so a fresh database scores.</summary>
public sealed record RegisterDefaultModelsRequest;

/// <summary>What registering a model directory did.</summary>
public sealed record ModelRegistration(RegisteredModelView Model, bool AlreadyRegistered);

/// <summary>Makes a registered version the one active model of its kind.</summary>
public sealed record ActivateModelRequest(string Version);

public sealed record UnknownModelVersion(string Version)
    : DomainError("models.unknown_version", $"no registered model has version '{Version}'", ErrorKind.NotFound);

/// <summary>A model directory the registry refuses (missing file, another format, a hash that does not match); names the file.</summary>
public sealed record InvalidModelDirectory(string Problem) : DomainError("models.invalid_directory", Problem, ErrorKind.Validation);

/// <summary>A change to every creditor's scores asked by someone who works only for some creditors.</summary>
public sealed record NeedsEveryCreditor(string Action)
    : DomainError("models.needs_every_creditor", $"Only someone who works for every creditor may {Action}: it changes the scores of every creditor's accounts.", ErrorKind.Forbidden);
