using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Accounts.Creditors;
using Parley.Modules.Accounts.Import;
using Parley.Modules.Accounts.UseCases;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.Testing;
using Shouldly;

namespace Parley.Modules.Accounts.Tests.UseCases;

/// <summary>
/// A member of staff who works for some creditors sees and changes only theirs, whichever front door they use: the
/// use cases filter in the query and answer an out-of-scope creditor as a missing one.
/// </summary>
public sealed class CreditorScopeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [DatabaseProviders]
    public async Task Search_lists_and_figures_cover_only_the_creditors_the_actor_works_for(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (acme, brit) = await TwoCreditorsAsync(database);
        var acmeAgent = Scoped("acme-agent@parley", acme, StaffRoles.Agent);

        await using var scope = database.Scope();
        var search = scope.ServiceProvider.GetRequiredService<SearchAccounts>();
        (await search.HandleAsync(acmeAgent, new SearchAccountsQuery(), Ct)).Items.Select(i => i.CreditorReference).Order().ShouldBe(["A-1", "A-2"]);
        (await search.HandleAsync(acmeAgent, new SearchAccountsQuery(Text: "Somerville"), Ct)).Total.ShouldBe(0);
        (await search.HandleAsync(acmeAgent, new SearchAccountsQuery(CreditorId: brit), Ct)).Total.ShouldBe(0);
        (await search.HandleAsync(Staff.Agent, new SearchAccountsQuery(), Ct)).Total.ShouldBe(3);
        (await search.HandleAsync(Scoped("nobody@parley", null, StaffRoles.Agent), new SearchAccountsQuery(), Ct)).Total.ShouldBe(0);

        var creditors = await scope.ServiceProvider.GetRequiredService<ListCreditors>().HandleAsync(acmeAgent, new ListCreditorsRequest(), Ct);
        creditors.Select(c => c.Code).ShouldBe(["ACME"]);
        (await scope.ServiceProvider.GetRequiredService<ListCreditors>().HandleAsync(Staff.Agent, new ListCreditorsRequest(), Ct)).Count.ShouldBe(2);

        var figures = await scope.ServiceProvider.GetRequiredService<GetPortfolioSummary>().HandleAsync(acmeAgent, new GetPortfolioSummaryRequest(), Ct);
        figures.Totals.ShouldBe([new CurrencyFigure("USD", 2, 0m)]);
        figures.RecentImports.ShouldBeNull();
    }

    [Fact]
    public async Task A_creditor_outside_the_actors_scope_answers_as_missing_and_keeps_its_policy()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var (acme, brit) = await TwoCreditorsAsync(database);
        var acmeAdmin = Scoped("acme-admin@parley", acme, StaffRoles.Admin);

        await using var scope = database.Scope();
        var list = scope.ServiceProvider.GetRequiredService<ListCreditors>();
        var before = (await list.HandleAsync(Staff.Agent, new ListCreditorsRequest(), Ct)).Single(c => c.Code == "BRIT");
        var change = scope.ServiceProvider.GetRequiredService<ChangeCreditorPolicy>();
        var refused = await Should.ThrowAsync<DomainException>(() => change.HandleAsync(acmeAdmin, new ChangeCreditorPolicyRequest(brit, GraceDays: 9), Ct));
        refused.Error.ShouldBe(new CreditorNotFound(brit));
        (await change.HandleAsync(acmeAdmin, new ChangeCreditorPolicyRequest(acme, GraceDays: 9), Ct)).GraceDays.ShouldBe(9);
        (await list.HandleAsync(Staff.Agent, new ListCreditorsRequest(), Ct)).Single(c => c.Code == "BRIT").ShouldBe(before);
    }

    [Fact]
    public async Task Only_someone_working_for_every_creditor_loads_a_placement_file_or_reads_its_runs()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var (acme, _) = await TwoCreditorsAsync(database);
        var acmeSupervisor = Scoped("acme-supervisor@parley", acme, StaffRoles.Supervisor);

        await using var scope = database.Scope();
        using var file = new MemoryStream(Encoding.UTF8.GetBytes("creditor_code\n"));
        var import = scope.ServiceProvider.GetRequiredService<ImportPlacements>();
        var refused = await Should.ThrowAsync<DomainException>(() => import.HandleAsync(acmeSupervisor, new ImportPlacementsRequest(file, "p.csv", DryRun: true), Ct));
        refused.Error.ShouldBe(new ImportNeedsEveryCreditor());
        (await scope.ServiceProvider.GetRequiredService<ListImports>().HandleAsync(acmeSupervisor, new ListImportsRequest(), Ct)).Total.ShouldBe(0);
    }

    [Fact]
    public async Task Account_references_are_given_only_for_accounts_of_the_actors_creditors()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var (acme, _) = await TwoCreditorsAsync(database);
        await using var scope = database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        var ids = db.Set<Domain.Account>().ToDictionary(a => a.CreditorReference, a => a.Id);
        var references = scope.ServiceProvider.GetRequiredService<GetAccountReferences>();
        AccountId[] asked = [ids["A-1"], ids["B-1"], AccountId.New()];

        (await references.HandleAsync(Scoped("acme-agent@parley", acme, StaffRoles.Agent), new GetAccountReferencesRequest(asked), Ct))
            .ShouldBe(new Dictionary<AccountId, string> { [ids["A-1"]] = "A-1" });
        (await references.HandleAsync(Staff.Agent, new GetAccountReferencesRequest(asked), Ct)).Values.Order().ShouldBe(["A-1", "B-1"]);
        var tooMany = Enumerable.Range(0, GetAccountReferencesRequest.MaxAccounts + 1).Select(_ => AccountId.New()).ToArray();
        (await Should.ThrowAsync<DomainException>(() => references.HandleAsync(Staff.Agent, new GetAccountReferencesRequest(tooMany), Ct)))
            .Error.ShouldBe(new AccountReferencesInvalid(GetAccountReferencesRequest.MaxAccounts + 1));
        await Should.ThrowAsync<DomainException>(() => references.HandleAsync(Actor.System("job"), new GetAccountReferencesRequest(asked), Ct));
    }

    private static StaffMember Scoped(string name, CreditorId? creditor, params string[] roles) =>
        new(name, roles.ToHashSet(), CreditorScope.Only(creditor is { } c ? [c] : []));

    private static async Task<(CreditorId Acme, CreditorId Brit)> TwoCreditorsAsync(TestDatabase database)
    {
        await using var scope = database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        var acme = AccountsTestData.Creditor("ACME");
        var brit = AccountsTestData.Creditor("BRIT", Currency.GBP);
        db.AddRange(acme, brit);
        AccountsTestData.Debt(db, acme, "A-1", "Ada", "Lovelace");
        AccountsTestData.Debt(db, acme, "A-2", "Grace", "Hopper");
        AccountsTestData.Debt(db, brit, "B-1", "Mary", "Somerville", jurisdiction: "GB-ENG", timeZone: "Europe/London");
        await db.SaveChangesAsync(Ct);
        return (acme.Id, brit.Id);
    }
}
