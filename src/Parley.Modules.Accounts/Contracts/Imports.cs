using NodaTime;
using Parley.SharedKernel;

namespace Parley.Modules.Accounts.Contracts;

public enum ImportRunStatus
{
    Running,
    Completed,
    Failed,

    /// <summary>Its process ended mid-file (killed, crashed, the machine lost); the counts are what its batches committed.</summary>
    Interrupted,
}

/// <summary>
/// Imports a placement file: every good row is applied (or, in a dry run, only checked), every bad row reported. The
/// caller keeps the stream open until the import returns.
/// </summary>
public sealed record ImportPlacementsRequest(Stream File, string FileName, bool DryRun)
{
    /// <summary>The largest upload the API and the Imports page accept unless <c>Imports:MaxUploadBytes</c> says otherwise.</summary>
    public const long DefaultMaxUploadBytes = 256L * 1024 * 1024;

    /// <summary>Where to write the rejects CSV as it is produced, besides the database; optional.</summary>
    public TextWriter? RejectsOut { get; init; }

    public ImportProgress? Progress { get; init; }

    /// <summary>Rows per transaction: a few thousand keeps transactions large and memory flat.</summary>
    public int BatchSize { get; init; } = 5000;
}

/// <summary>What a caller can watch while a file imports (read from another thread).</summary>
public sealed class ImportProgress
{
    private long _bytesRead;
    private long _rowsRead;

    public long BytesRead => Interlocked.Read(ref _bytesRead);

    public long RowsRead => Interlocked.Read(ref _rowsRead);

    internal void Report(long bytesRead, long rowsRead)
    {
        Interlocked.Exchange(ref _bytesRead, bytesRead);
        Interlocked.Exchange(ref _rowsRead, rowsRead);
    }
}

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
    string? Failure);

/// <summary>
/// Marks interrupted every running import whose process is gone (its lease ran out, or it ran on this machine and its
/// process is no longer there). With <c>FileName</c>, also answers the latest run of that file if it was interrupted.
/// Hosts send it at start-up and <c>parley import</c> before it imports; every import does the same first.
/// </summary>
public sealed record MarkInterruptedImportsRequest(string? FileName = null);

/// <summary>How many runs this call marked interrupted, and the latest run of the file asked about when it was interrupted.</summary>
public sealed record InterruptedImports(int Marked, ImportRunSummary? LatestOfFile);

/// <summary>A run that another host marked interrupted while this process still ran it: its next commit is refused.</summary>
public sealed record ImportRunInterrupted(ImportId Import)
    : DomainError(
        "import.interrupted",
        $"Import {Import} was marked interrupted by another host (no batch was saved within its lease, Imports:Lease); what it saved before is kept. Run the same file again to finish: rows already saved are recognised and not added twice.",
        ErrorKind.Conflict);

/// <summary>Asks for one page of import runs, latest first; <c>Page</c> counts from 1 and <c>PageSize</c> is clamped to 1–100.</summary>
public sealed record ListImportsRequest(int Page = 1, int PageSize = 100);

/// <summary>One page of import runs, latest first, and how many runs there are in all.</summary>
public sealed record ImportRunPage(List<ImportRunSummary> Items, int Total);

/// <summary>Asks for one import run: its file, status and row counts.</summary>
public sealed record GetImportRequest(ImportId Import);

/// <summary>Asks for one page of a run's rejects in row order; <c>Page</c> counts from 1 and <c>PageSize</c> is clamped to 1–200.</summary>
public sealed record GetImportRejectsRequest(ImportId Import, int Page = 1, int PageSize = 25);

/// <summary>One problem with one row, as the rejects report lists it.</summary>
public sealed record ImportRejectView(long RowNumber, string AccountRef, string Field, string Message)
{
    /// <summary>The first line of the rejects report (CSV, RFC 4180 quoting), whoever writes it.</summary>
    public const string CsvHeader = "row_number,account_ref,field,message";
}

/// <summary>One page of a run's rejects in row order, and how many there are in all.</summary>
public sealed record ImportRejectPage(List<ImportRejectView> Items, int Total);
