using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using NodaTime;
using Parley.SharedKernel;
using Scalar.AspNetCore;

namespace Parley.Web.Composition;

/// <summary>
/// The OpenAPI document a client generator can use as it is: the bearer scheme on every secured operation, the
/// problems each operation can answer, and exact types for what the JSON carries (ids are UUID strings, instants and
/// dates ISO strings, amounts decimals in major units beside an ISO 4217 currency).
/// </summary>
public static class OpenApiDocumentSetup
{
    public const string BearerScheme = "Bearer";
    public const string TokenPath = "/api/auth/token";
    public const string DocumentPath = "/api/openapi/{documentName}.json";

    private const string ProblemJson = "application/problem+json";
    private const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>One line for the host: <c>builder.Services.AddParleyOpenApi()</c>.</summary>
    public static IServiceCollection AddParleyOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(o =>
        {
            // Ids and NodaTime values are strings on the wire: inline them where used rather than naming empty components.
            o.CreateSchemaReferenceId = t => StringSchemaFor(t.Type) is null ? SchemaId(t) : null;
            o.AddSchemaTransformer(TransformSchemaAsync);
            o.AddOperationTransformer(TransformOperationAsync);
            o.AddDocumentTransformer(TransformDocumentAsync);
        });

    /// <summary>
    /// The docs page at /api/docs works offline: its script is served by the host, and nothing on it calls out of the
    /// machine (no CDN fonts, telemetry, AI agent, MCP, or buttons that open third-party services).
    /// </summary>
    public static void ConfigureDocsPage(ScalarOptions options) =>
        options.WithTitle("Parley API")
            .WithOpenApiRoutePattern(DocumentPath)
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()
            .HideClientButton()
            .HideDeveloperTools()
            .AddPreferredSecuritySchemes([BearerScheme])
            // A fresh nonce per request on Scalar's script tags; SecurityHeaders names it in the page's policy.
            .WithNonce()
            // Scalar has no switch for its "Powered by" link out to its site.
            .WithCustomCss("a[href^='https://scalar.com'] { display: none !important; }");

    /// <summary>What a string-valued type looks like on the wire (format and pattern), or null for any other type.</summary>
    internal static (string? Format, string? Pattern, string Description)? StringSchemaFor(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (IsStronglyTypedId(type))
        {
            return ("uuid", null, $"{type.Name}: a UUID.");
        }

        return type switch
        {
            _ when type == typeof(Instant) => ("date-time", null, "An instant in UTC, ISO 8601 (e.g. 2026-11-02T15:00:00Z)."),
            _ when type == typeof(OffsetDateTime) => ("date-time", null, "A date and time with its UTC offset, ISO 8601."),
            _ when type == typeof(LocalDate) => ("date", null, "A calendar date, ISO 8601 (e.g. 2026-11-02)."),
            _ when type == typeof(LocalTime) => (null, @"^\d{2}:\d{2}:\d{2}(\.\d{1,9})?$", "A time of day without a zone (e.g. 09:30:00)."),
            _ when type == typeof(LocalDateTime) => (null, @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?$", "A date and time without a zone (e.g. 2026-11-02T09:30:00)."),
            _ when type == typeof(YearMonth) => (null, @"^\d{4}-\d{2}$", "A calendar month (e.g. 2026-11)."),
            _ when type == typeof(DateTimeZone) => (null, null, "An IANA time zone id (e.g. Europe/London)."),
            _ => null,
        };
    }

    /// <summary>A use case's nested <c>Request</c> is named after the use case, so two of them never share one schema.</summary>
    private static string? SchemaId(System.Text.Json.Serialization.Metadata.JsonTypeInfo info) =>
        OpenApiOptions.CreateDefaultSchemaReferenceId(info) is { } id && info.Type is { IsNested: true, DeclaringType: { } outer }
            && !id.StartsWith(outer.Name, StringComparison.Ordinal)
            ? outer.Name + id
            : OpenApiOptions.CreateDefaultSchemaReferenceId(info);

    private static bool IsStronglyTypedId(Type type) =>
        type.IsValueType && type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IStronglyTypedId<>));

    private static Task TransformSchemaAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        // A route or query value bound through IParsable (an id) arrives here as a string schema: its declared type tells.
        var declared = context is { JsonPropertyInfo: null, ParameterDescription: { Type: { } bound } parameter }
            && (parameter.Source == BindingSource.Path || parameter.Source == BindingSource.Query || parameter.Source == BindingSource.Header)
            ? bound
            : context.JsonPropertyInfo?.PropertyType ?? context.JsonTypeInfo.Type;
        var type = Nullable.GetUnderlyingType(declared) ?? declared;
        var nullable = Nullable.GetUnderlyingType(declared) is not null || (schema.Type ?? 0).HasFlag(JsonSchemaType.Null);
        var orNull = nullable ? JsonSchemaType.Null : 0;

        if (StringSchemaFor(type) is { } text)
        {
            schema.Type = JsonSchemaType.String | orNull;
            schema.Format = text.Format;
            schema.Pattern = text.Pattern;
            schema.Description ??= text.Description;
            return Task.CompletedTask;
        }

        // The host reads numbers from strings too, but always writes numbers: clients get one numeric type.
        if (type == typeof(decimal))
        {
            schema.Type = JsonSchemaType.Number | orNull;
            schema.Format = "decimal";
            schema.Pattern = null;
        }
        else if (type == typeof(double) || type == typeof(float))
        {
            schema.Type = JsonSchemaType.Number | orNull;
            schema.Pattern = null;
        }
        else if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte))
        {
            schema.Type = JsonSchemaType.Integer | orNull;
            schema.Pattern = null;
        }
        else if (type.IsEnum && schema.Enum is { Count: > 0 } && schema.Type is null)
        {
            // Enums are written as snake_case strings (ParleyJson); a nullable use says so where it refers to the enum.
            schema.Type = JsonSchemaType.String;
            schema.Enum = [.. schema.Enum.Where(v => v is not null)];
        }

        if (context.JsonPropertyInfo is { Name: "currency" } && type == typeof(string))
        {
            schema.Description ??= "ISO 4217 currency code of the amounts beside it (e.g. GBP); amounts are decimals in the currency's major units.";
        }

        return Task.CompletedTask;
    }

    private static Task TransformOperationAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var responses = operation.Responses ??= [];
        var secured = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
        if (secured)
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] }];
            AddProblem(responses, context.Document, StatusCodes.Status401Unauthorized, $"Not signed in: send a bearer token from POST {TokenPath}.");
            AddProblem(responses, context.Document, StatusCodes.Status403Forbidden, "Signed in, but without a role this operation needs.");
        }
        else
        {
            // Explicitly open (the token endpoint, signed provider webhooks): no bearer token is asked for.
            operation.Security = [];
        }

        var parameters = context.Description.ParameterDescriptions;
        var bindingCanFail = operation.RequestBody is not null
            || parameters.Any(p => p.Source == BindingSource.Body || p.Source == BindingSource.Form
                || ((p.Source == BindingSource.Path || p.Source == BindingSource.Query) && p.Type is { } t && t != typeof(string)));
        if (bindingCanFail)
        {
            AddProblem(responses, context.Document, StatusCodes.Status400BadRequest, "The request is not valid; the problem names the field at fault.", validation: true);
        }

        if (parameters.Any(p => p.Source == BindingSource.Path && p.Type is { } t && IsStronglyTypedId(t)))
        {
            AddProblem(responses, context.Document, StatusCodes.Status404NotFound, "Nothing has the id in the path.");
        }

        // Bound as optional so a missing key is a named 400 from the handler, not a binding failure; clients must send it.
        foreach (var key in (operation.Parameters ?? []).OfType<OpenApiParameter>().Where(p => p is { In: ParameterLocation.Header, Name: IdempotencyKeyHeader }))
        {
            key.Required = true;
            key.Description ??= "Unique per payment, up to 200 characters: a retry with the same key and body returns the first result and posts nothing twice; the same key with another body is a 409.";
        }

        return Task.CompletedTask;
    }

    private static void AddProblem(OpenApiResponses responses, OpenApiDocument? document, int status, string description, bool validation = false)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (responses.TryGetValue(key, out var existing))
        {
            if (existing is OpenApiResponse { Description: null or "" or "Bad Request" or "Not Found" or "Conflict" or "Unauthorized" or "Forbidden" } declared)
            {
                declared.Description = description;
            }

            return;
        }

        responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [ProblemJson] = new() { Schema = new OpenApiSchemaReference(validation ? nameof(HttpValidationProblemDetails) : nameof(ProblemDetails), document) },
            },
        };
    }

    private static async Task TransformDocumentAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Parley API",
            Version = "v1",
            Description = Description,
        };

        // A base address without a trailing slash, so "{server}{path}" never doubles it.
        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/');
        }

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = $"A staff bearer token: POST {TokenPath} with the email and password, then send `Authorization: Bearer <accessToken>`. Tokens last an hour.",
        };

        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        foreach (var problem in new[] { typeof(ProblemDetails), typeof(HttpValidationProblemDetails) })
        {
            if (!document.Components.Schemas.TryGetValue(problem.Name, out var schema))
            {
                schema = document.Components.Schemas[problem.Name] = await context.GetOrCreateSchemaAsync(problem, cancellationToken: cancellationToken);
            }

            // Parley's refusals carry a stable code beside the RFC 9457 members (Errors/DomainExceptionHandler).
            if (schema is OpenApiSchema { Properties: { } properties })
            {
                properties["code"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Description = "Parley's name for the refusal (e.g. payments.idempotency_key_reused); absent when the framework answered (e.g. not signed in).",
                };
            }
        }

        var used = (document.Paths ?? []).Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? [])
            .SelectMany(o => o.Tags ?? new HashSet<OpenApiTagReference>()).Select(t => t.Name).OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        document.Tags = new HashSet<OpenApiTag>(
            used.Order(StringComparer.Ordinal).Select(name => new OpenApiTag { Name = name, Description = TagDescriptions.GetValueOrDefault(name) }));
    }

    private const string Description =
        "Parley's staff API. Sign in with `POST /api/auth/token` (staff email and password) and send the returned "
        + "`accessToken` as `Authorization: Bearer …`; roles decide what each operation allows. Every error is an RFC 9457 "
        + "problem (`application/problem+json`) with a `code`; validation problems name the fields at fault. Ids are UUIDs, "
        + "instants ISO 8601 in UTC, dates ISO calendar dates; amounts are decimals in the major units of the ISO 4217 "
        + "`currency` beside them.";

    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Accounts"] = "Search the portfolio, read an account, place and end holds.",
        ["Arrangements"] = "Income and expenditure, offers, plan simulation, and repayment plans from proposal to cancellation.",
        ["Compliance"] = "Contact eligibility per channel and the compliance gate over proposed contacts.",
        ["Creditors"] = "Creditors and their collection policies.",
        ["Decisioning"] = "Model scores with their reasons, and the account's segment.",
        ["Imports"] = "Placement file imports and their rejects.",
        ["Payments"] = "The ledger: payments, reversals, balances, and payment provider webhooks.",
        ["Staff"] = "Staff users and their roles (admins).",
        ["Staff sign-in"] = "Bearer tokens for API clients, and who is signed in.",
    };
}
