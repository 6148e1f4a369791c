using Parley.Modules.Decisioning.Contracts;
using Parley.Modules.Decisioning.Features;

namespace Parley.Modules.Decisioning.EarlyWarning;

/// <summary>A model directory format this build reads: its kind and the feature set its forest scores.</summary>
public sealed record ModelFormat(ModelKind Kind, string Format, FeatureSet Features);

public static class ModelFormats
{
    public static ModelFormat EarlyWarning { get; } = new(ModelKind.EarlyWarning, ModelCards.EarlyWarningFormat, EarlyWarningFeatures.Set);

    public static ModelFormat Propensity { get; } = new(ModelKind.Propensity, ModelCards.PropensityFormat, PropensityFeatures.Set);

    public static IReadOnlyList<ModelFormat> All { get; } = [EarlyWarning, Propensity];

    /// <summary>The format of a card, or null when this build does not read it.</summary>
    public static ModelFormat? Of(ModelCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return All.FirstOrDefault(f => f.Format == card.Format && f.Features.Version == card.FeatureSet);
    }

    public static ModelFormat Of(ModelKind kind) => All.Single(f => f.Kind == kind);
}
