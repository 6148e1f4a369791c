using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Accounts.Domain;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.Testing;
using Shouldly;

namespace Parley.Modules.Accounts.Tests.UseCases;

public sealed class CustomerLocaleTests
{
    [Theory]
    [DatabaseProviders]
    public async Task The_locale_is_the_address_zone_and_jurisdiction_and_the_customer_language(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        AccountId scottish;
        AccountId unplaced;
        await using (var scope = database.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
            var creditor = AccountsTestData.Creditor("ACME", Currency.GBP);
            db.Add(creditor);
            scottish = AccountsTestData.Debt(db, creditor, "D-1", "Morag", "Reid", jurisdiction: "GB-SCT", timeZone: "Europe/London", postalCode: "EH1 1AA").Account.Id;
            var nowhere = new Customer(creditor.Id, "C-D-2", new PersonName("Ann", "Hale"), null, "cy");
            var second = new Account(creditor.Id, nowhere.Id, "D-2",
                new AccountTerms(Currency.GBP, ProductType.CreditCard, "First Card Co", null, new LocalDate(2026, 6, 1), 45, new LocalDate(2031, 6, 1), AccountStatus.Open),
                Instant.FromUtc(2026, 10, 1, 12, 0));
            db.AddRange(nowhere, second);
            unplaced = second.Id;
            await db.SaveChangesAsync();
        }

        await using (var scope = database.Scope())
        {
            var locales = scope.ServiceProvider.GetRequiredService<ICustomerLocales>();
            var ct = TestContext.Current.CancellationToken;

            var locale = (await locales.GetAsync(scottish, ct)).ShouldNotBeNull();
            locale.ShouldBe(new CustomerLocale(scottish, "Europe/London", "en-US", Jurisdiction.Parse("GB-SCT")));
            locale.ZoneOr(DateTimeZone.Utc).Id.ShouldBe("Europe/London");

            var none = (await locales.GetAsync(unplaced, ct)).ShouldNotBeNull();
            none.ShouldBe(new CustomerLocale(unplaced, null, "cy", null));
            none.ZoneOr(DateTimeZone.Utc).ShouldBe(DateTimeZone.Utc);

            (await locales.GetAsync(AccountId.New(), ct)).ShouldBeNull();
        }
    }
}
