using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Payments.Contracts;
using Parley.Persistence;
using Parley.Persistence.Conventions;
using Parley.SharedKernel;

namespace Parley.Modules.Accounts.Import;

public sealed record PlacementImportRequest(Stream File, string FileName, bool DryRun)
{
    /// <summary>Where to write the rejects CSV as it is produced, besides the database; optional.</summary>
    public TextWriter? RejectsOut { get; init; }

    public ImportProgress? Progress { get; init; }

    /// <summary>Rows per transaction: a few thousand keeps transactions large and memory flat.</summary>
    public int BatchSize { get; init; } = 5000;
}

/// <summary>
/// The placement import pipeline. One thread reads and validates the file while another writes the previous
/// batch, joined by a channel two batches deep, so memory stays flat whatever the file's size: only the set of
/// (creditor, account_ref) keys seen so far grows, by about 40 bytes a row, to reject in-file duplicates.
/// Each run records its owner and a lease its batch commits renew (ADR 0014); a run whose process is gone is marked
/// interrupted by the next import, or the next host to start, and the same file run again finishes it.
/// </summary>
public sealed class PlacementImporter(ParleyDbContext db, ILedgerPlacements ledger, IPlacedContactHistory contactHistory, IClock clock, ImportRunOwner owner, ImportLease lease)
{
    public async Task<ImportRun> ImportAsync(PlacementImportRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var reader = new PlacementFileReader(request.File);
        reader.ReadHeader();

        var now = clock.GetCurrentInstant();
        // A date is "in the future" only once it has begun nowhere on Earth (UTC+14 is the first zone to reach it).
        var latestToday = now.InZone(DateTimeZone.ForOffset(Offset.FromHours(14))).Date;
        var creditors = (await db.Set<Creditor>().AsNoTracking().ToListAsync(cancellationToken))
            .ToDictionary(c => c.Code, c => new CreditorInfo(c.Id, c.Code, c.Currency, AllocationWaterfall.Parse(c.Waterfall)), StringComparer.Ordinal);
        // A run of this file that died earlier shows as interrupted (not still running) beside the one that finishes it.
        await new ImportRunSweeper(db, clock, owner).MarkInterruptedAsync(cancellationToken);
        var run = new ImportRun(Path.GetFileName(request.FileName), request.DryRun, now, owner, lease.Duration);
        db.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();

        IPlacementStore store = db.Provider switch
        {
            DatabaseProvider.Sqlite => new SqlitePlacementStore(db),
            DatabaseProvider.Postgres => new PostgresPlacementStore(db),
        };
        var writer = new PlacementBatchWriter(db, store, ledger, contactHistory, run.Id, request.DryRun, now, owner, lease, clock);
        var validator = new PlacementRowValidator(creditors, latestToday, now);
        // The model's own converter (a sealing cipher), run on the reading thread instead of the writer's.
        var storedDateOfBirth = BulkTable<Customer>.Of(db).StoredText<LocalDate>(nameof(Customer.DateOfBirth));
        var channel = Channel.CreateBounded<PlacementBatch>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(() => Produce(reader, validator, storedDateOfBirth, request, channel.Writer, stop.Token), stop.Token);

        try
        {
            await foreach (var batch in channel.Reader.ReadAllAsync(stop.Token))
            {
                var outcome = await writer.WriteAsync(batch, stop.Token);
                if (request.RejectsOut is { } rejectsOut)
                {
                    foreach (var reject in outcome.Rejects)
                    {
                        await rejectsOut.WriteLineAsync(RejectsCsv.Line(reject.RowNumber, reject.AccountRef, reject.Field, reject.Message));
                    }
                }
            }

            await producer;
            run.Complete(reader.FinishHash(), writer.Counts, clock.GetCurrentInstant());
        }
        catch (DomainException e) when (e.Error is PlacementFileUnreadable)
        {
            run.Fail(e.Error.Detail, writer.Counts, clock.GetCurrentInstant());
        }
        catch (Exception e)
        {
            await stop.CancelAsync();
            await Task.WhenAny(producer);
            if (e is not DomainException { Error: ImportRunInterrupted })
            {
                await RecordFailureAsync(run, $"The import stopped: {e.GetType().Name}. Rows committed before the failure are kept.", writer.Counts);
            }

            throw;
        }

        if (!await FinishAsync(run, cancellationToken))
        {
            throw new DomainException(new ImportRunInterrupted(run.Id));
        }

        db.ChangeTracker.Clear();
        return run;
    }

    private async Task RecordFailureAsync(ImportRun run, string failure, ImportCounts counts)
    {
        try
        {
            db.ChangeTracker.Clear();
            run.Fail(failure, counts, clock.GetCurrentInstant());
            await FinishAsync(run, CancellationToken.None);
        }
        catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException)
        {
            // The database itself is failing; the original exception is the one worth reporting.
        }
    }

    /// <summary>
    /// Records how the run ended, unless another host has marked it interrupted meanwhile (then that stays, with the
    /// counts its batches committed); answers whether it was recorded.
    /// </summary>
    private async Task<bool> FinishAsync(ImportRun run, CancellationToken cancellationToken) =>
        await db.Set<ImportRun>()
            .Where(r => r.Id == run.Id && r.Status == ImportRunStatus.Running && r.OwnerInstance == owner.Instance)
            .ExecuteUpdateAsync(
                s => s.SetProperty(r => r.Status, run.Status)
                    .SetProperty(r => r.Sha256, run.Sha256)
                    .SetProperty(r => r.FinishedAt, run.FinishedAt)
                    .SetProperty(r => r.Failure, run.Failure)
                    .SetProperty(r => r.RowsRead, run.RowsRead)
                    .SetProperty(r => r.RowsAccepted, run.RowsAccepted)
                    .SetProperty(r => r.RowsRejected, run.RowsRejected)
                    .SetProperty(r => r.AccountsCreated, run.AccountsCreated)
                    .SetProperty(r => r.AccountsUpdated, run.AccountsUpdated)
                    .SetProperty(r => r.AccountsUnchanged, run.AccountsUnchanged),
                cancellationToken) == 1;

    private static async Task Produce(
        PlacementFileReader reader, PlacementRowValidator validator, Func<LocalDate, string> storedDateOfBirth, PlacementImportRequest request, ChannelWriter<PlacementBatch> output, CancellationToken cancellationToken)
    {
        try
        {
            var firstRowOf = new Dictionary<UInt128, long>();
            var rows = new List<PlacementRow>(request.BatchSize);
            var rejects = new List<RowProblem>();
            long inBatch = 0;
            long total = 0;
            PlacementFileUnreadable? stoppedBy = null;
            while (NextOrUnreadable(reader, out stoppedBy) is { } record)
            {
                cancellationToken.ThrowIfCancellationRequested();
                inBatch++;
                total++;
                var accountRef = record.Fields.Length > PlacementColumns.AccountRef ? record.Fields[PlacementColumns.AccountRef].Trim() : "";
                // The reject names the account as the file does, with any control character shown, never stored.
                accountRef = ControlCharacters.Visible(accountRef.Length > 64 ? accountRef[..64] : accountRef);
                if (record.Problem is not null)
                {
                    rejects.Add(new RowProblem(record.RowNumber, accountRef, "", record.Problem));
                }
                else
                {
                    var problemsBefore = rejects.Count;
                    var row = validator.Validate(record, rejects);
                    var creditorCode = ControlCharacters.Visible(record.Fields[PlacementColumns.CreditorCode].Trim());
                    if (accountRef.Length > 0 && !firstRowOf.TryAdd(Key(creditorCode, accountRef), record.RowNumber))
                    {
                        var first = firstRowOf[Key(creditorCode, accountRef)];
                        rejects.Insert(problemsBefore, new RowProblem(record.RowNumber, accountRef, PlacementColumns.Names[PlacementColumns.AccountRef],
                            $"{accountRef} already appears on row {first} for creditor {creditorCode}; only the first row of an account is imported"));
                        row = null;
                    }

                    if (row is not null)
                    {
                        // The statement JSON (memoised) and the sealed date of birth are made here, on the reading thread, so the single writer only writes.
                        row.Statements.ToJson();
                        row.StoredDateOfBirth = row.DateOfBirth is { } born ? storedDateOfBirth(born) : null;
                        rows.Add(row);
                    }
                }

                if (inBatch >= request.BatchSize)
                {
                    request.Progress?.Report(reader.BytesRead, total);
                    await output.WriteAsync(new PlacementBatch(rows, rejects, inBatch), cancellationToken);
                    rows = new List<PlacementRow>(request.BatchSize);
                    rejects = [];
                    inBatch = 0;
                }
            }

            if (stoppedBy is not null)
            {
                inBatch++;
                total++;
                rejects.Add(new RowProblem(stoppedBy.RowNumber, "", "", stoppedBy.Detail));
            }

            if (inBatch > 0)
            {
                await output.WriteAsync(new PlacementBatch(rows, rejects, inBatch), cancellationToken);
            }

            request.Progress?.Report(reader.BytesRead, total);
            output.Complete(stoppedBy is null ? null : new DomainException(stoppedBy));
        }
        catch (Exception e)
        {
            output.Complete(e);
        }
    }

    /// <summary>The next record, or null at the end of the file or where the rest of it cannot be read.</summary>
    private static RawRecord? NextOrUnreadable(PlacementFileReader reader, out PlacementFileUnreadable? stoppedBy)
    {
        stoppedBy = null;
        try
        {
            return reader.Next();
        }
        catch (DomainException e) when (e.Error is PlacementFileUnreadable unreadable)
        {
            stoppedBy = unreadable;
            return null;
        }
    }

    /// <summary>128 bits of SHA-256: collisions are negligible and the key set stays small for millions of rows.</summary>
    private static UInt128 Key(string creditorCode, string accountRef)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(creditorCode + "\u001F" + accountRef), digest);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(digest);
    }
}

/// <summary>The rejects report: <c>row_number,account_ref,field,message</c>, RFC 4180 quoting, formulas neutralised (<see cref="CsvCells"/>).</summary>
public static class RejectsCsv
{
    public const string Header = ImportRejectView.CsvHeader;

    public static string Line(long rowNumber, string accountRef, string field, string message) =>
        CsvCells.Line(rowNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), accountRef, field, message);
}
