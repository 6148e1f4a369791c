namespace Parley.Modules.Care.Contracts;

/// <summary>A CSV file Care reads is wrong: the message names the file, the row (the header is row 1) and the field.</summary>
public sealed class CareDataException(string message) : Exception(message);

/// <summary>A model file could not be read.</summary>
public sealed class CareModelException(string message) : Exception(message);
