namespace Parley.Modules.Payments.Webhooks;

/// <summary>Configuration section <c>Payments</c>.</summary>
public sealed class PaymentsOptions
{
    public const string Section = "Payments";

    /// <summary>How far a webhook's signed timestamp may be from now before it is refused as a replay.</summary>
    public int WebhookToleranceSeconds { get; set; } = 300;

    /// <summary>Payment providers by name (e.g. <c>sandbox</c>); a provider without a webhook secret is unknown.</summary>
    public Dictionary<string, PaymentProviderOptions> Providers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public string? SecretFor(string provider) =>
        Providers.FirstOrDefault(p => string.Equals(p.Key, provider, StringComparison.OrdinalIgnoreCase)).Value?.WebhookSecret is { Length: > 0 } secret
            ? secret
            : null;
}

public sealed class PaymentProviderOptions
{
    public string? WebhookSecret { get; set; }
}
