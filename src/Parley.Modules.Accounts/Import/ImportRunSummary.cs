namespace Parley.Modules.Accounts.Import;

/// <summary>Builds the <see cref="ImportRunSummary"/> every import entry point reports.</summary>
internal static class ImportRunSummaries
{
    public static ImportRunSummary ToSummary(this ImportRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new(run.Id.Value, run.FileName, run.Sha256, run.Status, run.DryRun, run.StartedAt, run.FinishedAt, run.RowsRead, run.RowsAccepted,
            run.RowsRejected, run.AccountsCreated, run.AccountsUpdated, run.AccountsUnchanged, run.Failure);
    }
}
