using Microsoft.Extensions.DependencyInjection;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Accounts.UseCases;
using Parley.Persistence;
using Parley.Testing;
using Shouldly;

namespace Parley.Modules.Accounts.Tests.UseCases;

public sealed class SearchAccountsTests
{
    [Theory]
    [DatabaseProviders]
    public async Task Searches_filters_sorts_and_pages_on_the_server(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var scope = database.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
            var creditor = AccountsTestData.Creditor();
            db.Add(creditor);
            AccountsTestData.Debt(db, creditor, "A-1", "Ada", "Lovelace", daysPastDue: 10);
            AccountsTestData.Debt(db, creditor, "A-2", "Grace", "Hopper", daysPastDue: 95, jurisdiction: "US-AZ", timeZone: "America/Phoenix");
            AccountsTestData.Debt(db, creditor, "A-3", "Alan", "Turing", daysPastDue: 200, jurisdiction: "GB-ENG", timeZone: "Europe/London");
            await db.SaveChangesAsync();
        }

        await using var query = database.Scope();
        var search = query.ServiceProvider.GetRequiredService<SearchAccounts>();

        var all = await search.HandleAsync(new SearchAccountsQuery(), CancellationToken.None);
        all.Total.ShouldBe(3);
        all.Items.Select(i => i.CustomerName).ShouldBe(["Grace Hopper", "Ada Lovelace", "Alan Turing"]);

        (await search.HandleAsync(new SearchAccountsQuery(Text: "hop"), CancellationToken.None)).Items.Single().CreditorReference.ShouldBe("A-2");
        (await search.HandleAsync(new SearchAccountsQuery(Text: "A-3"), CancellationToken.None)).Items.Single().CustomerName.ShouldBe("Alan Turing");
        (await search.HandleAsync(new SearchAccountsQuery(Jurisdiction: "US-AZ"), CancellationToken.None)).Items.Single().CreditorReference.ShouldBe("A-2");
        (await search.HandleAsync(new SearchAccountsQuery(Bucket: DelinquencyBucket.Dpd181Plus), CancellationToken.None)).Items.Single().CreditorReference.ShouldBe("A-3");

        var byDpd = await search.HandleAsync(new SearchAccountsQuery(Sort: AccountSort.DaysPastDue, Descending: true, PageSize: 2, Page: 1), CancellationToken.None);
        byDpd.Items.Select(i => i.DaysPastDue).ShouldBe([200, 95]);
        var page2 = await search.HandleAsync(new SearchAccountsQuery(Sort: AccountSort.DaysPastDue, Descending: true, PageSize: 2, Page: 2), CancellationToken.None);
        page2.Items.Select(i => i.DaysPastDue).ShouldBe([10]);
        page2.Total.ShouldBe(3);
    }

    [Theory]
    [DatabaseProviders]
    public async Task Filters_on_active_holds_including_customer_wide_ones(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var now = NodaTime.Instant.FromDateTimeOffset(database.Time.GetUtcNow());
        await using (var scope = database.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
            var creditor = AccountsTestData.Creditor();
            db.Add(creditor);
            var (held, _) = AccountsTestData.Debt(db, creditor, "H-1", "Held", "Customer");
            var (expired, _) = AccountsTestData.Debt(db, creditor, "H-2", "Expired", "Customer");
            AccountsTestData.Debt(db, creditor, "H-3", "Free", "Customer");
            db.Add(new Hold(held.Id, null, HoldType.BreathingSpace, now - NodaTime.Duration.FromDays(5), now + NodaTime.Duration.FromDays(55), true, "Standard breathing space", "test"));
            db.Add(new Hold(expired.Id, null, HoldType.Dispute, now - NodaTime.Duration.FromDays(40), now - NodaTime.Duration.FromDays(10), true, "Resolved", "test"));
            await db.SaveChangesAsync();
        }

        await using var query = database.Scope();
        var search = query.ServiceProvider.GetRequiredService<SearchAccounts>();
        (await search.HandleAsync(new SearchAccountsQuery(HasActiveHold: true), CancellationToken.None)).Items.Select(i => i.CreditorReference).ShouldBe(["H-1"]);
        (await search.HandleAsync(new SearchAccountsQuery(HasActiveHold: false), CancellationToken.None)).Items.Select(i => i.CreditorReference).Order().ShouldBe(["H-2", "H-3"]);
    }
}
