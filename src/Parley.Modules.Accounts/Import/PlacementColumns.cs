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

    /// <summary>The optional contact-history columns, all four or none, after the 32 the header always has.</summary>
    public const int LastContactAt = 32;
    public const int LastContactChannel = 33;
    public const int LastContactOutcome = 34;
    public const int ContactHistory = 35;

    /// <summary>The most entries <c>contact_history</c> may list.</summary>
    public const int MaxContactHistory = 50;

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
        new("last_contact_at"),
        new("last_contact_channel"),
        new("last_contact_outcome"),
        new("contact_history"),
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

    /// <summary>The words <c>last_contact_channel</c> and <c>contact_history</c> take for a channel.</summary>
    public static Choice<Contracts.PlacedContactChannel> ContactChannels { get; } = new(null,
        ("call", Contracts.PlacedContactChannel.Call), ("sms", Contracts.PlacedContactChannel.Sms), ("email", Contracts.PlacedContactChannel.Email),
        ("letter", Contracts.PlacedContactChannel.Letter));

    /// <summary>The words for what a contact came to; blank means not known.</summary>
    public static Choice<Contracts.PlacedContactOutcome> ContactOutcomes { get; } = new(null,
        ("sent", Contracts.PlacedContactOutcome.Sent), ("delivered", Contracts.PlacedContactOutcome.Delivered), ("bounced", Contracts.PlacedContactOutcome.Bounced),
        ("failed", Contracts.PlacedContactOutcome.Failed), ("opened", Contracts.PlacedContactOutcome.Opened), ("clicked", Contracts.PlacedContactOutcome.Clicked),
        ("replied", Contracts.PlacedContactOutcome.Replied), ("not_connected", Contracts.PlacedContactOutcome.NotConnected),
        ("no_answer", Contracts.PlacedContactOutcome.NoAnswer), ("voicemail", Contracts.PlacedContactOutcome.Voicemail),
        ("wrong_number", Contracts.PlacedContactOutcome.WrongNumber), ("right_party_contact", Contracts.PlacedContactOutcome.RightPartyContact),
        ("promise", Contracts.PlacedContactOutcome.Promise), ("refusal", Contracts.PlacedContactOutcome.Refusal), ("dispute", Contracts.PlacedContactOutcome.Dispute),
        ("asked_for_no_contact", Contracts.PlacedContactOutcome.AskedForNoContact));

    /// <summary>Which outcomes a channel's contact can have: a call is answered or not, a message is delivered or bounces.</summary>
    public static bool Fits(Contracts.PlacedContactChannel channel, Contracts.PlacedContactOutcome outcome) => channel switch
    {
        Contracts.PlacedContactChannel.Call => outcome is Contracts.PlacedContactOutcome.NotConnected or Contracts.PlacedContactOutcome.NoAnswer
            or Contracts.PlacedContactOutcome.Voicemail or Contracts.PlacedContactOutcome.WrongNumber or Contracts.PlacedContactOutcome.RightPartyContact
            or Contracts.PlacedContactOutcome.Promise or Contracts.PlacedContactOutcome.Refusal or Contracts.PlacedContactOutcome.Dispute
            or Contracts.PlacedContactOutcome.AskedForNoContact,
        Contracts.PlacedContactChannel.Sms or Contracts.PlacedContactChannel.Email => outcome is Contracts.PlacedContactOutcome.Sent
            or Contracts.PlacedContactOutcome.Delivered or Contracts.PlacedContactOutcome.Bounced or Contracts.PlacedContactOutcome.Failed
            or Contracts.PlacedContactOutcome.Opened or Contracts.PlacedContactOutcome.Clicked or Contracts.PlacedContactOutcome.Replied,
        Contracts.PlacedContactChannel.Letter => outcome is Contracts.PlacedContactOutcome.Sent or Contracts.PlacedContactOutcome.Delivered
            or Contracts.PlacedContactOutcome.Bounced or Contracts.PlacedContactOutcome.Failed or Contracts.PlacedContactOutcome.Replied,
    };

    public static IReadOnlyList<string> Names { get; } = [.. All.Select(c => c.Name)];

    /// <summary>Every column, the optional contact-history ones included; a record is padded to this many fields.</summary>
    public static int Count => Names.Count;

    /// <summary>The columns every header has; the contact-history ones may follow.</summary>
    public const int CoreCount = 32;

    /// <summary>The header without the optional columns.</summary>
    public static string Header { get; } = string.Join(',', Names.Take(CoreCount));

    /// <summary>The header with the optional contact-history columns.</summary>
    public static string FullHeader { get; } = string.Join(',', Names);
}

/// <summary>A column whose value is one of a fixed set of words, in any case; <paramref name="blank"/> is what an empty field means (null: required).</summary>
internal sealed class Choice<T>(T? blank, params (string Word, T Value)[] words)
    where T : struct
{
    /// <summary>The words, as a refusal lists them: <c>a, b, c</c>.</summary>
    public string OneOf { get; } = string.Join(", ", words.Select(w => w.Word));

    /// <summary>The word for a value (the first, where several words mean it).</summary>
    public string Word(T value) => words.First(w => EqualityComparer<T>.Default.Equals(w.Value, value)).Word;

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
