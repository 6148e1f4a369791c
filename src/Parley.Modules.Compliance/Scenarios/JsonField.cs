using System.Globalization;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace Parley.Modules.Compliance.Scenarios;

/// <summary>Malformed scenario input: names the scenario and the field.</summary>
public sealed class ScenarioFormatException(string scenarioId, string field, string problem)
    : Exception($"{scenarioId}: {field}: {problem}")
{
    public string ScenarioId { get; } = scenarioId;

    public string Field { get; } = field;

    public string Problem { get; } = problem;
}

/// <summary>A JSON value with its path, for reading optional fields and reporting malformed ones precisely.</summary>
internal readonly struct JsonField(JsonElement element, string path, string scenarioId)
{
    private static readonly OffsetDateTimePattern InstantPattern = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFFFFFFFo<G>");
    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;
    private static readonly LocalTimePattern TimePattern = LocalTimePattern.CreateWithInvariantCulture("HH':'mm");

    public JsonElement Element { get; } = element;

    public string Path { get; } = path;

    public string ScenarioId { get; } = scenarioId;

    public bool Exists => Element.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null);

    public JsonField this[string name]
    {
        get
        {
            var path = Path.Length == 0 ? name : $"{Path}.{name}";
            return Element.ValueKind == JsonValueKind.Object && Element.TryGetProperty(name, out var child)
                ? new JsonField(child, path, ScenarioId)
                : new JsonField(default, path, ScenarioId);
        }
    }

    public ScenarioFormatException Error(string problem) => new(ScenarioId, Path, problem);

    public string? String() => Element.ValueKind switch
    {
        JsonValueKind.String => Element.GetString(),
        JsonValueKind.Undefined or JsonValueKind.Null => null,
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => Element.GetRawText(),
        _ => throw Error("expected a string"),
    };

    public bool? Bool() => Element.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Undefined or JsonValueKind.Null => null,
        JsonValueKind.String when bool.TryParse(Element.GetString(), out var b) => b,
        _ => throw Error("expected true or false"),
    };

    public int? Int() => Element.ValueKind switch
    {
        JsonValueKind.Number when Element.TryGetInt32(out var i) => i,
        JsonValueKind.Undefined or JsonValueKind.Null => null,
        _ => throw Error("expected an integer"),
    };

    public decimal? Decimal() => Element.ValueKind switch
    {
        JsonValueKind.Number when Element.TryGetDecimal(out var d) => d,
        JsonValueKind.String when decimal.TryParse(Element.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) => d,
        JsonValueKind.Undefined or JsonValueKind.Null => null,
        _ => throw Error("expected a number"),
    };

    public Instant? Instant() => OffsetDateTime()?.ToInstant();

    public OffsetDateTime? OffsetDateTime()
    {
        var text = String();
        if (text is null)
        {
            return null;
        }

        var parsed = InstantPattern.Parse(text);
        return parsed.Success ? parsed.Value : throw Error($"'{text}' is not a valid instant (ISO 8601 with an offset or Z)");
    }

    public LocalDate? Date()
    {
        var text = String();
        if (text is null)
        {
            return null;
        }

        var parsed = DatePattern.Parse(text);
        return parsed.Success ? parsed.Value : throw Error($"'{text}' is not a valid date (YYYY-MM-DD)");
    }

    public LocalTime? Time()
    {
        var text = String();
        if (text is null)
        {
            return null;
        }

        var parsed = TimePattern.Parse(text);
        return parsed.Success ? parsed.Value : throw Error($"'{text}' is not a valid local time (HH:MM)");
    }

    public IEnumerable<JsonField> Items()
    {
        if (Element.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            yield break;
        }

        if (Element.ValueKind != JsonValueKind.Array)
        {
            throw Error("expected an array");
        }

        var i = 0;
        foreach (var item in Element.EnumerateArray())
        {
            yield return new JsonField(item, $"{Path}[{i}]", ScenarioId);
            i++;
        }
    }

    public IEnumerable<(string Name, JsonField Value)> Properties()
    {
        if (Element.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            yield break;
        }

        if (Element.ValueKind != JsonValueKind.Object)
        {
            throw Error("expected an object");
        }

        foreach (var p in Element.EnumerateObject())
        {
            yield return (p.Name, new JsonField(p.Value, $"{Path}.{p.Name}", ScenarioId));
        }
    }

    public IReadOnlyList<string> Strings() => [.. Items().Select(i => i.String()).OfType<string>()];
}
