using Parley.SharedKernel;

namespace Parley.Modules.Arrangements.Affordability;

/// <summary>The latest income and expenditure assessment recorded for an account, or null when there is none yet.</summary>
public interface IAffordabilitySource
{
    Task<AffordabilityAssessment?> LatestAsync(AccountId accountId, CancellationToken ct);
}
