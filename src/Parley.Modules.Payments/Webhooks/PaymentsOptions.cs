namespace Parley.Modules.Payments.Webhooks;

/// <summary>Configuration section <c>Payments</c>.</summary>
public sealed class PaymentsOptions
{
    public const string Section = "Payments";

    /// <summary>The sandbox secret committed in <c>appsettings.Development.json</c>: anyone can read it, so it works only in Development.</summary>
    public const string DevelopmentWebhookSecret = "whsec_sandbox_development_only_not_a_real_secret";

    /// <summary>How far a webhook's signed timestamp may be from now before it is refused as a replay.</summary>
    public int WebhookToleranceSeconds { get; set; } = 300;

    /// <summary>Payment providers by name (e.g. <c>sandbox</c>); a provider without a webhook secret is unknown.</summary>
    public Dictionary<string, PaymentProviderOptions> Providers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public string? SecretFor(string provider) =>
        Providers.FirstOrDefault(p => string.Equals(p.Key, provider, StringComparison.OrdinalIgnoreCase)).Value?.WebhookSecret is { Length: > 0 } secret
            ? secret
            : null;

    /// <summary>The providers whose webhook secret is the committed development one.</summary>
    public IEnumerable<string> ProvidersWithDevelopmentSecret() =>
        Providers.Where(p => p.Value?.WebhookSecret == DevelopmentWebhookSecret).Select(p => p.Key).Order(StringComparer.Ordinal);
}

public sealed class PaymentProviderOptions
{
    public string? WebhookSecret { get; set; }
}
