namespace Parley.Modules.Accounts.Import;

/// <summary>
/// How one column of the placement file is read: its header name and, for free text, its longest length and
/// whether it may be blank (0 means the column has a parser of its own).
/// </summary>
internal sealed record PlacementColumn(string Name, int MaxLength = 0, bool Required = false);

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

    /// <summary>Every column, indexed by the constants above.</summary>
    public static IReadOnlyList<PlacementColumn> All { get; } =
    [
        new("creditor_code"),
        new("customer_ref", 64, Required: true),
        new("given_name", 100, Required: true),
        new("family_name", 100, Required: true),
        new("date_of_birth"),
        new("language"),
        new("address_line1", 200, Required: true),
        new("address_line2", 200),
        new("city", 100, Required: true),
        new("postal_code", 20, Required: true),
        new("jurisdiction"),
        new("time_zone"),
        new("mobile_phone"),
        new("mobile_consent"),
        new("home_phone"),
        new("work_phone"),
        new("email"),
        new("email_type"),
        new("email_consent"),
        new("account_ref", 64, Required: true),
        new("product_type"),
        new("original_creditor", 200),
        new("currency"),
        new("principal"),
        new("interest"),
        new("fees"),
        new("charge_off_date"),
        new("last_payment_date"),
        new("days_past_due"),
        new("statute_of_limitations_date"),
        new("status"),
        new("statements"),
    ];

    /// <summary>The words <c>mobile_consent</c> takes; blank means none.</summary>
    public static Choice<(bool Call, bool Sms)> MobileConsents { get; } =
        new((false, false), ("none", (false, false)), ("call", (true, false)), ("sms", (false, true)), ("call+sms", (true, true)));

    /// <summary>The words <c>email_type</c> takes; blank means personal.</summary>
    public static Choice<Contracts.EmailType> EmailTypes { get; } = new(Contracts.EmailType.Personal, ("personal", Contracts.EmailType.Personal), ("work", Contracts.EmailType.Work));

    /// <summary>The words <c>email_consent</c> takes; blank means no.</summary>
    public static Choice<bool> EmailConsents { get; } = new(false, ("yes", true), ("no", false));

    /// <summary>The words <c>product_type</c> takes; it is required.</summary>
    public static Choice<Contracts.ProductType> ProductTypes { get; } = new(null,
        ("credit_card", Contracts.ProductType.CreditCard), ("personal_loan", Contracts.ProductType.PersonalLoan), ("bnpl", Contracts.ProductType.Bnpl),
        ("utility", Contracts.ProductType.Utility), ("medical", Contracts.ProductType.Medical), ("auto", Contracts.ProductType.Auto),
        ("telecom", Contracts.ProductType.Telecom), ("other", Contracts.ProductType.Other));

    /// <summary>The words <c>status</c> takes; it is required.</summary>
    public static Choice<AccountStatus> Statuses { get; } = new(null,
        ("open", AccountStatus.Open), ("in_arrangement", AccountStatus.InArrangement), ("paid_in_full", AccountStatus.PaidInFull),
        ("settled", AccountStatus.Settled), ("recalled", AccountStatus.Recalled), ("closed", AccountStatus.Closed));

    public static IReadOnlyList<string> Names { get; } = [.. All.Select(c => c.Name)];

    public static int Count => Names.Count;

    public static string Header { get; } = string.Join(',', Names);
}

/// <summary>A column whose value is one of a fixed set of words, in any case; <paramref name="blank"/> is what an empty field means (null: required).</summary>
internal sealed class Choice<T>(T? blank, params (string Word, T Value)[] words)
    where T : struct
{
    /// <summary>The words, as a refusal lists them: <c>a, b, c</c>.</summary>
    public string OneOf { get; } = string.Join(", ", words.Select(w => w.Word));

    /// <summary>The value of a field, the blank value for an empty one, or null when it is none of the words.</summary>
    public T? Read(string text)
    {
        if (text.Length == 0)
        {
            return blank;
        }

        var lower = text.ToLowerInvariant();
        foreach (var (word, value) in words)
        {
            if (word == lower)
            {
                return value;
            }
        }

        return null;
    }
}
