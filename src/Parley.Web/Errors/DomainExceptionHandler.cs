using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Parley.SharedKernel;

namespace Parley.Web.Errors;

/// <summary>Turns a named business refusal into an RFC 9457 problem with its code; anything else stays a 500 without details.</summary>
public sealed class DomainExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not DomainException { Error: var error })
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusFor(error.Kind);
        var problem = error.FieldErrors is { } fields
            ? new ValidationProblemDetails(fields.ToDictionary(f => f.Key, f => f.Value))
            : new ProblemDetails();
        problem.Status = httpContext.Response.StatusCode;
        problem.Title = TitleFor(error.Kind);
        problem.Detail = error.Detail;
        problem.Type = $"https://parley.dev/problems/{error.Code}";
        foreach (var (key, value) in error.Extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[key] = value;
        }

        problem.Extensions["code"] = error.Code;
        if (error.Extensions?.GetValueOrDefault("retryAfter") is int seconds)
        {
            // The response was cleared for this handler, so the header is set here from the error itself.
            httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return await problems.TryWriteAsync(new() { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    public static int StatusFor(ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => StatusCodes.Status400BadRequest,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.Unauthenticated => StatusCodes.Status401Unauthorized,
        ErrorKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
        ErrorKind.TooManyRequests => StatusCodes.Status429TooManyRequests,
    };

    private static string TitleFor(ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => "The request is not valid.",
        ErrorKind.NotFound => "Not found.",
        ErrorKind.Conflict => "Conflict.",
        ErrorKind.Forbidden => "Forbidden.",
        ErrorKind.Unauthenticated => "Not recognised.",
        ErrorKind.TooLarge => "Too large.",
        ErrorKind.TooManyRequests => "Too many requests.",
    };
}
