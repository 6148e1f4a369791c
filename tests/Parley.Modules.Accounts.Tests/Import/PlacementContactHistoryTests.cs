using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Outreach.Contracts;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.UseCases;
using Parley.Testing;
using Shouldly;

namespace Parley.Modules.Accounts.Tests.Import;

/// <summary>The placement file's optional contact-history columns: into the contact history the gate counts, once.</summary>
public sealed class PlacementContactHistoryTests
{
    private static Dictionary<string, string> WithHistory(int n) => PlacementFile.Row(n,
        ("last_contact_at", "2026-02-01T16:30:00-05:00"), ("last_contact_channel", "call"), ("last_contact_outcome", "no_answer"),
        ("contact_history", "2026-01-10T15:00:00Z email delivered; 2026-01-20T18:00:00Z sms; 2026-02-01T21:30:00Z call voicemail"));

    [Theory]
    [DatabaseProviders]
    public async Task The_contacts_land_in_the_contact_history_and_a_reimport_records_none_twice(DatabaseProvider provider)
    {
        await using var host = await ImportHost.CreateAsync(provider);
        var csv = PlacementFile.CsvWithHistory([WithHistory(1), PlacementFile.Row(2)]);

        var run = await host.ImportAsync(csv);

        (run.RowsAccepted, run.RowsRejected).ShouldBe((2, 0));
        var accounts = await host.AccountsAsync();
        var history = await HistoryAsync(host, accounts[0].Id);
        history.Select(a => (a.At, a.Channel, a.LatestOutcome, a.Direction)).ShouldBe(
        [
            (Instant.FromUtc(2026, 2, 1, 21, 30), ContactChannel.Call, ContactOutcome.NoAnswer, ContactDirection.Outbound),
            (Instant.FromUtc(2026, 1, 20, 18, 0), ContactChannel.Sms, null, ContactDirection.Outbound),
            (Instant.FromUtc(2026, 1, 10, 15, 0), ContactChannel.Email, ContactOutcome.Delivered, ContactDirection.Outbound),
        ]);
        history[0].Outcomes.ShouldHaveSingleItem().Outcome.ShouldBe(ContactOutcome.NoAnswer);
        history[0].RecordedBy.ShouldBe($"import:{run.Id.Value:N}");
        (await HistoryAsync(host, accounts[1].Id)).ShouldBeEmpty();

        // The gate counts them, with what each came to.
        await using (var scope = host.Database.Scope())
        {
            var facts = await scope.ServiceProvider.GetRequiredService<IContactHistoryFacts>()
                .GetAsync(accounts[0].Id, Instant.FromUtc(2026, 1, 1, 0, 0), Instant.FromUtc(2026, 3, 1, 0, 0), CancellationToken.None);
            facts!.Contacts.Select(c => (c.Channel, c.Result, c.Inbound)).ShouldBe(
                [(ContactChannel.Email, PastContactResult.Delivered, false), (ContactChannel.Sms, PastContactResult.Attempted, false), (ContactChannel.Call, PastContactResult.NoAnswer, false)]);
        }

        var again = await host.ImportAsync(csv);
        again.AccountsUnchanged.ShouldBe(2);
        (await HistoryAsync(host, accounts[0].Id)).Count.ShouldBe(3);

        // A changed row with one more entry adds that entry only, whatever the import.
        var changed = WithHistory(1);
        changed["contact_history"] += "; 2026-02-10T14:00:00Z letter sent";
        changed["principal"] = "1100.00";
        var third = await host.ImportAsync(PlacementFile.CsvWithHistory([changed, PlacementFile.Row(2)]));
        third.AccountsUpdated.ShouldBe(1);
        var after = await HistoryAsync(host, accounts[0].Id);
        after.Count.ShouldBe(4);
        after[0].Channel.ShouldBe(ContactChannel.Letter);
    }

    [Theory]
    [DatabaseProviders]
    public async Task Bad_contact_values_reject_their_row_by_number_and_the_good_rows_are_kept(DatabaseProvider provider)
    {
        await using var host = await ImportHost.CreateAsync(provider);
        var csv = PlacementFile.CsvWithHistory(
        [
            PlacementFile.Row(1, ("contact_history", "2026-13-01T10:00:00Z call no_answer")),
            PlacementFile.Row(2, ("last_contact_at", "2026-02-01T10:00:00Z"), ("last_contact_channel", "email"), ("last_contact_outcome", "voicemail")),
            PlacementFile.Row(3, ("last_contact_channel", "fax")),
            WithHistory(4),
        ]);

        var run = await host.ImportAsync(csv);

        (run.RowsAccepted, run.RowsRejected).ShouldBe((1, 3));
        var rejects = await host.RejectsAsync(run);
        rejects.Select(r => (r.RowNumber, r.Field)).ShouldBe(
        [
            (2L, "contact_history"),
            (3L, "last_contact_outcome"),
            (4L, "last_contact_at"),
            (4L, "last_contact_channel"),
        ]);
        rejects[0].Message.ShouldStartWith("entry 1: '2026-13-01T10:00:00Z' is not an instant");
        rejects[1].Message.ShouldBe("voicemail is not an outcome of a contact by email");
        rejects[3].Message.ShouldStartWith("'fax' is not one of call, sms, email, letter");
        var account = (await host.AccountsAsync()).ShouldHaveSingleItem();
        account.CreditorReference.ShouldBe("A0000004");
        (await HistoryAsync(host, account.Id)).Count.ShouldBe(3);
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_dry_run_records_no_contact(DatabaseProvider provider)
    {
        await using var host = await ImportHost.CreateAsync(provider);

        var run = await host.ImportAsync(PlacementFile.CsvWithHistory([WithHistory(1)]), dryRun: true);

        run.AccountsCreated.ShouldBe(1);
        (await host.AccountsAsync()).ShouldBeEmpty();
        (await host.QueryAsync(db => db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM outreach_contact_attempts").SingleAsync())).ShouldBe(0);
    }

    private static async Task<IReadOnlyList<ContactAttemptView>> HistoryAsync(ImportHost host, AccountId account)
    {
        await using var scope = host.Database.Scope();
        return (await scope.ServiceProvider.GetRequiredService<IUseCase<GetContactHistoryRequest, ContactHistoryView>>()
            .HandleAsync(Staff.Agent, new GetContactHistoryRequest(account), CancellationToken.None)).Attempts;
    }
}
