using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Payments.Contracts;
using Parley.Persistence;
using Parley.SharedKernel;

namespace Parley.Modules.Accounts.Tests.UseCases;

/// <summary>Small, explicit portfolios for slice tests.</summary>
internal static class AccountsTestData
{
    public static Creditor Creditor(string code = "ACME", Currency? currency = null)
    {
        var c = currency ?? Currency.USD;
        return new Creditor(code, $"{code} Bank", c, new CreditorPolicy(AllocationWaterfall.Default, Money.Of(25m, c), 0m, 30m));
    }

    public static (Customer Customer, Account Account) Debt(
        ParleyDbContext db,
        Creditor creditor,
        string reference,
        string given,
        string family,
        int daysPastDue = 45,
        string jurisdiction = "US-MA",
        string timeZone = "America/New_York",
        Instant? placedAt = null,
        string phone = "+14135550123",
        string? email = null,
        string postalCode = "01101")
    {
        var customer = new Customer(creditor.Id, $"C-{reference}", new PersonName(given, family), new LocalDate(1980, 5, 17), "en-US");
        customer.AddAddress(new PostalAddress("1 Main St", null, "Springfield", postalCode, Jurisdiction.Parse(jurisdiction), timeZone));
        customer.AddPhone(new PhoneNumber(phone, PhoneType.Mobile, consentToCall: true, consentToSms: false));
        customer.AddEmail(new EmailAddress(email ?? $"{given.ToLowerInvariant()}@example.com", EmailType.Personal, consentToEmail: true));
        var account = new Account(
            creditor.Id,
            customer.Id,
            reference,
            new AccountTerms(creditor.Currency, ProductType.CreditCard, "First Card Co", null, new LocalDate(2026, 6, 1), daysPastDue, new LocalDate(2031, 6, 1), AccountStatus.Open),
            placedAt ?? Instant.FromUtc(2026, 10, 1, 12, 0));
        db.AddRange(customer, account);
        return (customer, account);
    }
}
