using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Payments.Contracts;
using Parley.Persistence;
using Parley.SharedKernel;

namespace Parley.Modules.Outreach.Tests;

/// <summary>A creditor and a customer with one account, placed in Pennsylvania (Reg F's federal limits alone).</summary>
internal static class OutreachTestData
{
    public const string Phone = "+12155550142";
    public const string Email = "jane.doe@example.com";

    public static Creditor Creditor(string code = "ACME") =>
        new(code, $"{code} Bank", Currency.USD, new CreditorPolicy(AllocationWaterfall.Default, Money.Of(25m, Currency.USD), 0m, 30m));

    public static (Customer Customer, Account Account) Debt(ParleyDbContext db, Creditor creditor, string reference, string state = "US-PA", string timeZone = "America/New_York")
    {
        var customer = new Customer(creditor.Id, $"C-{reference}", new PersonName("Jane", "Doe"), new LocalDate(1980, 5, 17), "en-US");
        customer.AddAddress(new PostalAddress("1 Main St", null, "Philadelphia", "19103", Jurisdiction.Parse(state), timeZone));
        customer.AddPhone(new PhoneNumber(Phone, PhoneType.Mobile, consentToCall: true, consentToSms: true));
        customer.AddEmail(new EmailAddress(Email, EmailType.Personal, consentToEmail: true));
        var account = new Account(
            creditor.Id,
            customer.Id,
            reference,
            new AccountTerms(creditor.Currency, ProductType.CreditCard, "First Card Co", null, new LocalDate(2026, 6, 1), 45, new LocalDate(2031, 6, 1), AccountStatus.Open),
            Instant.FromUtc(2026, 10, 1, 12, 0));
        db.AddRange(customer, account);
        return (customer, account);
    }
}
