using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Parley.Modules.Arrangements.Affordability;
using Parley.SharedKernel;

namespace Parley.Modules.Arrangements.Offers;

/// <summary>
/// Temporary: no I&amp;E is stored yet, so every account is offered as without one. Registered with TryAdd so the stored
/// source (Affordability/, another branch) replaces it once merged; then this file goes.
/// </summary>
internal sealed class NoAffordabilityYet : IAffordabilitySource
{
    public Task<AffordabilityAssessment?> LatestAsync(AccountId accountId, CancellationToken ct) => Task.FromResult<AffordabilityAssessment?>(null);

    public static IServiceCollection Register(IServiceCollection services)
    {
        services.TryAddScoped<IAffordabilitySource, NoAffordabilityYet>();
        return services.AddScoped<GetAccountOffers>();
    }
}
