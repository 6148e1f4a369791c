using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Accounts.Import;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.Testing;
using Shouldly;

namespace Parley.Modules.Accounts.Tests.Import;

/// <summary>The queries the Imports page pages through: runs latest first, a run's rejects in row order.</summary>
public sealed class ImportPagingTests
{
    [Theory]
    [DatabaseProviders]
    public async Task Runs_come_latest_first_one_page_at_a_time_with_the_total(DatabaseProvider provider)
    {
        await using var host = await ImportHost.CreateAsync(provider);
        var runs = new List<ImportRun>();
        for (var n = 1; n <= 3; n++)
        {
            runs.Add(await host.ImportAsync(PlacementFile.Csv([PlacementFile.Row(n)]), dryRun: n == 2));
            host.Database.Time.Advance(TimeSpan.FromMinutes(1));
        }

        var first = await host.QueryAsync(db => ListImports.PageAsync(db, 1, 2, CancellationToken.None));
        var second = await host.QueryAsync(db => ListImports.PageAsync(db, 2, 2, CancellationToken.None));
        var clamped = await host.QueryAsync(db => ListImports.PageAsync(db, 0, 0, CancellationToken.None));

        first.Total.ShouldBe(3);
        first.Items.Select(r => r.Id).ShouldBe([runs[2].Id.Value, runs[1].Id.Value]);
        first.Items[1].DryRun.ShouldBeTrue();
        second.Items.Select(r => r.Id).ShouldBe([runs[0].Id.Value]);
        second.Items[0].StartedAt.ShouldBe(runs[0].StartedAt);
        clamped.Items.Select(r => r.Id).ShouldBe([runs[2].Id.Value]);
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_runs_rejects_come_in_row_order_one_page_at_a_time_with_the_total(DatabaseProvider provider)
    {
        await using var host = await ImportHost.CreateAsync(provider);
        var run = await host.ImportAsync(PlacementFile.Csv(
        [
            PlacementFile.Row(1),                                            // row 2: good
            PlacementFile.Row(2, ("creditor_code", "NOPE")),                 // row 3
            PlacementFile.Row(3, ("principal", "-1"), ("fees", "1.999")),    // row 4: two problems
            PlacementFile.Row(4),                                            // row 5: good
            PlacementFile.Row(5, ("days_past_due", "")),                     // row 6
        ]));
        var other = await host.ImportAsync(PlacementFile.Csv([PlacementFile.Row(6, ("principal", "-2"))]));

        var first = await host.QueryAsync(db => GetImportRejects.PageAsync(db, run.Id, 1, 3, CancellationToken.None));
        var second = await host.QueryAsync(db => GetImportRejects.PageAsync(db, run.Id, 2, 3, CancellationToken.None));
        var ofOther = await host.QueryAsync(db => GetImportRejects.PageAsync(db, other.Id, 1, 50, CancellationToken.None));

        first.Total.ShouldBe(4);
        first.Items.Select(r => (r.RowNumber, r.Field)).ShouldBe([(3L, "creditor_code"), (4L, "principal"), (4L, "fees")]);
        first.Items[0].ShouldBe(new ImportRejectView(3, "A0000002", "creditor_code",
            "unknown creditor 'NOPE' (create it first: parley creditors add / POST /api/creditors)"));
        second.Items.ShouldBe([new ImportRejectView(6, "A0000005", "days_past_due", "is required")]);
        ofOther.Total.ShouldBe(1);
        ofOther.Items[0].AccountRef.ShouldBe("A0000006");
    }

    [Theory]
    [DatabaseProviders]
    public async Task Extreme_pages_of_runs_and_rejects_are_empty_never_an_overflow(DatabaseProvider provider)
    {
        await using var host = await ImportHost.CreateAsync(provider);
        var run = await host.ImportAsync(PlacementFile.Csv([PlacementFile.Row(1, ("principal", "-1"))]));

        var runs = await host.QueryAsync(db => ListImports.PageAsync(db, int.MaxValue, int.MaxValue, CancellationToken.None));
        var rejects = await host.QueryAsync(db => GetImportRejects.PageAsync(db, run.Id, int.MaxValue, int.MaxValue, CancellationToken.None));
        var negative = await host.QueryAsync(db => GetImportRejects.PageAsync(db, run.Id, int.MinValue, int.MinValue, CancellationToken.None));

        (runs.Items.Count, runs.Total).ShouldBe((0, 1));
        (rejects.Items.Count, rejects.Total).ShouldBe((0, 1));
        negative.Items.Select(r => r.Field).ShouldBe(["principal"]);
    }

    [Theory]
    [DatabaseProviders]
    public async Task The_rejects_of_an_unknown_run_are_a_not_found_refusal(DatabaseProvider provider)
    {
        await using var host = await ImportHost.CreateAsync(provider);
        var unknown = ImportId.New();

        var refusal = await Should.ThrowAsync<DomainException>(() => host.QueryAsync(db => GetImportRejects.PageAsync(db, unknown, 1, 25, CancellationToken.None)));

        refusal.Error.ShouldBe(new ImportNotFound(unknown));
    }
}
