using Parley.Modules.Outreach;
using Parley.Modules.Payments;

namespace Parley.Web.Security;

/// <summary>
/// Secrets committed to the repository for local work. Anyone can read them, so a host outside Development refuses to
/// start with one rather than accept webhooks anyone could sign.
/// </summary>
public static class DevelopmentSecrets
{
    /// <summary>Why the host must not start (naming each setting to change), or null when it may.</summary>
    public static string? RefusalToStart(IHostEnvironment environment, IConfiguration configuration)
    {
        if (environment.IsDevelopment())
        {
            return null;
        }

        List<string> settings = [.. PaymentsModule.SettingsWithDevelopmentSecret(configuration), .. OutreachModule.SettingsWithDevelopmentSecret(configuration)];
        if (settings.Count == 0)
        {
            return null;
        }

        return $"Parley did not start: {string.Join(" and ", settings)} {(settings.Count == 1 ? "is" : "are")} the development-only webhook secret "
            + $"committed in appsettings.Development.json. Anyone can read it, so it works only in the Development environment, and this host runs in "
            + $"{environment.EnvironmentName}. Set the real secret (for example the environment variable "
            + $"{settings[0].Replace(":", "__", StringComparison.Ordinal)}) or remove the setting.";
    }
}
