using Microsoft.Extensions.Diagnostics.HealthChecks;
using Parley.Modules.Care.Contracts;

namespace Parley.Modules.Care;

/// <summary>
/// Ready when the classifier reads a message end to end: the model and, when its heads stack it, the sentence encoder.
/// The first probe also opens the encoder's session, so the first customer's reply does not wait for it.
/// </summary>
public sealed class CareReadiness(ICareClassifier classifier) : IHealthCheck
{
    private static readonly CareText Probe = new("Thanks for the text. I get paid on the 15th, can I pay then?");

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            classifier.Classify(Probe);
            return Task.FromResult(HealthCheckResult.Healthy($"Care reads messages with {classifier.ModelVersion}"));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A reply that cannot be read is retried and then shown to a person; readiness says so before any arrives.
            return Task.FromResult(HealthCheckResult.Unhealthy("Care cannot read messages: the classifier failed on a probe text", e));
        }
    }
}
