namespace Parley.SharedKernel;

/// <summary>How a refusal maps onto HTTP and exit codes.</summary>
public enum ErrorKind
{
    Validation,
    NotFound,
    Conflict,
    Forbidden,

    /// <summary>The caller could not be recognised (a sign-in refused, a signature that does not match).</summary>
    Unauthenticated,

    /// <summary>The request is larger than the host accepts (an upload, a webhook body).</summary>
    TooLarge,

    /// <summary>Too many attempts in a while (sign-in throttling); the error says how long to wait.</summary>
    TooManyRequests,
}

/// <summary>A named business refusal. Modules derive their own records; the web host maps them to RFC 9457 problems.</summary>
public abstract record DomainError(string Code, string Detail, ErrorKind Kind)
{
    public virtual IReadOnlyDictionary<string, string[]>? FieldErrors => null;

    /// <summary>Further members of the problem (e.g. the hold and rule that refused), beside <c>code</c>.</summary>
    public virtual IReadOnlyDictionary<string, object?>? Extensions => null;
}

/// <summary>Thrown when a use case refuses; carries the named error to the edge.</summary>
public sealed class DomainException(DomainError error) : Exception(error.Detail)
{
    public DomainError Error { get; } = error;
}
