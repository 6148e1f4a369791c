using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using NodaTime;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Accounts.Import;

/// <summary>
/// Marks interrupted the imports whose process is gone (ADR 0014), at a host's start-up, before <c>parley import</c>
/// and (through <see cref="ImportRunSweeper"/>) before every import; with a file name it also answers that file's latest
/// run when it was interrupted, so the CLI can say that this run finishes it.
/// </summary>
public sealed class MarkInterruptedImports(ParleyDbContext db, IClock clock, ImportRunOwner owner)
    : IUseCase<MarkInterruptedImportsRequest, InterruptedImports>
{
    public async Task<InterruptedImports> HandleAsync(Actor actor, MarkInterruptedImportsRequest request, CancellationToken cancellationToken)
    {
        // Those who load files, and Parley itself (a host starting, `parley import`); runs are every creditor's.
        actor.MustBeStaff("mark interrupted imports", [StaffRoles.Supervisor, StaffRoles.Admin], allowSystem: true);
        if (!actor.Creditors.IsAll)
        {
            throw new DomainException(new ImportNeedsEveryCreditor());
        }

        ArgumentNullException.ThrowIfNull(request);
        var marked = await new ImportRunSweeper(db, clock, owner).MarkInterruptedAsync(cancellationToken);
        if (request.FileName is not { } fileName)
        {
            return new InterruptedImports(marked, null);
        }

        var name = Path.GetFileName(fileName);
        var latest = await db.Set<ImportRun>().AsNoTracking()
            .Where(r => r.FileName == name)
            .OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id)
            .FirstOrDefaultAsync(cancellationToken);
        return new InterruptedImports(marked, latest is { Status: ImportRunStatus.Interrupted } ? latest.ToSummary() : null);
    }
}

/// <summary>
/// Finds the running imports whose process is gone and marks them <see cref="ImportRunStatus.Interrupted"/> in one
/// UPDATE. Their counts are already what their batches committed (each batch writes them in its own transaction), so
/// the UPDATE only changes the status, stamps the last commit as the time it stopped and says how to resume.
/// Idempotent, and safe when several hosts do it at once: the UPDATE takes only rows still running, and a row another
/// sweep or a live batch is changing is re-read after that one commits (PostgreSQL) or waited for (SQLite's one writer).
/// </summary>
internal sealed class ImportRunSweeper(ParleyDbContext db, IClock clock, ImportRunOwner owner)
{
    /// <summary>What an interrupted run says about itself (the API's <c>failure</c>); the counts and the time are the run's own.</summary>
    public const string Advice =
        "The process running this import ended before the end of the file. Run the same file again to finish: rows already saved are recognised and not added twice.";

    public async Task<int> MarkInterruptedAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();

        // Runs started on this machine need not wait for their lease: whether their process is still there can be asked.
        var local = await db.Set<ImportRun>().AsNoTracking()
            .Where(r => r.Status == ImportRunStatus.Running && r.OwnerHost == owner.Host)
            .Select(r => new { r.OwnerProcessId, r.OwnerInstance })
            .Distinct()
            .ToListAsync(cancellationToken);
        var gone = local.Where(o => owner.HasOutlived(o.OwnerProcessId, o.OwnerInstance)).Select(o => o.OwnerInstance).ToList();

        return await db.Set<ImportRun>()
            .Where(r => r.Status == ImportRunStatus.Running && (r.LeaseUntil == null || r.LeaseUntil < now || gone.Contains(r.OwnerInstance)))
            .ExecuteUpdateAsync(
                s => s.SetProperty(r => r.Status, ImportRunStatus.Interrupted)
                    .SetProperty(r => r.FinishedAt, r => r.HeartbeatAt ?? r.StartedAt)
                    .SetProperty(r => r.Failure, Advice),
                cancellationToken);
    }
}

/// <summary>
/// Who runs an import: the machine, the process and an id the process drew at start, recorded on the run so any host
/// can later tell whether that process is gone. One per process (<see cref="ThisProcess"/>); tests stand up others.
/// </summary>
public sealed record ImportRunOwner(string Host, int ProcessId, Guid Instance)
{
    public static ImportRunOwner ThisProcess { get; } = new(ThisHost(), Environment.ProcessId, NewId.Next());

    /// <summary>
    /// Whether the owner (<paramref name="processId"/>, <paramref name="instance"/>) of a run on this machine is certainly
    /// gone: this very process did not start it though it has its pid (a restarted container is pid 1 again), or no
    /// process has that pid. A live process with that pid may be another one that reused it: the lease decides then.
    /// </summary>
    internal bool HasOutlived(int? processId, Guid? instance)
    {
        if (processId is not { } pid || instance is null)
        {
            return false;
        }

        return pid == ProcessId ? instance != Instance : !IsRunning(pid);
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            // Unknown is not gone: the lease decides.
            return true;
        }
    }

    private static string ThisHost()
    {
        var name = Environment.MachineName;
        return name.Length > ImportRunOwnerColumns.HostLength ? name[..ImportRunOwnerColumns.HostLength] : name;
    }
}

internal static class ImportRunOwnerColumns
{
    public const int HostLength = 253;
}

/// <summary>
/// How long a run counts as alive after its last commit (<c>Imports:Lease</c>, default 5 minutes): far longer than one
/// batch takes, so a live import never loses its run, and short enough that a dead one is found within minutes.
/// </summary>
public sealed record ImportLease(Duration Duration)
{
    public const string Key = "Imports:Lease";

    public static ImportLease Default { get; } = new(Duration.FromMinutes(5));

    public static ImportLease FromConfiguration(IConfiguration? configuration)
    {
        var value = configuration?.GetValue(Key, Default.Duration.ToTimeSpan()) ?? Default.Duration.ToTimeSpan();
        return value > TimeSpan.Zero
            ? new ImportLease(Duration.FromTimeSpan(value))
            : throw new InvalidOperationException($"{Key} must be a positive time span such as 00:05:00, not '{configuration?[Key]}'.");
    }
}
