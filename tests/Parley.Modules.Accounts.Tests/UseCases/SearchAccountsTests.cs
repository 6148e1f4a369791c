using Microsoft.Extensions.DependencyInjection;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Accounts.UseCases;
using Parley.Persistence;
using Parley.Testing;
using CsCheck;
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

        var all = await search.HandleAsync(Staff.Agent, new SearchAccountsQuery(), CancellationToken.None);
        all.Total.ShouldBe(3);
        // Unless told otherwise, the accounts furthest behind come first.
        all.Items.Select(i => i.CustomerName).ShouldBe(["Alan Turing", "Grace Hopper", "Ada Lovelace"]);
        var byName = await search.HandleAsync(Staff.Agent, new SearchAccountsQuery(Sort: AccountSort.CustomerName, Descending: false), CancellationToken.None);
        byName.Items.Select(i => i.CustomerName).ShouldBe(["Grace Hopper", "Ada Lovelace", "Alan Turing"]);

        (await search.HandleAsync(Staff.Agent, new SearchAccountsQuery(Text: "hop"), CancellationToken.None)).Items.Single().CreditorReference.ShouldBe("A-2");
        (await search.HandleAsync(Staff.Agent, new SearchAccountsQuery(Text: "A-3"), CancellationToken.None)).Items.Single().CustomerName.ShouldBe("Alan Turing");
        (await search.HandleAsync(Staff.Agent, new SearchAccountsQuery(Jurisdiction: "US-AZ"), CancellationToken.None)).Items.Single().CreditorReference.ShouldBe("A-2");
        (await search.HandleAsync(Staff.Agent, new SearchAccountsQuery(Bucket: DelinquencyBucket.Dpd181Plus), CancellationToken.None)).Items.Single().CreditorReference.ShouldBe("A-3");

        var byDpd = await search.HandleAsync(Staff.Agent, new SearchAccountsQuery(Sort: AccountSort.DaysPastDue, Descending: true, PageSize: 2, Page: 1), CancellationToken.None);
        byDpd.Items.Select(i => i.DaysPastDue).ShouldBe([200, 95]);
        var page2 = await search.HandleAsync(Staff.Agent, new SearchAccountsQuery(Sort: AccountSort.DaysPastDue, Descending: true, PageSize: 2, Page: 2), CancellationToken.None);
        page2.Items.Select(i => i.DaysPastDue).ShouldBe([10]);
        page2.Total.ShouldBe(3);
    }

    [Theory]
    [DatabaseProviders]
    public async Task Extreme_pages_are_empty_or_held_within_bounds_never_an_overflow(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var scope = database.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
            var creditor = AccountsTestData.Creditor();
            db.Add(creditor);
            AccountsTestData.Debt(db, creditor, "P-1", "Ada", "Lovelace");
            AccountsTestData.Debt(db, creditor, "P-2", "Grace", "Hopper");
            await db.SaveChangesAsync();
        }

        await using var query = database.Scope();
        var search = query.ServiceProvider.GetRequiredService<SearchAccounts>();

        var beyond = await search.HandleAsync(Staff.Agent, new SearchAccountsQuery(Page: int.MaxValue, PageSize: int.MaxValue), CancellationToken.None);
        var negative = await search.HandleAsync(Staff.Agent, new SearchAccountsQuery(Page: int.MinValue, PageSize: -1), CancellationToken.None);

        (beyond.Items.Count, beyond.Total, beyond.Page, beyond.PageSize).ShouldBe((0, 2, int.MaxValue, SearchAccounts.MaxPageSize));
        (negative.Items.Count, negative.Page, negative.PageSize).ShouldBe((1, 1, 1));
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
        (await search.HandleAsync(Staff.Agent, new SearchAccountsQuery(HasActiveHold: true), CancellationToken.None)).Items.Select(i => i.CreditorReference).ShouldBe(["H-1"]);
        (await search.HandleAsync(Staff.Agent, new SearchAccountsQuery(HasActiveHold: false), CancellationToken.None)).Items.Select(i => i.CreditorReference).Order().ShouldBe(["H-2", "H-3"]);
    }

    [Theory]
    [DatabaseProviders]
    public async Task Finds_a_customer_by_full_name_whatever_the_accents_case_order_or_punctuation(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var scope = database.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
            var creditor = AccountsTestData.Creditor();
            db.Add(creditor);
            AccountsTestData.Debt(db, creditor, "N-1", "David", "Adams");
            AccountsTestData.Debt(db, creditor, "N-2", "Verónica", "Aguilar");
            AccountsTestData.Debt(db, creditor, "N-3", "Siobhán", "O'Brien-Walsh");
            AccountsTestData.Debt(db, creditor, "N-4", "Jürgen", "Weiß");
            AccountsTestData.Debt(db, creditor, "N-5", "Davina", "Smith");
            await db.SaveChangesAsync();
        }

        await using var query = database.Scope();
        var search = query.ServiceProvider.GetRequiredService<SearchAccounts>();
        async Task<string[]> Find(string text) =>
            [.. (await search.HandleAsync(Staff.Agent, new SearchAccountsQuery(Text: text), CancellationToken.None)).Items.Select(i => i.CreditorReference).Order()];

        (await Find("David Adams")).ShouldBe(["N-1"]);
        (await Find("adams, david")).ShouldBe(["N-1"]);
        (await Find("DAV")).ShouldBe(["N-1", "N-5"]);
        (await Find("David Smith")).ShouldBeEmpty();
        (await Find("veronica aguilar")).ShouldBe(["N-2"]);
        (await Find("VERÓNICA")).ShouldBe(["N-2"]);
        (await Find("Vero\u0301nica Aguilar")).ShouldBe(["N-2"]);
        (await Find("siobhan o'brien")).ShouldBe(["N-3"]);
        (await Find("obrien walsh")).ShouldBeEmpty();
        (await Find("brien walsh")).ShouldBe(["N-3"]);
        (await Find("jurgen weiss")).ShouldBe(["N-4"]);
        (await Find("Weiß")).ShouldBe(["N-4"]);
    }

    [Theory]
    [DatabaseProviders]
    public async Task Finds_a_customer_by_partial_reference_phone_in_any_format_email_and_postcode(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var scope = database.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
            var creditor = AccountsTestData.Creditor();
            db.Add(creditor);
            AccountsTestData.Debt(db, creditor, "ACC-1001", "Ada", "Lovelace", phone: "+16172530142", email: "ada.lovelace@example.org", postalCode: "02110");
            AccountsTestData.Debt(db, creditor, "ACC-2002", "Alan", "Turing", jurisdiction: "GB-ENG", timeZone: "Europe/London", phone: "+442079460018",
                email: "alan@example.co.uk", postalCode: "SW1A 1AA");
            await db.SaveChangesAsync();
        }

        await using var query = database.Scope();
        var search = query.ServiceProvider.GetRequiredService<SearchAccounts>();
        async Task<string[]> Find(string text) =>
            [.. (await search.HandleAsync(Staff.Agent, new SearchAccountsQuery(Text: text), CancellationToken.None)).Items.Select(i => i.CreditorReference).Order()];

        (await Find("1001")).ShouldBe(["ACC-1001"]);
        (await Find("acc-20")).ShouldBe(["ACC-2002"]);
        (await Find("c-acc-1001")).ShouldBe(["ACC-1001"]);
        foreach (var phone in new[] { "(617) 253-0142", "617.253.0142", "617 253 0142", "+1 617 253 0142", "001 617-253-0142", "+16172530142" })
        {
            (await Find(phone)).ShouldBe(["ACC-1001"], phone);
        }

        foreach (var phone in new[] { "020 7946 0018", "+44 20 7946 0018", "(020) 7946-0018", "0044 20 7946 0018" })
        {
            (await Find(phone)).ShouldBe(["ACC-2002"], phone);
        }

        (await Find("617 253 0143")).ShouldBeEmpty();
        (await Find("ADA.LOVELACE@EXAMPLE.ORG")).ShouldBe(["ACC-1001"]);
        (await Find("alan@example")).ShouldBe(["ACC-2002"]);
        (await Find("sw1a 1aa")).ShouldBe(["ACC-2002"]);
        (await Find("SW1A1AA")).ShouldBe(["ACC-2002"]);
        (await Find("sw1a")).ShouldBe(["ACC-2002"]);
        (await Find("02110")).ShouldBe(["ACC-1001"]);
    }

    [Theory]
    [DatabaseProviders]
    public async Task Any_stored_name_is_found_by_any_of_its_words_typed_in_capitals_with_accents_decomposed(DatabaseProvider provider)
    {
        var letters = Gen.OneOf(Gen.Char['a', 'z'], Gen.Char['A', 'Z'], Gen.Char['\u00C0', '\u017F'], Gen.Char['\u0410', '\u044F'], Gen.Char['\u1EA0', '\u1EF9']);
        var names = Gen.Select(Gen.String[letters, 2, 10], Gen.String[letters, 2, 12], Gen.OneOf<string>(" ", "-", "'")).Array[30].Single();
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var scope = database.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
            var creditor = AccountsTestData.Creditor();
            db.Add(creditor);
            for (var i = 0; i < names.Length; i++)
            {
                AccountsTestData.Debt(db, creditor, $"P-{i}", names[i].Item1, names[i].Item2 + names[i].Item3 + names[i].Item1);
            }

            await db.SaveChangesAsync();
        }

        await using var query = database.Scope();
        var search = query.ServiceProvider.GetRequiredService<SearchAccounts>();
        for (var i = 0; i < names.Length; i++)
        {
            var (given, family, _) = names[i];
            var typed = $"{family.ToUpperInvariant()} {given[..2].ToLowerInvariant()}\u0301";
            var found = await search.HandleAsync(Staff.Agent, new SearchAccountsQuery(Text: typed, PageSize: 100), CancellationToken.None);
            found.Items.Select(a => a.CreditorReference).ShouldContain($"P-{i}", $"'{given}' '{family}' typed as '{typed}'");
        }
    }
}
