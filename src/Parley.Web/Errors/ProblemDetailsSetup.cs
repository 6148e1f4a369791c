namespace Parley.Web.Errors;

/// <summary>
/// Every error is an RFC 9457 problem: named refusals (<see cref="DomainExceptionHandler"/>), requests the endpoint
/// cannot read (<see cref="BadRequestExceptionHandler"/>), and bare status codes (401, 403, 404, 415) with a detail
/// where there is something useful to say.
/// </summary>
public static class ProblemDetailsSetup
{
    public static IServiceCollection AddParleyProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            // The router answers 415 itself, before any endpoint, when the body's content type is not one it accepts.
            if (context.ProblemDetails.Status == StatusCodes.Status415UnsupportedMediaType && context.ProblemDetails.Detail is null)
            {
                context.ProblemDetails.Detail = UnsupportedMediaTypeDetail(context.HttpContext.Request.ContentType);
                context.ProblemDetails.Extensions["code"] = "request.unsupported_media_type";
            }
        });
        // Minimal APIs throw a request they cannot read in every environment (by default only in Development, and
        // elsewhere answer a bare 400), so the handler can say what is wrong.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<DomainExceptionHandler>();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        return services;
    }

    internal static string UnsupportedMediaTypeDetail(string? contentType) =>
        $"The request body's content type ({(string.IsNullOrWhiteSpace(contentType) ? "none given" : contentType)}) is not accepted here: "
        + "send JSON with Content-Type: application/json (file uploads take multipart/form-data).";
}
