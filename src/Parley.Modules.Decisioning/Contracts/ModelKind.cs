namespace Parley.Modules.Decisioning.Contracts;

/// <summary>What a model predicts; one version of each kind is active at a time.</summary>
public enum ModelKind
{
    /// <summary>Probability of missing the next payment.</summary>
    EarlyWarning,

    /// <summary>Probability of a payment within 30 days for an account in collections.</summary>
    Propensity,
}
