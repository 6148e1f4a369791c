using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Parley.Modules.Accounts.Contracts;
using Parley.Persistence;
using Parley.SharedKernel.Security;
using Parley.Testing;
using Shouldly;

namespace Parley.Modules.Accounts.Tests.Import;

/// <summary>
/// A control character in a field (a NUL, which PostgreSQL's COPY cannot take, or any other C0 control) costs its row
/// only: the row is a reject naming its row number and field, and every good row around it, in the same batch, is kept.
/// A value a spreadsheet would run as a formula is neutralised in the rejects report.
/// </summary>
public sealed class HostileTextImportTests
{
    [Theory]
    [DatabaseProviders]
    public async Task A_nul_in_one_field_rejects_that_row_and_keeps_every_good_row_in_its_batch(DatabaseProvider provider)
    {
        await using var host = await ImportHost.CreateAsync(provider);
        var rows = Enumerable.Range(1, 9).Select(n => PlacementFile.Row(n)).ToList();
        rows[4] = PlacementFile.Row(5, ("given_name", "Ma\0ria"));
        var rejects = new StringWriter();

        var run = await host.ImportAsync(PlacementFile.Csv(rows), batchSize: 4, rejects: rejects);

        (run.RowsRead, run.RowsAccepted, run.RowsRejected, run.AccountsCreated).ShouldBe((9L, 8L, 1L, 8L));
        run.Status.ShouldBe(ImportRunStatus.Completed);
        (await host.AccountsAsync()).Select(a => a.CreditorReference).ShouldBe(["A0000001", "A0000002", "A0000003", "A0000004", "A0000006", "A0000007", "A0000008", "A0000009"]);
        var reject = (await host.RejectsAsync(run)).ShouldHaveSingleItem();
        (reject.RowNumber, reject.AccountRef, reject.Field).ShouldBe((6L, "A0000005", "given_name"));
        reject.Message.ShouldBe("contains a control character (U+0000 at position 3); remove it and send the row again");
        rejects.ToString().ShouldBe("6,A0000005,given_name,contains a control character (U+0000 at position 3); remove it and send the row again" + Environment.NewLine);
    }

    [Theory]
    [DatabaseProviders]
    public async Task Every_control_character_is_refused_in_every_column_and_the_reject_shows_it_safely(DatabaseProvider provider)
    {
        await using var host = await ImportHost.CreateAsync(provider);
        var rows = new List<Dictionary<string, string>>
        {
            PlacementFile.Row(1),
            PlacementFile.Row(2, ("account_ref", "A\0BAD")),
            PlacementFile.Row(3, ("family_name", "Lo\tpez")),
            PlacementFile.Row(4, ("creditor_code", "AC\u001FME")),
            PlacementFile.Row(5, ("principal", "12\u000B00")),
            PlacementFile.Row(6, ("statements", "2025-11-30|300.00|25.00|25.00|0\u0000")),
            PlacementFile.Row(7, ("address_line2", "\u001B[31mred")),
            PlacementFile.Row(8),
        };

        var run = await host.ImportAsync(PlacementFile.Csv(rows));

        (run.RowsAccepted, run.RowsRejected).ShouldBe((2L, 6L));
        var rejects = await host.RejectsAsync(run);
        rejects.Select(r => (r.RowNumber, r.AccountRef, r.Field)).ShouldBe(
        [
            (3L, "A␀BAD", "account_ref"),
            (4L, "A0000003", "family_name"),
            (5L, "A0000004", "creditor_code"),
            (6L, "A0000005", "principal"),
            (7L, "A0000006", "statements"),
            (8L, "A0000007", "address_line2"),
        ]);
        rejects.ShouldAllBe(r => r.Message.StartsWith("contains a control character (U+", StringComparison.Ordinal));
        rejects.ShouldAllBe(r => !r.Message.Any(char.IsControl) && !r.AccountRef.Any(char.IsControl));
    }

    [Theory]
    [DatabaseProviders]
    public async Task Through_the_api_a_nul_row_is_a_reject_the_good_rows_are_kept_and_the_report_names_row_and_field(DatabaseProvider provider)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(provider);
        (await factory.ClientAs(StaffRoles.Admin).PostAsJsonAsync("/api/creditors", new { code = "ACME", name = "Acme Bank", currency = "USD" })).EnsureSuccessStatusCode();
        var supervisor = factory.ClientAs(StaffRoles.Supervisor);
        var rows = Enumerable.Range(1, 7).Select(n => PlacementFile.Row(n)).ToList();
        rows[3] = PlacementFile.Row(4, ("city", "Bos\0ton"));
        using var upload = new MultipartFormDataContent { { new StringContent(PlacementFile.Csv(rows)), "file", "placements.csv" } };

        var created = await supervisor.PostAsync("/api/imports", upload);

        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var run = await created.Content.ReadFromJsonAsync<JsonElement>();
        (run.GetProperty("rowsRead").GetInt64(), run.GetProperty("rowsAccepted").GetInt64(), run.GetProperty("rowsRejected").GetInt64()).ShouldBe((7L, 6L, 1L));
        var report = await supervisor.GetStringAsync($"/api/imports/{run.GetProperty("id").GetString()}/rejects");
        report.ShouldBe(string.Join(Environment.NewLine, "row_number,account_ref,field,message", "5,A0000004,city,contains a control character (U+0000 at position 4); remove it and send the row again", ""));
    }

    [Theory]
    [DatabaseProviders]
    public async Task The_rejects_report_neutralises_formulas_a_file_carried_in(DatabaseProvider provider)
    {
        await using var host = await ImportHost.CreateAsync(provider);
        var rows = new[]
        {
            PlacementFile.Row(1, ("account_ref", "=HYPERLINK(\"http://x.test\",\"Pay\")"), ("principal", "abc")),
            PlacementFile.Row(2, ("account_ref", "@SUM(A1)"), ("status", "=1+1")),
            PlacementFile.Row(3, ("account_ref", "-12.50"), ("principal", "-12.50")),
        };
        var rejects = new StringWriter();

        var run = await host.ImportAsync(PlacementFile.Csv(rows), rejects: rejects);

        run.RowsRejected.ShouldBe(3);
        rejects.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries).ShouldBe(
        [
            "2,\"'=HYPERLINK(\"\"http://x.test\"\",\"\"Pay\"\")\",principal,\"'abc' is not an amount: digits with an optional '.' and decimals, no sign or thousands separator\"",
            "3,'@SUM(A1),status,\"'=1+1' is not one of open, in_arrangement, paid_in_full, settled, recalled, closed\"",
            "4,-12.50,principal,'-12.50 is negative; balances and amounts must be zero or more",
        ]);
        (await host.RejectsAsync(run)).Select(r => r.AccountRef).ShouldBe(["=HYPERLINK(\"http://x.test\",\"Pay\")", "@SUM(A1)", "-12.50"]);
    }
}
