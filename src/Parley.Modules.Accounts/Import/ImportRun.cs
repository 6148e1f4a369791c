using NodaTime;
using Parley.SharedKernel;

namespace Parley.Modules.Accounts.Import;

/// <summary>One placement file processed: what was read, what was kept, what was rejected and why.</summary>
public sealed class ImportRun
{
    private ImportRun()
    {
        FileName = "";
        Sha256 = "";
    }

    public ImportRun(string fileName, bool dryRun, Instant startedAt, ImportRunOwner owner, Duration lease)
    {
        ArgumentNullException.ThrowIfNull(owner);
        Id = ImportId.New();
        FileName = fileName;
        Sha256 = "";
        DryRun = dryRun;
        StartedAt = startedAt;
        Status = ImportRunStatus.Running;
        OwnerHost = owner.Host;
        OwnerProcessId = owner.ProcessId;
        OwnerInstance = owner.Instance;
        HeartbeatAt = startedAt;
        LeaseUntil = startedAt + lease;
    }

    public ImportId Id { get; private set; }

    public string FileName { get; private set; }

    /// <summary>SHA-256 of the file's bytes as received, in lower-case hex; empty until the whole file is read.</summary>
    public string Sha256 { get; private set; }

    public bool DryRun { get; private set; }

    public ImportRunStatus Status { get; private set; }

    public Instant StartedAt { get; private set; }

    public Instant? FinishedAt { get; private set; }

    public long RowsRead { get; private set; }

    public long RowsAccepted { get; private set; }

    public long RowsRejected { get; private set; }

    public long AccountsCreated { get; private set; }

    public long AccountsUpdated { get; private set; }

    public long AccountsUnchanged { get; private set; }

    /// <summary>Why the run stopped before the end of the file; null when it completed.</summary>
    public string? Failure { get; private set; }

    /// <summary>The machine whose process runs the import (null for runs recorded before owners were).</summary>
    public string? OwnerHost { get; private set; }

    /// <summary>That process's id on <see cref="OwnerHost"/>.</summary>
    public int? OwnerProcessId { get; private set; }

    /// <summary>An id the process drew when it started, so a later process given the same pid is told apart.</summary>
    public Guid? OwnerInstance { get; private set; }

    /// <summary>The run's last sign of life: its start, then each batch commit (the counts above are as of that commit).</summary>
    public Instant? HeartbeatAt { get; private set; }

    /// <summary>Until when the run counts as alive without another commit; past it, any host marks it interrupted.</summary>
    public Instant? LeaseUntil { get; private set; }

    public void Complete(string sha256, ImportCounts counts, Instant at)
    {
        Sha256 = sha256;
        Record(counts);
        Status = ImportRunStatus.Completed;
        FinishedAt = at;
    }

    public void Fail(string failure, ImportCounts counts, Instant at)
    {
        Record(counts);
        Failure = failure.Length > 1000 ? failure[..1000] : failure;
        Status = ImportRunStatus.Failed;
        FinishedAt = at;
    }

    private void Record(ImportCounts counts)
    {
        RowsRead = counts.RowsRead;
        RowsAccepted = counts.RowsAccepted;
        RowsRejected = counts.RowsRejected;
        AccountsCreated = counts.AccountsCreated;
        AccountsUpdated = counts.AccountsUpdated;
        AccountsUnchanged = counts.AccountsUnchanged;
    }
}

/// <summary>Running totals of an import; rows read = accepted + rejected, accepted = created + updated + unchanged.</summary>
public sealed record ImportCounts(long RowsRead, long RowsAccepted, long RowsRejected, long AccountsCreated, long AccountsUpdated, long AccountsUnchanged)
{
    public static ImportCounts Zero { get; } = new(0, 0, 0, 0, 0, 0);

    /// <summary>These totals and one more batch of <paramref name="rowsRead"/> rows written with <paramref name="outcome"/>.</summary>
    internal ImportCounts After(long rowsRead, BatchOutcome outcome)
    {
        var rejectedRows = outcome.Rejects.Select(r => r.RowNumber).Distinct().LongCount();
        return new ImportCounts(
            RowsRead + rowsRead,
            RowsAccepted + rowsRead - rejectedRows,
            RowsRejected + rejectedRows,
            AccountsCreated + outcome.Created,
            AccountsUpdated + outcome.Updated,
            AccountsUnchanged + outcome.Unchanged);
    }
}

/// <summary>One problem with one row (and field) of a placement file. A row may have several.</summary>
public sealed class ImportReject
{
    private ImportReject()
    {
        AccountRef = "";
        Field = "";
        Message = "";
    }

    public ImportReject(ImportId importId, long rowNumber, int ordinal, string accountRef, string field, string message)
    {
        ImportId = importId;
        RowNumber = rowNumber;
        Ordinal = ordinal;
        AccountRef = accountRef;
        Field = field;
        Message = message;
    }

    public ImportId ImportId { get; private set; }

    /// <summary>The record's number in the file; the header is row 1.</summary>
    public long RowNumber { get; private set; }

    /// <summary>Position of this problem among the row's problems.</summary>
    public int Ordinal { get; private set; }

    public string AccountRef { get; private set; }

    /// <summary>The column at fault, or empty when the whole row is (broken quoting, wrong number of fields).</summary>
    public string Field { get; private set; }

    public string Message { get; private set; }
}
