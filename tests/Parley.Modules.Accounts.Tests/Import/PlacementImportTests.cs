using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Accounts.Import;
using Parley.Modules.Payments.Domain;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.Testing;
using Shouldly;

namespace Parley.Modules.Accounts.Tests.Import;

public sealed class PlacementImportTests
{
    /// <summary>Lines of a file mixing good rows with one of each kind of bad row; the header is line 1.</summary>
    private static List<string> MixedLines() =>
    [
        PlacementFile.Line(PlacementFile.Row(1)),                                                   // 2 good
        PlacementFile.Line(PlacementFile.Row(2, ("creditor_code", "NOPE"))),                        // 3 unknown creditor
        PlacementFile.Line(PlacementFile.Row(3)),                                                   // 4 good
        PlacementFile.Line(PlacementFile.Row(4)).Replace("Maria", "Ma\"ria", StringComparison.Ordinal), // 5 broken quoting
        PlacementFile.Line(PlacementFile.Row(6, ("family_name", "L\u0001pez"))),                    // 6 invalid UTF-8 (patched in bytes)
        PlacementFile.Line(PlacementFile.Row(1, ("customer_ref", "C9"))),                           // 7 duplicate account_ref A0000001
        "",                                                                                         // 8 blank line: skipped, still counted
        PlacementFile.Line(PlacementFile.Row(8, ("principal", "-10.00"))),                          // 9 negative balance
        PlacementFile.Line(PlacementFile.Row(9, ("fees", "1.999"))),                                // 10 too many decimals
        string.Join(',', PlacementFile.Line(PlacementFile.Row(10)).Split(',').SkipLast(1)),         // 11 a missing field
        PlacementFile.Line(PlacementFile.Row(5, ("customer_ref", "C0000001"))),                     // 12 good: a second account of customer C0000001
        PlacementFile.Line(PlacementFile.Row(12, ("charge_off_date", "2027-01-01"))),               // 13 future date
    ];

    private static byte[] MixedFile()
    {
        var bytes = Encoding.UTF8.GetBytes(PlacementFile.Csv(MixedLines()));
        var at = Array.IndexOf(bytes, (byte)0x01);
        bytes[at] = 0xFF;
        return bytes;
    }

    [Theory]
    [DatabaseProviders]
    public async Task Good_rows_are_committed_and_every_bad_row_is_reported_with_its_row_and_field(DatabaseProvider provider)
    {
        await using var host = await ImportHost.CreateAsync(provider);
        var report = new StringWriter();

        var run = await host.ImportAsync(MixedFile(), rejects: report);

        run.Status.ShouldBe(ImportRunStatus.Completed);
        (run.RowsRead, run.RowsAccepted, run.RowsRejected, run.AccountsCreated).ShouldBe((11L, 3L, 8L, 3L));
        run.Sha256.ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(MixedFile())));
        var accounts = await host.AccountsAsync();
        accounts.Select(a => a.CreditorReference).ShouldBe(["A0000001", "A0000003", "A0000005"]);
        accounts[0].CustomerId.ShouldBe(accounts[2].CustomerId);
        accounts[0].PlacementHash.Length.ShouldBe(64);
        accounts[0].DelinquencyBucket.ShouldBe(DelinquencyBucket.ChargedOff);
        var customers = await host.QueryAsync(db => db.Set<Customer>().AsNoTracking().Include(c => c.Addresses).Include(c => c.Phones).Include(c => c.Emails).ToListAsync());
        customers.Count.ShouldBe(2);
        var maria = customers.Single(c => c.CustomerReference == "C0000001");
        maria.PrimaryAddress!.TimeZone.ShouldBe("America/New_York");
        maria.DateOfBirth.ShouldBe(new NodaTime.LocalDate(1980, 4, 12));
        (await host.QueryAsync(db => db.Database.SqlQueryRaw<string>("SELECT \"DateOfBirth\" AS \"Value\" FROM accounts_customers").ToListAsync()))
            .ShouldAllBe(stored => !stored.Contains("1980", StringComparison.Ordinal), "the import stores dates of birth encrypted");
        maria.Phones.Select(p => p.E164).ShouldBe(["+16172530001", "+16172530005"], ignoreOrder: true);
        maria.Emails.Count.ShouldBe(2);
        accounts.Sum(a => a.Statements.Count).ShouldBe(6);
        (await host.BalanceAsync(accounts[0])).ShouldBe((120050L, 3510L, 2500L));

        var rejects = await host.RejectsAsync(run);
        rejects.Select(r => (r.RowNumber, r.Field)).ShouldBe(
        [
            (3, "creditor_code"), (5, ""), (6, "family_name"), (7, "account_ref"), (9, "principal"), (10, "fees"), (11, ""), (13, "charge_off_date"),
        ]);
        rejects.Single(r => r.RowNumber == 5).Message.ShouldStartWith("broken quoting");
        rejects.Single(r => r.RowNumber == 6).Message.ShouldContain("not valid UTF-8");
        rejects.Single(r => r.RowNumber == 7).Message.ShouldContain("A0000001 already appears on row 2");
        rejects.Single(r => r.RowNumber == 11).Message.ShouldBe("has 31 fields; 32 are expected");
        var lines = report.ToString().Split("\n", StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(8);
        lines[0].ShouldBe("3,A0000002,creditor_code,unknown creditor 'NOPE' (create it first: parley creditors add / POST /api/creditors)");
    }

    [Theory]
    [DatabaseProviders]
    public async Task Importing_the_same_file_again_changes_nothing(DatabaseProvider provider)
    {
        await using var host = await ImportHost.CreateAsync(provider);
        await host.ImportAsync(MixedFile());
        var before = await SnapshotAsync(host);
        var ledgerBefore = await host.LedgerSnapshotAsync();

        var again = await host.ImportAsync(MixedFile());

        (again.AccountsCreated, again.AccountsUpdated, again.AccountsUnchanged, again.RowsRejected).ShouldBe((0L, 0L, 3L, 8L));
        (await SnapshotAsync(host)).ShouldBe(before);
        (await host.LedgerSnapshotAsync()).ShouldBe(ledgerBefore);
    }

    [Theory]
    [DatabaseProviders]
    public async Task Phones_and_emails_a_later_placement_no_longer_lists_are_retired_and_come_back_if_listed_again(DatabaseProvider provider)
    {
        await using var host = await ImportHost.CreateAsync(provider);
        var first = PlacementFile.Row(1, ("home_phone", "(617) 555-0101"));
        await host.ImportAsync(PlacementFile.Csv([first]));
        host.Database.Time.Advance(TimeSpan.FromDays(1));

        var moved = PlacementFile.Row(1, ("email", "maria.new@example.com"), ("days_past_due", "150"));
        await host.ImportAsync(PlacementFile.Csv([moved]));

        var customer = await host.QueryAsync(db => db.Set<Customer>().AsNoTracking().Include(c => c.Phones).Include(c => c.Emails).SingleAsync());
        var home = customer.Phones.Single(p => p.E164 == "+16175550101");
        home.IsCurrent.ShouldBeFalse("the later placement no longer lists the home phone");
        home.RetiredAt.ShouldNotBeNull();
        customer.Phones.Single(p => p.E164 == "+16172530001").IsCurrent.ShouldBeTrue();
        customer.Emails.Single(e => e.Address == "maria1@example.com").IsCurrent.ShouldBeFalse();
        var current = customer.Emails.Single(e => e.Address == "maria.new@example.com");
        (current.IsCurrent, current.ConsentToEmail, current.Source).ShouldBe((true, true, ContactSource.Placement));
        var account = (await host.AccountsAsync()).Single();
        await using (var scope = host.Database.Scope())
        {
            var profile = await scope.ServiceProvider.GetRequiredService<Parley.Modules.Accounts.Contracts.IContactProfiles>()
                .GetAsync(account.Id, NodaTime.Instant.FromDateTimeOffset(host.Database.Time.GetUtcNow()), CancellationToken.None);
            profile!.Phones.Select(p => p.E164).ShouldBe(["+16172530001"], "a retired number is never offered to the compliance gate");
            profile.Emails.Select(e => e.Address).ShouldBe(["maria.new@example.com"]);
        }

        await host.ImportAsync(PlacementFile.Csv([PlacementFile.Row(1, ("home_phone", "(617) 555-0101"), ("days_past_due", "180"))]));

        var again = await host.QueryAsync(db => db.Set<PhoneNumber>().AsNoTracking().SingleAsync(p => p.E164 == "+16175550101"));
        again.IsCurrent.ShouldBeTrue("listed again, the number is the customer's again");
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_changed_row_updates_the_account_with_history_the_customer_statements_and_balance(DatabaseProvider provider)
    {
        await using var host = await ImportHost.CreateAsync(provider);
        await host.ImportAsync(PlacementFile.Csv([PlacementFile.Row(1), PlacementFile.Row(2)]));
        var changed = PlacementFile.Row(1,
            ("status", "in_arrangement"), ("days_past_due", "150"), ("family_name", "Lopez-Garcia"), ("principal", "1100.00"),
            ("mobile_consent", "call"), ("statements", "2025-11-30|300.00|25.00|50.00|0;2025-12-31|320.00|25.00|0|30;2026-01-31|330.00|25.00|0|60"));

        var run = await host.ImportAsync(PlacementFile.Csv([changed, PlacementFile.Row(2)]));

        (run.AccountsCreated, run.AccountsUpdated, run.AccountsUnchanged).ShouldBe((0L, 1L, 1L));
        var account = (await host.AccountsAsync())[0];
        account.Status.ShouldBe(AccountStatus.InArrangement);
        account.DaysPastDue.ShouldBe(150);
        var history = await host.QueryAsync(db => db.Set<AccountChange>().AsNoTracking().Where(c => c.AccountId == account.Id).ToListAsync());
        history.Select(c => (c.Field, c.OldValue, c.NewValue)).ShouldBe([("DaysPastDue", "120", "150"), ("Status", "Open", "InArrangement")], ignoreOrder: true);
        history.ShouldAllBe(c => c.ImportId == run.Id);
        var customer = await host.QueryAsync(db => db.Set<Customer>().AsNoTracking().Include(c => c.Phones).SingleAsync(c => c.Id == account.CustomerId));
        customer.FamilyName.ShouldBe("Lopez-Garcia");
        customer.Phones.ShouldHaveSingleItem().ConsentToSms.ShouldBeFalse();
        account.Statements.Months.Select(s => s.AmountPaidMinor).ShouldBe([5000L, 0L, 0L]);
        (await host.BalanceAsync(account)).ShouldBe((110000L, 3510L, 2500L));
    }

    [Theory]
    [DatabaseProviders]
    public async Task Imported_customers_are_found_by_name_whatever_the_accents_and_a_renamed_one_by_the_new_name(DatabaseProvider provider)
    {
        await using var host = await ImportHost.CreateAsync(provider);
        await host.ImportAsync(PlacementFile.Csv([PlacementFile.Row(1, ("given_name", "Verónica"), ("family_name", "Aguilar")), PlacementFile.Row(2)]));
        (await host.QueryAsync(db => db.Set<Customer>().AsNoTracking().OrderBy(c => c.CustomerReference).Select(c => c.SearchName).ToListAsync()))
            .ShouldBe(["veronica aguilar", "maria lopez"]);
        (await FindAsync(host, "veronica aguilar")).ShouldBe(["A0000001"]);

        // A later placement renames her: the search name follows in the same write (the update path of each store).
        await host.ImportAsync(PlacementFile.Csv([PlacementFile.Row(1, ("given_name", "Verónica"), ("family_name", "Núñez Aguilar")), PlacementFile.Row(2)]));
        (await FindAsync(host, "veronica nunez")).ShouldBe(["A0000001"]);
        (await FindAsync(host, "maria lopez")).ShouldBe(["A0000002"]);
    }

    private static async Task<List<string>> FindAsync(ImportHost host, string text)
    {
        await using var scope = host.Database.Scope();
        var page = await scope.ServiceProvider.GetRequiredService<Parley.Modules.Accounts.UseCases.SearchAccounts>()
            .HandleAsync(Staff.Agent, new SearchAccountsQuery(Text: text), CancellationToken.None);
        return [.. page.Items.Select(i => i.CreditorReference).Order()];
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_dry_run_counts_like_a_real_run_and_writes_no_accounts(DatabaseProvider provider)
    {
        await using var host = await ImportHost.CreateAsync(provider);

        var dry = await host.ImportAsync(MixedFile(), dryRun: true);

        dry.DryRun.ShouldBeTrue();
        (dry.AccountsCreated, dry.RowsRejected).ShouldBe((3L, 8L));
        (await host.QueryAsync(db => db.Set<Account>().CountAsync())).ShouldBe(0);
        (await host.QueryAsync(db => db.Set<Customer>().CountAsync())).ShouldBe(0);
        (await host.RejectsAsync(dry)).Count.ShouldBe(8);
        var real = await host.ImportAsync(MixedFile());
        real.AccountsCreated.ShouldBe(3);
    }

    [Theory]
    [DatabaseProviders]
    public async Task An_unusable_file_is_refused_before_anything_is_recorded(DatabaseProvider provider)
    {
        await using var host = await ImportHost.CreateAsync(provider);
        var wrongHeader = PlacementFile.Csv([PlacementFile.Row(1)]).Replace("given_name", "first_name", StringComparison.Ordinal);
        var utf16 = Encoding.Unicode.GetBytes(PlacementFile.Csv([PlacementFile.Row(1)]));
        var latin1Header = Encoding.Latin1.GetBytes("créditor_code" + PlacementFile.Csv([PlacementFile.Row(1)])["creditor_code".Length..]);

        (await Should.ThrowAsync<DomainException>(() => host.ImportAsync(wrongHeader))).Error.ShouldBeOfType<PlacementHeaderWrong>()
            .Detail.ShouldStartWith("The header row is wrong: column 3 is 'first_name' where 'given_name' was expected");
        (await Should.ThrowAsync<DomainException>(() => host.ImportAsync(""))).Error.ShouldBeOfType<PlacementFileEmpty>();
        (await Should.ThrowAsync<DomainException>(() => host.ImportAsync(latin1Header))).Error.ShouldBeOfType<PlacementFileNotUtf8>();
        (await Should.ThrowAsync<DomainException>(() => host.ImportAsync(utf16.AsSpan(2).ToArray()))).Error.ShouldBeOfType<PlacementHeaderWrong>();
        (await host.QueryAsync(db => db.Set<ImportRun>().CountAsync())).ShouldBe(0);
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_large_file_streams_through_many_batches(DatabaseProvider provider)
    {
        const int Rows = 50_000;
        const int BatchSize = 1_000;
        await using var host = await ImportHost.CreateAsync(provider);
        var csv = PlacementFile.Csv(Enumerable.Range(1, Rows).Select(n => PlacementFile.Line(PlacementFile.Row(n))));

        var run = await host.ImportAsync(csv, batchSize: BatchSize);

        (run.RowsRead, run.AccountsCreated, run.RowsRejected).ShouldBe((Rows, Rows, 0L));
        (await host.QueryAsync(db => db.Set<Account>().CountAsync())).ShouldBe(Rows);
        (await host.QueryAsync(db => db.Set<Account>().Select(a => a.Statements).ToListAsync())).Sum(h => h.Count).ShouldBe(2 * Rows);
        (await host.QueryAsync(db => db.Set<LedgerAccount>().CountAsync())).ShouldBe(Rows);
        var last = (await host.AccountsAsync())[^1];
        last.CreditorReference.ShouldBe("A0050000");
        (await host.BalanceAsync(last)).ShouldBe((120050L, 3510L, 2500L));
    }

    private static Task<string> SnapshotAsync(ImportHost host) => host.QueryAsync(async db =>
    {
        var accounts = await db.Set<Account>().AsNoTracking().OrderBy(a => a.CreditorReference).ToListAsync();
        var customers = await db.Set<Customer>().AsNoTracking().OrderBy(c => c.CustomerReference).ToListAsync();
        var counts = new[]
        {
            await db.Set<PhoneNumber>().CountAsync(), await db.Set<EmailAddress>().CountAsync(),
            await db.Set<PostalAddress>().CountAsync(), await db.Set<AccountChange>().CountAsync(),
        };
        return string.Join('\n', accounts.Select(a => $"{a.Id} {a.CreditorReference} {a.CustomerId} {a.Status} {a.DaysPastDue} {a.PlacementHash} {a.Statements.ToJson()}"))
            + string.Join('\n', customers.Select(c => $"{c.Id} {c.GivenName} {c.FamilyName} {c.Language}"))
            + string.Join(',', counts);
    });
}
