using Parley.Web.Security;

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

            // Kestrel refused a body over the limit (docs/api.md) before the endpoint could name a refusal of its own.
            if (context.ProblemDetails.Status == StatusCodes.Status413PayloadTooLarge && context.ProblemDetails.Detail is null)
            {
                var limit = context.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
                context.ProblemDetails.Detail = limit is { } bytes
                    ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The request body is larger than the {bytes:N0} bytes this endpoint reads.")
                    : "The request body is larger than this endpoint reads.";
                context.ProblemDetails.Extensions["code"] = "request.too_large";
            }

            // The sign-in cookie does not authorise API changes (ADR 12): say what does.
            if (context.ProblemDetails.Status == StatusCodes.Status401Unauthorized && context.ProblemDetails.Detail is null
                && StaffIdentitySetup.IsApi(context.HttpContext.Request) && !StaffIdentitySetup.HasBearerToken(context.HttpContext.Request))
            {
                context.ProblemDetails.Detail = StaffIdentitySetup.ChangesDataThroughApi(context.HttpContext.Request)
                    ? BearerNeededToChangeDetail
                    : BearerNeededDetail;
                context.ProblemDetails.Extensions["code"] = "auth.bearer_token_required";
            }
        });
        // Minimal APIs throw a request they cannot read in every environment (by default only in Development, and
        // elsewhere answer a bare 400), so the handler can say what is wrong.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<DomainExceptionHandler>();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        return services;
    }

    public const string BearerNeededDetail = "Sign in first: send Authorization: Bearer <accessToken> with a token from POST /api/auth/token.";

    public const string BearerNeededToChangeDetail =
        "API calls that change data need Authorization: Bearer <accessToken> with a token from POST /api/auth/token; "
        + "the web UI's sign-in cookie is not accepted for them.";

    internal static string UnsupportedMediaTypeDetail(string? contentType) =>
        $"The request body's content type ({(string.IsNullOrWhiteSpace(contentType) ? "none given" : contentType)}) is not accepted here: "
        + "send JSON with Content-Type: application/json (file uploads take multipart/form-data).";
}
