using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Accounts.Import;
using Parley.Persistence;
using Parley.SharedKernel;

namespace Parley.EndToEnd.Tests;

/// <summary>
/// A supervisor loads a placement file with errors on the Imports page and reads every rejected row there; a run whose
/// process died mid-file reads as interrupted, with what it saved and how to finish it.
/// </summary>
public sealed class ImportsPageTests
{
    [Fact]
    public async Task An_upload_heads_the_runs_list_selected_with_its_rejects_listed_by_row()
    {
        // New York is five hours behind UTC on the host's fake today, 2026-11-02 15:00 UTC.
        await using var staff = await StaffBrowser.StartAsync("America/New_York");
        await staff.CreateCreditorAsync("ACME-CARD", "Acme Card Services", "USD");
        await staff.CreateCreditorAsync("BRIT-CARD", "Brit Card plc", "GBP");
        await using (var sample = File.OpenRead(StaffBrowser.RepositoryPath("samples", "placements-sample.csv")))
        {
            (await staff.ImportAsync("placements-sample.csv", sample)).RowsRejected.ShouldBe(0);
        }

        staff.Factory.Time.Advance(TimeSpan.FromHours(1));

        await staff.WalkAsync("imports", async page =>
        {
            await staff.SignInAtAsync("/imports");
            // The zone arrives from the browser once the page is interactive, so the upload control is live too.
            await Assertions.Expect(page.GetByTestId("viewer-zone")).ToContainTextAsync("Times in America/New_York");
            var runs = page.GetByTestId("import-runs").Locator("tbody tr");
            await Assertions.Expect(runs).ToHaveCountAsync(1);
            await Assertions.Expect(runs.First).ToContainTextAsync("2 Nov 2026, 10:00 EST");

            await page.GetByTestId("placement-file").SetInputFilesAsync(StaffBrowser.RepositoryPath("samples", "placements-with-errors.csv"));

            var result = page.GetByTestId("import-result");
            await Assertions.Expect(result.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToHaveTextAsync("placements-with-errors.csv · Finished");
            await Assertions.Expect(result).ToContainTextAsync("20 / 1 / 19");
            await Assertions.Expect(runs).ToHaveCountAsync(2);
            await Assertions.Expect(runs.First).ToContainTextAsync("placements-with-errors.csv");
            await Assertions.Expect(runs.First).ToContainTextAsync("2 Nov 2026, 11:00 EST");
            await Assertions.Expect(runs.First).ToContainTextAsync("20 / 1 / 19");
            await Assertions.Expect(runs.First.GetByTestId("select-run")).ToHaveAttributeAsync("aria-current", "true");

            var rejects = result.GetByTestId("import-rejects").Locator("tbody tr");
            await Assertions.Expect(rejects).ToHaveCountAsync(20);
            await Assertions.Expect(rejects.First.Locator("td")).ToHaveTextAsync(
                ["3", "ERR-02", "creditor_code", "unknown creditor 'NOBODY' (create it first: parley creditors add / POST /api/creditors)"]);
            await Assertions.Expect(rejects.Filter(new() { HasText = "ERR-05" })).ToContainTextAsync("100.999 has 3 decimals; USD allows 2");
            await Assertions.Expect(rejects.Filter(new() { HasText = "ERR-17" })).ToHaveCountAsync(2);
            await Assertions.Expect(rejects.Filter(new() { HasText = "broken quoting" }).Locator("td")).ToHaveTextAsync(
                ["19", "", "", "broken quoting: a quote inside an unquoted field (put the whole field in quotes and double each quote inside it)"]);
            await Assertions.Expect(rejects.Last.Locator("td")).ToHaveTextAsync(["21", "ERR-20", "family_name", "contains bytes that are not valid UTF-8 (save the file as UTF-8)"]);
            await staff.ScreenshotAsync("imports-page.png", fullPage: true);

            // The download link serves the same rejects as CSV with the browser's own sign-in.
            var href = await result.GetByTestId("download-rejects").GetAttributeAsync("href");
            var csv = await (await page.APIRequest.GetAsync(href!)).TextAsync();
            csv.ShouldContain("3,ERR-02,creditor_code,unknown creditor 'NOBODY'");

            await runs.Last.GetByTestId("select-run").ClickAsync();
            await Assertions.Expect(result.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToHaveTextAsync("placements-sample.csv · Finished");
            await Assertions.Expect(result.GetByTestId("import-rejects")).ToContainTextAsync("No rejects: every row was applied.");
        });
    }

    [Fact]
    public async Task A_run_whose_process_died_reads_as_interrupted_with_what_it_saved_and_how_to_finish_it()
    {
        await using var staff = await StaffBrowser.StartAsync("America/New_York");
        await staff.CreateCreditorAsync("ACME-CARD", "Acme Card Services", "USD");

        // A process on this machine that no longer exists (no process has pid 2^31-1) imported the file in batches of
        // five and stopped right after its first batch was saved (it waits, for ever, writing that batch's rejects).
        var gone = new ImportRunOwner(ImportRunOwner.ThisProcess.Host, int.MaxValue, NewId.Next());
        var report = new HeldReport();
        await using var scope = staff.Factory.Services.CreateAsyncScope();
        await using var file = File.OpenRead(StaffBrowser.RepositoryPath("samples", "placements-with-errors.csv"));
        var dead = ActivatorUtilities.CreateInstance<PlacementImporter>(scope.ServiceProvider, gone)
            .ImportAsync(new PlacementImportRequest(file, "placements-with-errors.csv", DryRun: false) { BatchSize = 5, RejectsOut = report }, CancellationToken.None);
        await report.Held.Task.WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);
        var saved = await RunOfAsync(staff, gone);
        saved.RowsRead.ShouldBe(5);
        staff.Factory.Time.Advance(TimeSpan.FromMinutes(30));

        await staff.WalkAsync("imports-interrupted", async page =>
        {
            await staff.SignInAtAsync("/imports");
            await Assertions.Expect(page.GetByTestId("viewer-zone")).ToContainTextAsync("Times in America/New_York");
            var runs = page.GetByTestId("import-runs").Locator("tbody tr");
            await Assertions.Expect(runs).ToHaveCountAsync(1);
            await Assertions.Expect(runs.First).ToContainTextAsync("In progress");

            // Loading the same file again first marks the dead run interrupted, then finishes the file.
            await page.GetByTestId("placement-file").SetInputFilesAsync(StaffBrowser.RepositoryPath("samples", "placements-with-errors.csv"));
            var result = page.GetByTestId("import-result");
            await Assertions.Expect(result.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToHaveTextAsync("placements-with-errors.csv · Finished");
            await Assertions.Expect(runs).ToHaveCountAsync(2);

            var words = $"Stopped at 2 Nov 2026, 10:00 EST after 5 rows were saved ({saved.RowsAccepted} accepted, {saved.RowsRejected} rejected), when the process running it ended. "
                + "Run the same file again to finish: rows already saved are recognised and not added twice.";
            await Assertions.Expect(runs.Last).ToContainTextAsync("Interrupted");
            await Assertions.Expect(runs.Last.GetByTestId("run-interrupted")).ToHaveTextAsync(words);

            await runs.Last.GetByTestId("select-run").ClickAsync();
            await Assertions.Expect(result.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToHaveTextAsync("placements-with-errors.csv · Interrupted");
            await Assertions.Expect(result.GetByTestId("interrupted-advice")).ToHaveTextAsync(words);
            await Assertions.Expect(result).ToContainTextAsync($"5 / {saved.RowsAccepted} / {saved.RowsRejected}");
            await staff.ScreenshotAsync("imports-interrupted.png", fullPage: true);
        });

        // Had the process only been stalled, its next batch is refused: the run stays as the page shows it.
        report.Release.TrySetResult();
        (await Should.ThrowAsync<DomainException>(dead)).Error.ShouldBeOfType<ImportRunInterrupted>();
    }

    private static async Task<ImportRun> RunOfAsync(StaffBrowser staff, ImportRunOwner owner)
    {
        await using var scope = staff.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ParleyDbContext>().Set<ImportRun>().AsNoTracking()
            .SingleAsync(r => r.OwnerInstance == owner.Instance, TestContext.Current.CancellationToken);
    }

    /// <summary>A rejects report that holds whoever writes its first line until released: the import stops right after a commit.</summary>
    private sealed class HeldReport : StringWriter
    {
        public TaskCompletionSource Held { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async Task WriteLineAsync(string? value)
        {
            Held.TrySetResult();
            await Release.Task;
            await base.WriteLineAsync(value);
        }
    }
}
