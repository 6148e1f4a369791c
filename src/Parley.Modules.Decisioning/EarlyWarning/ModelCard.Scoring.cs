namespace Parley.Modules.Decisioning.EarlyWarning;

/// <summary>The model card's entry for the flat forest that scoring reads (see <see cref="Scoring.FlatForest"/>).</summary>
public sealed partial record ModelCard
{
    /// <summary>SHA-256 of <c>forest.bin</c>; scoring refuses a forest that does not match it.</summary>
    public string ForestSha256 { get; init; } = "";
}
