using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Parley.Modules.Payments.Webhooks;
using Parley.Web.Security;

namespace Parley.Web.Tests;

/// <summary>
/// The webhook secret committed in appsettings.Development.json works only in Development: anywhere else the host
/// refuses to start with it, naming the setting. (The started host itself: <c>HostEnvironmentTests</c>, end to end.)
/// </summary>
public sealed class DevelopmentSecretsTests
{
    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    [InlineData("Testing")]
    public void Outside_development_the_committed_secret_is_refused_by_its_setting(string environment)
    {
        var refusal = DevelopmentSecrets.RefusalToStart(new Environment(environment), Settings(("sandbox", PaymentsOptions.DevelopmentWebhookSecret)));
        refusal.ShouldNotBeNull();
        refusal.ShouldContain("Payments:Providers:sandbox:WebhookSecret");
        refusal.ShouldContain($"runs in {environment}");
        refusal.ShouldContain("Payments__Providers__sandbox__WebhookSecret");
    }

    [Fact]
    public void Every_provider_with_the_committed_secret_is_named()
    {
        var refusal = DevelopmentSecrets.RefusalToStart(new Environment("Production"),
            Settings(("sandbox", "a-real-secret"), ("acme", PaymentsOptions.DevelopmentWebhookSecret), ("zeta", PaymentsOptions.DevelopmentWebhookSecret)));
        refusal.ShouldNotBeNull();
        refusal.ShouldContain("Payments:Providers:acme:WebhookSecret and Payments:Providers:zeta:WebhookSecret are");
        refusal.ShouldNotContain("sandbox:");
    }

    [Fact]
    public void In_development_the_committed_secret_is_accepted() =>
        DevelopmentSecrets.RefusalToStart(new Environment("Development"), Settings(("sandbox", PaymentsOptions.DevelopmentWebhookSecret))).ShouldBeNull();

    [Fact]
    public void Outside_development_a_real_secret_or_none_is_accepted()
    {
        DevelopmentSecrets.RefusalToStart(new Environment("Production"), Settings(("sandbox", "whsec_a_real_one_from_the_provider"))).ShouldBeNull();
        DevelopmentSecrets.RefusalToStart(new Environment("Production"), Settings()).ShouldBeNull();
    }

    [Fact]
    public void The_committed_development_settings_hold_the_secret_the_check_knows()
    {
        // If the committed value changed without the check, production would accept the new public secret.
        var file = Path.Combine(ExternalTools.RepositoryRoot, "src", "Parley.Web", "appsettings.Development.json");
        var development = new ConfigurationBuilder().AddJsonFile(file).Build();
        DevelopmentSecrets.RefusalToStart(new Environment("Production"), development).ShouldNotBeNull();
    }

    private static IConfiguration Settings(params (string Provider, string Secret)[] providers) =>
        new ConfigurationBuilder().AddInMemoryCollection(providers.ToDictionary(p => $"Payments:Providers:{p.Provider}:WebhookSecret", p => (string?)p.Secret)).Build();

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "Parley.Web";

        public string ContentRootPath { get; set; } = "";

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
