using NodaTime;

namespace Parley.Modules.Accounts.Import;

/// <summary>What every import entry point reports about a run.</summary>
public sealed record ImportRunSummary(
    Guid Id,
    string FileName,
    string Sha256,
    ImportRunStatus Status,
    bool DryRun,
    Instant StartedAt,
    Instant? FinishedAt,
    long RowsRead,
    long RowsAccepted,
    long RowsRejected,
    long AccountsCreated,
    long AccountsUpdated,
    long AccountsUnchanged,
    string? Failure)
{
    public static ImportRunSummary From(ImportRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new(run.Id.Value, run.FileName, run.Sha256, run.Status, run.DryRun, run.StartedAt, run.FinishedAt, run.RowsRead, run.RowsAccepted,
            run.RowsRejected, run.AccountsCreated, run.AccountsUpdated, run.AccountsUnchanged, run.Failure);
    }
}
