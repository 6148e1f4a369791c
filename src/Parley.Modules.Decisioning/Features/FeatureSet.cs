namespace Parley.Modules.Decisioning.Features;

/// <summary>A model's inputs: the version its cards record and the definitions (reason codes, texts) in vector order.</summary>
public sealed record FeatureSet(string Version, IReadOnlyList<FeatureDefinition> Definitions)
{
    public int Count => Definitions.Count;
}
