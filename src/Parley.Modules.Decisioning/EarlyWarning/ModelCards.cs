using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using Parley.Modules.Decisioning.Contracts;
using Parley.Modules.Decisioning.Features;
using Parley.Modules.Decisioning.Scoring;

namespace Parley.Modules.Decisioning.EarlyWarning;

/// <summary>
/// A model directory as scoring and the registry read it: its file names, the card's JSON and the checks on it. Training
/// (Parley.Modules.Decisioning.Training) writes directories in this shape.
/// </summary>
public static class ModelCards
{
    public const string EarlyWarningFormat = "parley-early-warning/2";
    public const string PropensityFormat = "parley-propensity/1";

    /// <summary>The ML.NET model training writes beside the forest; scoring never reads it.</summary>
    public const string ModelFile = "model.zip";
    public const string CardJsonFile = "model-card.json";
    public const string CardMarkdownFile = "model-card.md";

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        // The card is read by people: keep quotes and ampersands as they are (it is never embedded in HTML).
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new InstantIsoConverter() },
    };

    /// <summary>The early-warning model card of a directory, checked to be of the format and feature set this build reads.</summary>
    public static ModelCard ReadCard(string directory)
    {
        var (card, cardPath) = DeserializeCard(directory, ModelFile);

        if (card.Format != EarlyWarningFormat || card.FeatureSet != EarlyWarningFeatures.FeatureSetVersion)
        {
            throw new ModelDirectoryException($"{cardPath}: format {card.Format} / {card.FeatureSet}; this command reads {EarlyWarningFormat} / {EarlyWarningFeatures.FeatureSetVersion}");
        }

        return card;
    }

    /// <summary>The model card of a directory of any kind this build reads (early warning or propensity to pay).</summary>
    public static ModelCard ReadAnyCard(string directory)
    {
        var (card, cardPath) = DeserializeCard(directory, FlatForest.FileName);

        if (ModelFormats.Of(card) is null)
        {
            throw new ModelDirectoryException($"{cardPath}: format {card.Format} / {card.FeatureSet}; this build reads {string.Join(", ", ModelFormats.All.Select(f => $"{f.Format} / {f.Features.Version}"))}");
        }

        return card;
    }

    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>A directory's model card as written, before any check of its format.</summary>
    private static (ModelCard Card, string CardPath) DeserializeCard(string directory, string modelFile)
    {
        var cardPath = Path.Combine(directory, CardJsonFile);
        if (!File.Exists(cardPath))
        {
            throw new ModelDirectoryException($"{directory}: not a model directory (needs {modelFile} and {CardJsonFile})");
        }

        try
        {
            return (JsonSerializer.Deserialize<ModelCard>(File.ReadAllText(cardPath), Json)
                ?? throw new ModelDirectoryException($"{cardPath}: empty model card"), cardPath);
        }
        catch (JsonException e)
        {
            throw new ModelDirectoryException($"{cardPath}: unreadable model card ({e.Message})");
        }
    }

    private sealed class InstantIsoConverter : JsonConverter<Instant>
    {
        public override Instant Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            NodaTime.Text.InstantPattern.ExtendedIso.Parse(reader.GetString() ?? "").GetValueOrThrow();

        public override void Write(Utf8JsonWriter writer, Instant value, JsonSerializerOptions options) =>
            writer.WriteStringValue(NodaTime.Text.InstantPattern.ExtendedIso.Format(value));
    }
}
