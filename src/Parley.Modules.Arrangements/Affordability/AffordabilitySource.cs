using Microsoft.EntityFrameworkCore;
using Parley.Persistence;
using Parley.SharedKernel;

namespace Parley.Modules.Arrangements.Affordability;

/// <summary>The latest affordability assessment of an account's customer; the offers engine codes against this.</summary>
public interface IAffordabilitySource
{
    Task<AffordabilityAssessment?> LatestAsync(AccountId accountId, CancellationToken ct);
}

/// <summary>Assesses the latest stored capture again (so a new guidelines file applies), or null when none was captured.</summary>
internal sealed class AffordabilitySource(ParleyDbContext db) : IAffordabilitySource
{
    public async Task<AffordabilityAssessment?> LatestAsync(AccountId accountId, CancellationToken ct)
    {
        var capture = await LatestCaptureAsync(db, accountId, ct);
        return capture is null ? null : AffordabilityAssessor.Assess(capture.ToStatement(), capture.ToDebts(), SpendingGuidelines.Shipped);
    }

    internal static Task<IncomeExpenditureCapture?> LatestCaptureAsync(ParleyDbContext db, AccountId accountId, CancellationToken ct) =>
        db.Set<IncomeExpenditureCapture>().AsNoTracking().Include(c => c.Lines)
            .Where(c => c.AccountId == accountId)
            .OrderByDescending(c => c.Version)
            .FirstOrDefaultAsync(ct);
}
