using Microsoft.Extensions.Diagnostics.HealthChecks;
using Parley.Modules.Care.Contracts;
using Shouldly;

namespace Parley.Modules.Care.Tests;

/// <summary>The host is ready only when Care can read a message with its model and encoder.</summary>
public sealed class CareReadinessTests
{
    [Fact]
    public async Task The_shipped_classifier_reads_the_probe_and_says_which_model()
    {
        var classifier = CareClassifiers.Default();

        var result = await new CareReadiness(classifier).CheckHealthAsync(new HealthCheckContext(), TestContext.Current.CancellationToken);

        result.Status.ShouldBe(HealthStatus.Healthy);
        result.Description.ShouldBe($"Care reads messages with {classifier.ModelVersion}");
        classifier.ModelVersion.ShouldStartWith("care-");
    }

    [Fact]
    public async Task A_classifier_that_cannot_read_makes_the_host_not_ready()
    {
        var result = await new CareReadiness(new Broken()).CheckHealthAsync(new HealthCheckContext(), TestContext.Current.CancellationToken);

        result.Status.ShouldBe(HealthStatus.Unhealthy);
        result.Exception.ShouldBeOfType<DllNotFoundException>();
    }

    // What a host without ONNX Runtime's native library would meet on its first message.
    private sealed class Broken : ICareClassifier
    {
        public string ModelVersion => "care-broken";

        public CareClassification Classify(CareText text) => throw new DllNotFoundException("onnxruntime");
    }
}
