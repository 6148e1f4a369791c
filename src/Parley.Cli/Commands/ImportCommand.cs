using System.CommandLine;
using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Modules.Accounts.Contracts;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;
using Spectre.Console;

namespace Parley.Cli.Commands;

/// <summary><c>parley import &lt;file&gt; [--dry-run] [--rejects &lt;path&gt;]</c>: the placement import from a shell.</summary>
public static class ImportCommand
{
    public const int Processed = 0;
    public const int Unusable = 2;

    public static Command Build() => Build(CliHost.Build);

    /// <summary>The command over the services <paramref name="host"/> builds (a test points it at its own database).</summary>
    public static Command Build(Func<ServiceProvider> host)
    {
        var file = new Argument<FileInfo>("file") { Description = "The placement CSV file (format: docs/import-format.md)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Validate and count everything, write no accounts (the run and its rejects are recorded)." };
        var rejects = new Option<FileInfo?>("--rejects") { Description = "Where to write the rejects report (default: <file>.rejects.csv)." };
        var command = new Command("import", "Import a placement file: every good row is committed, every bad row reported.") { file, dryRun, rejects };
        command.SetAction((parse, ct) =>
            RunAsync(host, AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(parse.InvocationConfiguration.Output) }), parse.GetValue(file)!, parse.GetValue(dryRun), parse.GetValue(rejects), ct));
        return command;
    }

    private static async Task<int> RunAsync(Func<ServiceProvider> host, IAnsiConsole console, FileInfo file, bool dryRun, FileInfo? rejectsFile, CancellationToken cancellationToken)
    {
        if (!file.Exists)
        {
            console.MarkupLineInterpolated($"[red]No such file:[/] {file.FullName}");
            return Unusable;
        }

        var rejectsPath = rejectsFile?.FullName ?? file.FullName + ".rejects.csv";
        await using var services = host();
        await using var scope = services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<IUseCase<ImportPlacementsRequest, ImportRunSummary>>();

        // A run of this file whose process ended mid-file (ADR 0014) is marked interrupted first; this run finishes it.
        var earlier = await scope.ServiceProvider.GetRequiredService<IUseCase<MarkInterruptedImportsRequest, InterruptedImports>>()
            .HandleAsync(Actor.System("cli:import"), new MarkInterruptedImportsRequest(file.Name), cancellationToken);
        if (earlier.LatestOfFile is { } stopped)
        {
            console.MarkupLineInterpolated(
                $"[yellow]The last import of {stopped.FileName} was interrupted:[/] it stopped at {When(stopped.FinishedAt)} after {stopped.RowsRead:N0} rows were saved. Running the same file again finishes it: rows already saved are recognised and not added twice.");
        }

        await using var input = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        var progress = new ImportProgress();
        ImportRunSummary run;
        await using (var rejectsOut = new StreamWriter(rejectsPath, append: false, new UTF8Encoding(false), 1 << 16))
        {
            await rejectsOut.WriteLineAsync(ImportRejectView.CsvHeader);
            try
            {
                var request = new ImportPlacementsRequest(input, file.Name, dryRun) { RejectsOut = rejectsOut, Progress = progress };
                run = await console.Progress()
                    .AutoClear(false)
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
                    .StartAsync(async ctx =>
                    {
                        var bar = ctx.AddTask(dryRun ? "Checking (dry run)" : "Importing", maxValue: Math.Max(1, file.Length));
                        var import = importer.HandleAsync(Actor.System("cli:import"), request, cancellationToken);
                        while (!import.IsCompleted)
                        {
                            bar.Value = progress.BytesRead;
                            await Task.WhenAny(import, Task.Delay(250, cancellationToken));
                        }

                        bar.Value = bar.MaxValue;
                        return await import;
                    });
            }
            catch (DomainException e) when (e.Error is ImportRunInterrupted)
            {
                console.MarkupLineInterpolated($"[red]The import stopped:[/] {e.Error.Detail} The rejects so far are in {rejectsPath}.");
                return Unusable;
            }
            catch (DomainException e)
            {
                console.MarkupLineInterpolated($"[red]The file cannot be imported:[/] {e.Error.Detail}");
                rejectsOut.Close();
                File.Delete(rejectsPath);
                return Unusable;
            }
            catch (Exception e) when (e is DbException or DbUpdateException or IOException)
            {
                // The database or the disk failed mid-file: say so in one line, not a stack trace; the run records how far it got.
                console.MarkupLineInterpolated($"[red]The import stopped:[/] {(e.InnerException ?? e).Message} Rows committed before that point are kept; the rejects so far are in {rejectsPath}.");
                return Unusable;
            }
        }

        var table = new Table().Title(dryRun ? "Dry run: nothing was written" : "Import").AddColumn("").AddColumn(new TableColumn("").RightAligned());
        table.AddRow("Run", run.Id.ToString());
        table.AddRow("Rows read", $"{run.RowsRead:N0}");
        table.AddRow("Rows accepted", $"{run.RowsAccepted:N0}");
        table.AddRow("Rows rejected", run.RowsRejected > 0 ? $"[yellow]{run.RowsRejected:N0}[/]" : "0");
        table.AddRow(dryRun ? "Accounts to create" : "Accounts created", $"{run.AccountsCreated:N0}");
        table.AddRow(dryRun ? "Accounts to update" : "Accounts updated", $"{run.AccountsUpdated:N0}");
        table.AddRow("Accounts unchanged", $"{run.AccountsUnchanged:N0}");
        if (run.FinishedAt is { } finished)
        {
            var seconds = (finished - run.StartedAt).TotalSeconds;
            table.AddRow("Time", $"{seconds:N1} s ({(seconds > 0 ? run.RowsRead / seconds : 0):N0} rows/s)");
        }

        console.Write(table);
        console.MarkupLineInterpolated($"Rejects report: {rejectsPath}");
        if (run.Status == ImportRunStatus.Failed)
        {
            console.MarkupLineInterpolated($"[red]The import stopped early:[/] {run.Failure} Rows before that point were processed.");
            return Unusable;
        }

        return Processed;
    }

    private static string When(NodaTime.Instant? instant) =>
        instant is { } at ? NodaTime.Text.InstantPattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm:ss 'UTC'").Format(at) : "an unknown time";
}
