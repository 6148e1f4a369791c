using System.CommandLine;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Cli.Commands;
using Parley.Modules.Accounts.Contracts;
using Parley.Persistence;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;
using Parley.Testing;
using Shouldly;

namespace Parley.Cli.Tests;

/// <summary><c>parley import</c>: a bad row costs that row only, whichever provider, however far into the file it is.</summary>
public sealed partial class ImportCommandTests
{
    private const string Header =
        "creditor_code,customer_ref,given_name,family_name,date_of_birth,language,address_line1,address_line2,city,postal_code,jurisdiction,time_zone,"
        + "mobile_phone,mobile_consent,home_phone,work_phone,email,email_type,email_consent,account_ref,product_type,original_creditor,currency,"
        + "principal,interest,fees,charge_off_date,last_payment_date,days_past_due,statute_of_limitations_date,status,statements";

    [Theory]
    [DatabaseProviders]
    public async Task A_nul_in_one_row_after_ten_thousand_is_one_reject_and_the_other_19_999_rows_are_imported(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var scope = database.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<IUseCase<CreateCreditorRequest, CreditorView>>()
                .HandleAsync(Actor.System("test"), new CreateCreditorRequest("ACME", "Acme Bank", "USD"), TestContext.Current.CancellationToken);
        }

        var directory = Directory.CreateTempSubdirectory("parley-import-");
        try
        {
            var file = Path.Combine(directory.FullName, "placements.csv");
            var text = new StringBuilder(Header).Append('\n');
            for (var n = 1; n <= 20_000; n++)
            {
                text.Append(Row(n, n == 10_001 ? "Ma\0ria" : "Maria")).Append('\n');
            }

            await File.WriteAllTextAsync(file, text.ToString(), TestContext.Current.CancellationToken);

            var (code, output, error) = await Run(database, "import", file);

            code.ShouldBe(ImportCommand.Processed, output + error);
            Cell(output, "Rows read").ShouldBe("20,000");
            Cell(output, "Rows accepted").ShouldBe("19,999");
            Cell(output, "Rows rejected").ShouldBe("1");
            Cell(output, "Accounts created").ShouldBe("19,999");
            output.ShouldNotContain("   at ");
            (await File.ReadAllLinesAsync(file + ".rejects.csv", TestContext.Current.CancellationToken)).ShouldBe(
            [
                "row_number,account_ref,field,message",
                "10002,A0010001,given_name,contains a control character (U+0000 at position 3); remove it and send the row again",
            ]);
            await using var check = database.Scope();
            var db = check.ServiceProvider.GetRequiredService<ParleyDbContext>();
            (await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM accounts_accounts").SingleAsync(TestContext.Current.CancellationToken)).ShouldBe(19_999);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_file_with_the_contact_history_columns_records_the_contacts_once_and_rejects_a_bad_entry_by_row(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var scope = database.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<IUseCase<CreateCreditorRequest, CreditorView>>()
                .HandleAsync(Actor.System("test"), new CreateCreditorRequest("ACME", "Acme Bank", "USD"), TestContext.Current.CancellationToken);
        }

        var directory = Directory.CreateTempSubdirectory("parley-import-");
        try
        {
            var file = Path.Combine(directory.FullName, "placements.csv");
            await File.WriteAllTextAsync(file, string.Join('\n',
                Header + ",last_contact_at,last_contact_channel,last_contact_outcome,contact_history",
                Row(1, "Maria") + ",2026-02-01T15:00:00Z,call,voicemail,2026-01-10T15:00:00Z email delivered;2026-01-20T15:00:00Z sms",
                Row(2, "Maria") + ",,,,2026-01-10T15:00:00Z fax",
                Row(3, "Maria") + ",,,,") + "\n", TestContext.Current.CancellationToken);

            var (code, output, error) = await Run(database, "import", file);
            var (again, secondOutput, _) = await Run(database, "import", file);

            code.ShouldBe(ImportCommand.Processed, output + error);
            Cell(output, "Rows accepted").ShouldBe("2");
            Cell(output, "Rows rejected").ShouldBe("1");
            (await File.ReadAllLinesAsync(file + ".rejects.csv", TestContext.Current.CancellationToken)).ShouldBe(
            [
                "row_number,account_ref,field,message",
                "3,A0000002,contact_history,\"entry 1: 'fax' is not one of call, sms, email, letter\"",
            ]);
            again.ShouldBe(ImportCommand.Processed);
            Cell(secondOutput, "Accounts unchanged").ShouldBe("2");
            await using var check = database.Scope();
            var db = check.ServiceProvider.GetRequiredService<ParleyDbContext>();
            (await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM outreach_contact_attempts").SingleAsync(TestContext.Current.CancellationToken)).ShouldBe(3);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static string Row(int n, string givenName) =>
        $"ACME,C{n:D7},{givenName},Lopez,1980-04-12,en-US,{n % 9000 + 1} Main Street,,Boston,02108,US-MA,,,,,,,,,A{n:D7},credit_card,Acme Bank,USD,1200.50,35.10,25,,,120,,open,";

    /// <summary>The value beside a label in the summary table Spectre draws (│-separated, padded, perhaps coloured).</summary>
    private static string Cell(string output, string label) =>
        Ansi().Replace(output, "").Split('\n').Select(line => line.Split('│', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .First(cells => cells.Length >= 2 && cells[0] == label)[1];

    private static async Task<(int Code, string Output, string Error)> Run(TestDatabase database, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var root = new RootCommand { ImportCommand.Build(() => database.ComposeServices()) };
        var code = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, TestContext.Current.CancellationToken);
        return (code, output.ToString(), error.ToString());
    }

    [GeneratedRegex(@"\x1B\[[0-9;]*m")]
    private static partial Regex Ansi();
}
