namespace Parley.Modules.Accounts.Import;

/// <summary>The placement file's columns, in the one order the header must have (docs/import-format.md).</summary>
internal static class PlacementColumns
{
    public const int CreditorCode = 0;
    public const int CustomerRef = 1;
    public const int GivenName = 2;
    public const int FamilyName = 3;
    public const int DateOfBirth = 4;
    public const int Language = 5;
    public const int AddressLine1 = 6;
    public const int AddressLine2 = 7;
    public const int City = 8;
    public const int PostalCode = 9;
    public const int Jurisdiction = 10;
    public const int TimeZone = 11;
    public const int MobilePhone = 12;
    public const int MobileConsent = 13;
    public const int HomePhone = 14;
    public const int WorkPhone = 15;
    public const int Email = 16;
    public const int EmailType = 17;
    public const int EmailConsent = 18;
    public const int AccountRef = 19;
    public const int ProductType = 20;
    public const int OriginalCreditor = 21;
    public const int Currency = 22;
    public const int Principal = 23;
    public const int Interest = 24;
    public const int Fees = 25;
    public const int ChargeOffDate = 26;
    public const int LastPaymentDate = 27;
    public const int DaysPastDue = 28;
    public const int StatuteOfLimitationsDate = 29;
    public const int Status = 30;
    public const int Statements = 31;

    public static IReadOnlyList<string> Names { get; } =
    [
        "creditor_code", "customer_ref", "given_name", "family_name", "date_of_birth", "language", "address_line1",
        "address_line2", "city", "postal_code", "jurisdiction", "time_zone", "mobile_phone", "mobile_consent", "home_phone",
        "work_phone", "email", "email_type", "email_consent", "account_ref", "product_type", "original_creditor", "currency",
        "principal", "interest", "fees", "charge_off_date", "last_payment_date", "days_past_due", "statute_of_limitations_date",
        "status", "statements",
    ];

    public static int Count => Names.Count;

    public static string Header { get; } = string.Join(',', Names);
}
