using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using NodaTime;
using Parley.SharedKernel;

namespace Parley.Web.Errors;

/// <summary>
/// A request the endpoint could not read (malformed JSON, a field of the wrong type, a parameter that does not bind, a
/// body that is not JSON) becomes a 400 (or 415) problem that says what is wrong and where, in plain words without the
/// server's type names. Minimal APIs throw these in every environment (<see cref="ProblemDetailsSetup"/>).
/// </summary>
public sealed partial class BadRequestExceptionHandler(IProblemDetailsService problems, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is NotSupportedException { Source: "System.Text.Json" } unsupported && httpContext.Request.HasJsonContentType())
        {
            // A typed object sent without its "kind" (the serializer cannot build the abstract type) is the caller's mistake.
            var at = JsonPath().Match(unsupported.Message) is { Success: true } m ? m.Groups["path"].Value : null;
            var field = at is null or "$" ? null : at.StartsWith("$.", StringComparison.Ordinal) ? at[2..] : at.TrimStart('$');
            return await WriteAsync(httpContext, StatusCodes.Status400BadRequest, ("request.invalid_field", $"The request body's field {field ?? "(the body)"} is not valid: expected an object that names its \"kind\".", One(field), "Expected an object that names its \"kind\"."), exception);
        }

        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        var described = bad switch
        {
            { StatusCode: StatusCodes.Status415UnsupportedMediaType } => ("request.unsupported_media_type", ProblemDetailsSetup.UnsupportedMediaTypeDetail(httpContext.Request.ContentType), null, null),
            { InnerException: JsonException jsonError } => DescribeJson(jsonError, httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType),
            _ => DescribeBinding(bad.Message),
        };
        return await WriteAsync(httpContext, bad.StatusCode, described, exception);
    }

    private async ValueTask<bool> WriteAsync(HttpContext httpContext, int status, (string Code, string Detail, IReadOnlyList<string>? Fields, string? FieldError) described, Exception exception)
    {
        var (code, detail, fields, fieldError) = described;
        httpContext.Response.StatusCode = status;
        var problem = fields is not null && fieldError is not null
            ? new ValidationProblemDetails(fields.ToDictionary(f => f, _ => new[] { fieldError }))
            : new ProblemDetails();
        problem.Status = status;
        problem.Title = status == StatusCodes.Status415UnsupportedMediaType ? "Unsupported media type." : "The request is not valid.";
        problem.Detail = detail;
        problem.Type = $"https://parley.dev/problems/{code}";
        problem.Extensions["code"] = code;
        return await problems.TryWriteAsync(new() { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private (string Code, string Detail, IReadOnlyList<string>? Fields, string? FieldError) DescribeJson(JsonException error, Type? bodyType)
    {
        var field = error.Path is null or "$" ? null : error.Path.StartsWith("$.", StringComparison.Ordinal) ? error.Path[2..] : error.Path.TrimStart('$');
        if (error is JsonValueRefusedException refused)
        {
            // A value refused for what it is (a control character, a null), not for its type.
            return (refused.Code, $"The request body's field {refused.Field} {refused.Problem}", [refused.Field], Capitalised(refused.Problem));
        }

        if (MissingRequired().Match(error.Message) is { Success: true } missing)
        {
            // A constructor parameter without a default that the body leaves out: name every one, below the object's path.
            var names = missing.Groups["name"].Captures.Select(c => field is null ? c.Value : $"{field}.{c.Value}").ToArray();
            return ("request.missing_field", $"The request body needs {Join(names)}: {(names.Length == 1 ? "it is" : "they are")} missing.", names, "Required.");
        }

        var where = error.LineNumber is { } line ? $" at line {line + 1}, position {(error.BytePositionInLine ?? 0) + 1}" : "";
        var reason = Reason().Match(error.Message).Groups["reason"].Value.TrimEnd('.');
        // The reader's syntax errors come wrapped (its exception derives from JsonException); a converter's refusal does not.
        if (error.InnerException is JsonException reader && reader.GetType() != typeof(JsonException))
        {
            // The reader's own words say what breaks the syntax ("'}' is an invalid start of a value").
            var within = field is null ? "" : $" (in {field})";
            return ("request.malformed_json", $"The request body is not valid JSON: {Plain(reason)}{where}{within}.", One(field), null);
        }

        var expected = Expected(TypeAt(bodyType, error.Path));
        if (field is null)
        {
            return ("request.malformed_json", $"The request body has the wrong shape: expected {expected}{where}.", null, null);
        }

        return ("request.invalid_field", $"The request body's field {field} is not valid: expected {expected}{where}.", [field], $"Expected {expected}.");
    }

    /// <summary>Minimal APIs' binding messages name the parameter's .NET type; say the same with the parameter's name alone.</summary>
    private static (string Code, string Detail, IReadOnlyList<string>? Fields, string? FieldError) DescribeBinding(string message)
    {
        if (FailedToBind().Match(message) is { Success: true } failed)
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(failed.Groups["name"].Value);
            // The value as sent, clipped and with any control character shown, so the detail stays one readable line.
            var value = failed.Groups["value"].Value;
            value = ControlCharacters.Visible(value.Length > 60 ? value[..60] + "…" : value);
            return ("request.invalid_parameter", $"The parameter {name} cannot be '{value}': expected {ExpectedFromName(failed.Groups["type"].Value)}.", [name], $"Expected {ExpectedFromName(failed.Groups["type"].Value)}.");
        }

        if (ImplicitBodyMissing().IsMatch(message))
        {
            return ("request.missing_body", "The request body is empty: send a JSON object with Content-Type: application/json.", null, null);
        }

        if (Required().Match(message) is { Success: true } required)
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(required.Groups["name"].Value);
            return required.Groups["source"].Value == "body"
                ? ("request.missing_body", "The request body is empty: send a JSON object with Content-Type: application/json.", null, null)
                : ("request.missing_parameter", $"The parameter {name} is required.", [name], "Required.");
        }

        return ("request.unreadable", message, null, null);
    }

    /// <summary>The declared type at a JSON path ($.a.b[0].c) of the body, found the way the serializer names properties.</summary>
    private Type? TypeAt(Type? type, string? path)
    {
        if (type is null || path is null)
        {
            return type;
        }

        foreach (var segment in PathSegment().Matches(path).Select(m => m.Groups["name"]))
        {
            type = Element(type);
            if (!segment.Success)
            {
                continue;
            }

            var property = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).FirstOrDefault(p =>
                string.Equals(p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? json.Value.SerializerOptions.PropertyNamingPolicy?.ConvertName(p.Name) ?? p.Name, segment.Value, StringComparison.OrdinalIgnoreCase));
            if (property is null)
            {
                return null;
            }

            type = property.PropertyType;
        }

        return type;
    }

    private static Type Element(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type != typeof(string) && type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>)) is { } enumerable
            ? enumerable.GetGenericArguments()[0]
            : type;
    }

    /// <summary>What a value of this type looks like, in the words of the API's documentation.</summary>
    private string Expected(Type? type)
    {
        type = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            null => "a value of another type",
            _ when type == typeof(string) => "text",
            _ when type == typeof(bool) => "true or false",
            _ when type == typeof(decimal) || type == typeof(double) || type == typeof(float) => "a number",
            _ when type == typeof(int) || type == typeof(long) || type == typeof(short) => "a whole number",
            _ when type == typeof(Guid) || type.Name.EndsWith("Id", StringComparison.Ordinal) => "an id (a GUID in quotes)",
            _ when type == typeof(LocalDate) => "a date such as \"2026-01-31\"",
            _ when type == typeof(Instant) || type == typeof(DateTimeOffset) || type == typeof(OffsetDateTime) => "a date and time such as \"2026-01-31T09:30:00Z\"",
            _ when type == typeof(LocalTime) => "a time such as \"09:30:00\"",
            { IsEnum: true } => $"one of {string.Join(", ", Enum.GetNames(type).Select(n => type.GetField(n)?.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? (json.Value.SerializerOptions.Converters.OfType<JsonStringEnumConverter>().Any() ? JsonNamingPolicy.SnakeCaseLower.ConvertName(n) : n)))}",
            _ when Element(type) != type => "a list",
            _ => "an object",
        };
    }

    /// <summary>The same for a parameter, from the type name the binding message gives ("int", "Nullable&lt;int&gt;", "LocalDate?").</summary>
    private static string ExpectedFromName(string typeName)
    {
        var name = typeName.Replace("Nullable<", "", StringComparison.Ordinal).TrimEnd('>', '?');
        return name[(name.LastIndexOf('.') + 1)..].ToLowerInvariant() switch
        {
            "int" or "long" or "short" or "int32" or "int64" or "int16" => "a whole number",
            "decimal" or "double" or "float" or "single" => "a number",
            "bool" or "boolean" => "true or false",
            "localdate" => "a date such as 2026-01-31",
            "instant" or "datetimeoffset" => "a date and time such as 2026-01-31T09:30:00Z",
            var n when n == "guid" || n.EndsWith("id", StringComparison.Ordinal) => "an id (a GUID)",
            _ => "a value of another form",
        };
    }

    /// <summary>The reader's words, with its jargon for "the body stops early" and "the body is empty" said plainly.</summary>
    private static string Plain(string reason) =>
        reason.StartsWith("Expected depth to be zero", StringComparison.Ordinal) || reason.Contains("reached end of data", StringComparison.Ordinal)
            ? "it ends before every object and array is closed"
            : reason.StartsWith("The input does not contain any JSON tokens", StringComparison.Ordinal) ? "it is empty"
            : reason.StartsWith("The maximum configured depth", StringComparison.Ordinal) ? "it nests objects and arrays more than 64 deep"
            : Sentence(reason.Replace(" which is not supported in this mode. Change the reader options", "", StringComparison.Ordinal));

    private static string Sentence(string reason) => reason.Length > 0 && char.IsUpper(reason[0]) && !(reason.Length > 1 && char.IsUpper(reason[1]))
        ? char.ToLowerInvariant(reason[0]) + reason[1..]
        : reason;

    private static string[]? One(string? field) => field is null ? null : [field];

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string Join(IReadOnlyList<string> names) =>
        names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1];

    /// <summary>The serializer's words for a constructor parameter the body leaves out: "… missing required properties including: 'a', 'b'."</summary>
    [GeneratedRegex("missing required properties including: (?:'(?<name>[^']+)'(?:, )?)+")]
    private static partial Regex MissingRequired();

    /// <summary>The serializer's message without its trailing "Path: … | LineNumber: … | BytePositionInLine: …".</summary>
    [GeneratedRegex(@"^(?<reason>.*?)(\s*Path: .*|\s*LineNumber: .*)?$", RegexOptions.Singleline)]
    private static partial Regex Reason();

    [GeneratedRegex(@"Path: (?<path>\$[^ |]*)")]
    private static partial Regex JsonPath();

    [GeneratedRegex(@"\.(?<name>[^.\[\]]+)|\[(?:'(?<name>[^']+)'|\d+)\]")]
    private static partial Regex PathSegment();

    [GeneratedRegex("^Failed to bind parameter \"(?<type>.+) (?<name>[^ ]+)\" from \"(?<value>.*)\"\\.$", RegexOptions.Singleline)]
    private static partial Regex FailedToBind();

    /// <summary>What a minimal API says when an endpoint's body parameter is inferred (not marked [FromBody]) and the request has none.</summary>
    [GeneratedRegex("^Implicit body inferred for parameter \".+\" but no body was provided")]
    private static partial Regex ImplicitBodyMissing();

    [GeneratedRegex("^Required parameter \"(?<type>.+) (?<name>[^ ]+)\" was not provided from (?<source>.+)\\.$")]
    private static partial Regex Required();
}
