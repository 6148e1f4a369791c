namespace Parley.Modules.Decisioning.Contracts;

/// <summary>A model directory that is missing, of another format, or whose model file does not match its card's hash.</summary>
public sealed class ModelDirectoryException(string message) : Exception(message);

/// <summary>A malformed propensity data file: names the file, the row (1-based, the header is row 1) and the field where known.</summary>
public sealed class PropensityFormatException(string message) : Exception(message);
