using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Accounts.Domain;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;
using Parley.Testing;
using Shouldly;

namespace Parley.Modules.Accounts.Tests.UseCases;

/// <summary>What messages about a page of accounts name (GetMessageAccounts): the fields, the scope, the page's limit.</summary>
public sealed class MessageAccountsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [DatabaseProviders]
    public async Task A_page_of_accounts_reads_what_a_message_names_with_the_primary_address_first(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (acme, _, ids) = await TwoCreditorsAsync(database);

        var found = await ReadAsync(database, Staff.Agent, [ids["A-1"], ids["B-1"], AccountId.New()]);

        found.Keys.ShouldBe([ids["A-1"], ids["B-1"]], ignoreOrder: true);
        var ada = found[ids["A-1"]];
        (ada.CreditorId, ada.CreditorName, ada.CreditorReference, ada.OriginalCreditor, ada.Currency).ShouldBe((acme, "ACME Bank", "A-1", "First Card Co", "USD"));
        (ada.GivenName, ada.FamilyName, ada.Language, ada.ChargeOffDate, ada.PlacedAt).ShouldBe(("Ada", "Lovelace", "en-US", (LocalDate?)null, Instant.FromUtc(2026, 10, 1, 12, 0)));
        ada.Statements.ShouldBe([new MessageStatement(new LocalDate(2026, 5, 31), 900.00m), new MessageStatement(new LocalDate(2026, 6, 30), 950.25m)]);
        ada.Addresses.Select(a => a.Line1).ShouldBe(["1 Main St", "2 Second St"]);
        ada.PrimaryAddress!.Jurisdiction.ShouldBe(Jurisdiction.Parse("US-MA"));
        ada.ZoneOr(DateTimeZone.Utc).Id.ShouldBe("America/New_York");
        var mary = found[ids["B-1"]];
        (mary.CreditorName, mary.Currency, mary.Statements.Count, mary.ZoneOr(DateTimeZone.Utc).Id).ShouldBe(("BRIT Bank", "GBP", 0, "Europe/London"));
    }

    [Theory]
    [DatabaseProviders]
    public async Task An_actor_scoped_to_one_creditor_gets_nothing_of_another_creditors_accounts(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (acme, brit, ids) = await TwoCreditorsAsync(database);
        AccountId[] asked = [ids["A-1"], ids["A-2"], ids["B-1"]];

        (await ReadAsync(database, Scoped("acme-agent@parley", acme, StaffRoles.Agent), asked)).Keys.ShouldBe([ids["A-1"], ids["A-2"]], ignoreOrder: true);
        (await ReadAsync(database, Scoped("brit-agent@parley", brit, StaffRoles.Agent), asked)).Keys.ShouldBe([ids["B-1"]]);
        (await ReadAsync(database, Scoped("nobody@parley", null, StaffRoles.Agent), asked)).ShouldBeEmpty();
        (await ReadAsync(database, Actor.System("outreach-sender"), asked)).Count.ShouldBe(3);
    }

    [Fact]
    public async Task More_than_a_page_is_refused_and_an_anonymous_caller_is_not_let_in()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var tooMany = Enumerable.Range(0, GetMessageAccountsRequest.MaxAccounts + 1).Select(_ => AccountId.New()).ToArray();

        (await Should.ThrowAsync<DomainException>(() => ReadAsync(database, Staff.Agent, tooMany)))
            .Error.ShouldBe(new MessageAccountsInvalid(GetMessageAccountsRequest.MaxAccounts + 1));
        (await ReadAsync(database, Staff.Agent, [])).ShouldBeEmpty();
        await Should.ThrowAsync<DomainException>(() => ReadAsync(database, Anonymous.Instance, [AccountId.New()]));
    }

    private static async Task<IReadOnlyDictionary<AccountId, MessageAccount>> ReadAsync(TestDatabase database, Actor actor, AccountId[] accounts)
    {
        await using var scope = database.Scope();
        return await scope.ServiceProvider.GetRequiredService<IUseCase<GetMessageAccountsRequest, IReadOnlyDictionary<AccountId, MessageAccount>>>()
            .HandleAsync(actor, new GetMessageAccountsRequest(accounts), Ct);
    }

    private static StaffMember Scoped(string name, CreditorId? creditor, params string[] roles) =>
        new(name, roles.ToHashSet(), CreditorScope.Only(creditor is { } c ? [c] : []));

    private static async Task<(CreditorId Acme, CreditorId Brit, Dictionary<string, AccountId> Ids)> TwoCreditorsAsync(TestDatabase database)
    {
        await using var scope = database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        var acme = AccountsTestData.Creditor("ACME");
        var brit = AccountsTestData.Creditor("BRIT", Currency.GBP);
        db.AddRange(acme, brit);
        var (ada, a1) = AccountsTestData.Debt(db, acme, "A-1", "Ada", "Lovelace");
        // The second address is recorded second though its id sorts first (ids are random within one millisecond): its place decides.
        ada.AddAddress(new PostalAddress(Guid.Parse("00000000-0000-0000-0000-000000000001"), default, "2 Second St", null, "Los Angeles", "90001", Jurisdiction.Parse("US-CA"), "America/Los_Angeles", position: 0));
        a1.RecordStatements(StatementHistory.Of([new MonthlyStatement(new LocalDate(2026, 5, 31), 900_00, 25_00, 0, 90), new MonthlyStatement(new LocalDate(2026, 6, 30), 950_25, 30_00, 0, 120)]));
        var (_, a2) = AccountsTestData.Debt(db, acme, "A-2", "Grace", "Hopper");
        var (_, b1) = AccountsTestData.Debt(db, brit, "B-1", "Mary", "Somerville", jurisdiction: "GB-ENG", timeZone: "Europe/London");
        await db.SaveChangesAsync(Ct);
        return (acme.Id, brit.Id, new Dictionary<string, AccountId> { ["A-1"] = a1.Id, ["A-2"] = a2.Id, ["B-1"] = b1.Id });
    }
}
