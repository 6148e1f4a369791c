using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;
using Parley.SharedKernel;

namespace Parley.Composition;

/// <summary>
/// One JSON shape for the API and the CLI: ISO-8601 instants and dates, bare GUID ids, snake_case enum values. What it
/// reads is strict, so a bad body is a 400 naming the field rather than a null or a NUL deep inside a use case: a
/// constructor parameter without a default must be sent, nothing declared non-nullable may be null (a list's items
/// included), and no string may hold a control character (<see cref="JsonInputChecks"/>).
/// </summary>
public static class ParleyJson
{
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);
        options.Converters.Add(new StronglyTypedIdJsonConverterFactory());
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        return JsonInputChecks.Apply(options);
    }
}
