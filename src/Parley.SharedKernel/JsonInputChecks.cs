using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Parley.SharedKernel;

/// <summary>
/// Checks every object a JSON body is read into: a constructor parameter without a default that cannot be null must be
/// sent; once the object is read, a property (or a list's item) declared non-nullable is not null, and no string holds
/// a control character free text may not (<see cref="ControlCharacters.IndexInFreeText"/>). One check at the edge for
/// every body, so a NUL never reaches PostgreSQL and a null never reaches a use case; the serializer adds where the
/// object was read to the exception. It is a type-info modifier, not a converter, so the OpenAPI schemas keep the
/// declared types. Strings inside a dictionary or a <c>JsonElement</c> are not looked into.
/// </summary>
public static class JsonInputChecks
{
    /// <summary>Adds the checks to the options' resolver (the reflection resolver when none is set).</summary>
    public static JsonSerializerOptions Apply(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(Modifier);
        return options;
    }

    private static void Modifier(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in type.Properties)
        {
            if (property.AssociatedParameter is { HasDefaultValue: false } parameter && !parameter.IsNullable)
            {
                // A constructor parameter without a default and without null among its values must be sent (as [JsonRequired]).
                property.IsRequired = true;
            }
        }

        var checks = type.Properties.Select(Check).Where(c => c is not null).Select(c => c!).ToArray();
        if (checks.Length == 0)
        {
            return;
        }

        var before = type.OnDeserialized;
        type.OnDeserialized = value =>
        {
            before?.Invoke(value);
            foreach (var check in checks)
            {
                check(value);
            }
        };
    }

    /// <summary>The check one property needs, or null when it needs none (a value type, an object it does not look into, a property only written).</summary>
    private static Action<object>? Check(JsonPropertyInfo property)
    {
        if (property.Get is not { } get || (property.Set is null && property.AssociatedParameter is null) || property.PropertyType.IsValueType)
        {
            return null;
        }

        var nullability = property.AttributeProvider switch
        {
            PropertyInfo p => new NullabilityInfoContext().Create(p),
            FieldInfo f => new NullabilityInfoContext().Create(f),
            _ => null,
        };
        var required = nullability?.ReadState == NullabilityState.NotNull;
        var name = property.Name;
        if (property.PropertyType == typeof(string))
        {
            return value =>
            {
                switch (get(value))
                {
                    case null when required:
                        throw JsonValueRefusedException.Null(name);
                    case string text:
                        CheckText(text, name);
                        break;
                }
            };
        }

        var itemType = property.PropertyType.GetInterfaces().Append(property.PropertyType)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
        var itemNullability = nullability?.ElementType ?? (nullability?.GenericTypeArguments is [var only] ? only : null);
        var itemsRequired = itemType is { IsValueType: false } && itemNullability?.ReadState == NullabilityState.NotNull;
        var itemsAreText = itemType == typeof(string);
        if (!required && !itemsRequired && !itemsAreText)
        {
            return null;
        }

        return value =>
        {
            switch (get(value))
            {
                case null when required:
                    throw JsonValueRefusedException.Null(name);
                case IEnumerable items when (itemsRequired || itemsAreText) && itemType is not null && !property.PropertyType.IsAssignableTo(typeof(IDictionary)):
                    var index = 0;
                    foreach (var item in items)
                    {
                        if (item is null && itemsRequired)
                        {
                            throw JsonValueRefusedException.Null($"{name}[{index}]");
                        }

                        if (item is string text)
                        {
                            CheckText(text, $"{name}[{index}]");
                        }

                        index++;
                    }

                    break;
            }
        };
    }

    private static void CheckText(string text, string item)
    {
        var index = ControlCharacters.IndexInFreeText(text);
        if (index >= 0)
        {
            throw new JsonValueRefusedException("request.control_character", $"contains a control character ({ControlCharacters.Describe(text, index)}), which Parley does not store.", item);
        }
    }
}

/// <summary>
/// A value in a JSON body refused for what it is, not for its type. The serializer sets <see cref="JsonException.Path"/>
/// to where the object holding it was read; <see cref="Item"/> (e.g. <c>roles[0]</c>) is the value's path below that.
/// <see cref="Problem"/> completes "The field x …".
/// </summary>
public sealed class JsonValueRefusedException : JsonException
{
    public JsonValueRefusedException()
    {
    }

    public JsonValueRefusedException(string message)
        : base(message) => Problem = message;

    public JsonValueRefusedException(string message, Exception innerException)
        : base(message, innerException) => Problem = message;

    public JsonValueRefusedException(string code, string problem, string item)
        : base(problem)
    {
        Code = code;
        Problem = problem;
        Item = item;
    }

    /// <summary>The problem's code, e.g. <c>request.control_character</c>.</summary>
    public string Code { get; } = "request.invalid_field";

    /// <summary>What is wrong, as the end of a sentence that starts with the field's name.</summary>
    public string Problem { get; } = "is not valid.";

    /// <summary>The refused value's path below <see cref="JsonException.Path"/>.</summary>
    public string Item { get; } = "";

    /// <summary>Where the value is in the whole body, given where the serializer was (<c>$</c>, <c>$.plan</c>): <c>plan.roles[0]</c>.</summary>
    public string Field => Path is null or "$" ? Item : $"{(Path.StartsWith("$.", StringComparison.Ordinal) ? Path[2..] : Path.TrimStart('$'))}.{Item}";

    internal static JsonValueRefusedException Null(string item) => new("request.missing_field", "is required: it cannot be null.", item);
}
