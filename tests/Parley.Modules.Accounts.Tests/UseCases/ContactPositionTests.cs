using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Accounts.Tests.Import;
using Parley.Modules.Accounts.UseCases;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.UseCases;
using Parley.Testing;
using Shouldly;

namespace Parley.Modules.Accounts.Tests.UseCases;

/// <summary>
/// A customer's addresses, phones and e-mails come back in the order they were recorded, the primary address first,
/// even when their ids sort the other way (ids are time-ordered only to the millisecond, random within one).
/// </summary>
public sealed class ContactPositionTests
{
    // Lower than any id NewId gives, as text (SQLite) and as a uuid (PostgreSQL): recorded second, sorts first.
    private static readonly Guid SortsFirst = Guid.Parse("00000000-0000-0000-0000-000000000001");
    private static readonly Guid SortsSecond = Guid.Parse("00000000-0000-0000-0000-000000000002");
    private static readonly Guid SortsThird = Guid.Parse("00000000-0000-0000-0000-000000000003");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [DatabaseProviders]
    public async Task The_gates_profile_lists_contact_points_as_recorded_with_the_primary_address_first(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var account = await SecondRecordedSortsFirstAsync(database);

        await using var scope = database.Scope();
        var profile = (await scope.ServiceProvider.GetRequiredService<IContactProfiles>().GetAsync(account, Instant.FromUtc(2026, 11, 1, 12, 0), Ct))!;

        profile.Addresses.Select(a => (a.Line1, a.TimeZone)).ShouldBe([("1 Main St", "America/New_York"), ("9 Palm Ave", "America/Los_Angeles")]);
        profile.Phones.Select(p => p.E164).ShouldBe(["+14135550123", "+13105550199"]);
        profile.Emails.Select(e => e.Address).ShouldBe(["ada@example.com", "ada@work.example"]);
    }

    [Theory]
    [DatabaseProviders]
    public async Task Messages_and_the_account_page_read_the_primary_address_first(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var account = await SecondRecordedSortsFirstAsync(database);

        await using var scope = database.Scope();
        var message = (await scope.ServiceProvider.GetRequiredService<IUseCase<GetMessageAccountsRequest, IReadOnlyDictionary<AccountId, MessageAccount>>>().HandleAsync(Staff.Agent, new GetMessageAccountsRequest([account]), Ct))[account];
        message.Addresses.Select(a => a.Line1).ShouldBe(["1 Main St", "9 Palm Ave"]);
        message.ZoneOr(DateTimeZone.Utc).Id.ShouldBe("America/New_York");

        var details = await scope.ServiceProvider.GetRequiredService<GetAccountDetails>().HandleAsync(Staff.Agent, new GetAccountDetailsRequest(account), Ct);
        details.Customer.Addresses.Select(a => a.Line1).ShouldBe(["1 Main St", "9 Palm Ave"]);
        details.Customer.Phones.Select(p => p.E164).ShouldBe(["+14135550123", "+13105550199"]);
        details.Customer.Emails.Select(e => e.Address).ShouldBe(["ada@example.com", "ada@work.example"]);

        var locale = await scope.ServiceProvider.GetRequiredService<ICustomerLocales>().GetAsync(account, Ct);
        locale!.TimeZone.ShouldBe("America/New_York");
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_loaded_customers_primary_address_is_position_zero_whatever_order_the_rows_came_in(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var account = await SecondRecordedSortsFirstAsync(database);

        await using var scope = database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        var customerId = await db.Set<Account>().Where(a => a.Id == account).Select(a => a.CustomerId).SingleAsync(Ct);
        // Loaded without an order: the primary is still the first recorded.
        var customer = await db.Set<Customer>().AsNoTracking().Include(c => c.Addresses).SingleAsync(c => c.Id == customerId, Ct);
        customer.PrimaryAddress!.Line1.ShouldBe("1 Main St");
        customer.Addresses.Select(a => a.Position).ShouldBe([0, 1], ignoreOrder: true);
    }

    [Theory]
    [DatabaseProviders]
    public async Task An_import_keeps_a_customers_phones_and_emails_in_the_files_order(DatabaseProvider provider)
    {
        await using var host = await ImportHost.CreateAsync(provider);
        // One customer over two rows: mobile, home and work phones on the first, another e-mail on the second.
        var csv = PlacementFile.Csv(
        [
            PlacementFile.Row(1, ("mobile_phone", "(617) 253-0003"), ("home_phone", "(617) 253-0002"), ("work_phone", "(617) 253-0001"), ("email", "z@example.com")),
            PlacementFile.Row(2, ("customer_ref", "C0000001"), ("mobile_phone", "(617) 253-0003"), ("email", "a@example.com")),
        ]);

        (await host.ImportAsync(csv)).RowsAccepted.ShouldBe(2);

        var customer = await host.QueryAsync(db => db.Set<Customer>().AsNoTracking().SingleAsync(Ct));
        var accounts = await host.AccountsAsync();
        await using var scope = host.Database.Scope();
        var profile = (await scope.ServiceProvider.GetRequiredService<IContactProfiles>().GetAsync(accounts[0].Id, Instant.FromUtc(2026, 11, 1, 12, 0), Ct))!;
        profile.Phones.Select(p => p.E164).ShouldBe(["+16172530003", "+16172530002", "+16172530001"]);
        profile.Emails.Select(e => e.Address).ShouldBe(["z@example.com", "a@example.com"]);
        (await host.QueryAsync(db => db.Set<PhoneNumber>().Where(p => p.CustomerId == customer.Id).OrderBy(p => p.E164).Select(p => p.Position).ToListAsync(Ct)))
            .ShouldBe([2, 1, 0]);
        (await host.QueryAsync(db => db.Set<PostalAddress>().Where(a => a.CustomerId == customer.Id).Select(a => a.Position).ToListAsync(Ct))).ShouldBe([0]);
    }

    /// <summary>Ada's address, phone and e-mail, then a second of each whose id sorts before the first's.</summary>
    private static async Task<AccountId> SecondRecordedSortsFirstAsync(TestDatabase database)
    {
        await using var scope = database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        var acme = AccountsTestData.Creditor("ACME");
        db.Add(acme);
        var (ada, account) = AccountsTestData.Debt(db, acme, "A-1", "Ada", "Lovelace");
        ada.AddAddress(new PostalAddress(SortsFirst, default, "9 Palm Ave", null, "Los Angeles", "90001", Jurisdiction.Parse("US-CA"), "America/Los_Angeles", position: 0));
        ada.AddPhone(new PhoneNumber(SortsSecond, default, "+13105550199", PhoneType.Mobile, consentToCall: true, consentToSms: true, position: 0));
        ada.AddEmail(new EmailAddress(SortsThird, default, "ada@work.example", EmailType.Work, consentToEmail: true, position: 0));
        await db.SaveChangesAsync(Ct);
        return account.Id;
    }
}
