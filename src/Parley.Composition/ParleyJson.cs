using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;
using Parley.SharedKernel;

namespace Parley.Composition;

/// <summary>One JSON shape for the API and the CLI: ISO-8601 instants and dates, bare GUID ids, snake_case enum values.</summary>
public static class ParleyJson
{
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);
        options.Converters.Add(new StronglyTypedIdJsonConverterFactory());
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        return options;
    }
}
