using NodaTime;
using Parley.SharedKernel;

namespace Parley.Modules.Accounts.Domain;

/// <summary>Where a phone or email came from; a placement retires only what placements gave.</summary>
public enum ContactSource
{
    Placement,
    Customer,
    Staff,
}

/// <summary>A postal address with the jurisdiction whose rules apply and the IANA time zone it lies in.</summary>
public sealed class PostalAddress
{
    private PostalAddress()
    {
        Line1 = "";
        City = "";
        PostalCode = "";
        TimeZone = "";
    }

    public PostalAddress(string line1, string? line2, string city, string postalCode, Jurisdiction jurisdiction, string timeZone)
        : this(NewId.Next(), default, line1, line2, city, postalCode, jurisdiction, timeZone, position: 0)
    {
    }

    /// <summary>An address of a known customer, with its id and place already resolved (a placement batch writes it without EF).</summary>
    internal PostalAddress(Guid id, CustomerId customerId, string line1, string? line2, string city, string postalCode, Jurisdiction jurisdiction, string timeZone, int position)
    {
        Id = id;
        Position = position;
        CustomerId = customerId;
        Line1 = line1;
        Line2 = line2;
        City = city;
        PostalCode = postalCode;
        Jurisdiction = jurisdiction;
        TimeZone = timeZone;
    }

    public Guid Id { get; private set; }

    public CustomerId CustomerId { get; private set; }

    public string Line1 { get; private set; }

    public string? Line2 { get; private set; }

    public string City { get; private set; }

    public string PostalCode { get; private set; }

    public Jurisdiction Jurisdiction { get; private set; }

    /// <summary>IANA time zone id, e.g. <c>America/Phoenix</c>.</summary>
    public string TimeZone { get; private set; }

    /// <summary>The address's place among the customer's, 0 being the primary: ids order only to the millisecond.</summary>
    public int Position { get; private set; }

    internal void PlaceAt(int position) => Position = position;
}

/// <summary>A phone in E.164 with its type and what the customer consented to on it.</summary>
public sealed class PhoneNumber
{
    private PhoneNumber() => E164 = "";

    public PhoneNumber(string e164, PhoneType type, bool consentToCall, bool consentToSms)
        : this(NewId.Next(), default, e164, type, consentToCall, consentToSms, position: 0)
    {
    }

    /// <summary>A placement-given phone of a known customer, at its place in the placement's list (a placement batch writes it without EF).</summary>
    internal PhoneNumber(Guid id, CustomerId customerId, string e164, PhoneType type, bool consentToCall, bool consentToSms, int position)
    {
        Id = id;
        Position = position;
        CustomerId = customerId;
        E164 = e164;
        Type = type;
        ConsentToCall = consentToCall;
        ConsentToSms = consentToSms;
    }

    public Guid Id { get; private set; }

    public CustomerId CustomerId { get; private set; }

    public string E164 { get; private set; }

    public PhoneType Type { get; private set; }

    public bool ConsentToCall { get; private set; }

    public bool ConsentToSms { get; private set; }

    /// <summary>The phone's place among the customer's, 0 first: ids order only to the millisecond.</summary>
    public int Position { get; private set; }

    internal void PlaceAt(int position) => Position = position;

    public ContactSource Source { get; private set; } = ContactSource.Placement;

    /// <summary>
    /// When a later placement stopped listing this number: it is kept, with the consents as recorded, for the
    /// record, but it is no longer the customer's number and must not be contacted.
    /// </summary>
    public Instant? RetiredAt { get; private set; }

    public bool IsCurrent => RetiredAt is null;
}

public sealed class EmailAddress
{
    private EmailAddress() => Address = "";

    public EmailAddress(string address, EmailType type, bool consentToEmail)
        : this(NewId.Next(), default, address, type, consentToEmail, position: 0)
    {
    }

    /// <summary>A placement-given email of a known customer, at its place in the placement's list (a placement batch writes it without EF).</summary>
    internal EmailAddress(Guid id, CustomerId customerId, string address, EmailType type, bool consentToEmail, int position)
    {
        Id = id;
        Position = position;
        CustomerId = customerId;
        Address = address;
        Type = type;
        ConsentToEmail = consentToEmail;
    }

    public Guid Id { get; private set; }

    public CustomerId CustomerId { get; private set; }

    public string Address { get; private set; }

    public EmailType Type { get; private set; }

    public bool ConsentToEmail { get; private set; }

    /// <summary>The address's place among the customer's e-mails, 0 first: ids order only to the millisecond.</summary>
    public int Position { get; private set; }

    internal void PlaceAt(int position) => Position = position;

    public ContactSource Source { get; private set; } = ContactSource.Placement;

    /// <summary>When a later placement stopped listing this address; kept for the record, never written to.</summary>
    public Instant? RetiredAt { get; private set; }

    public bool IsCurrent => RetiredAt is null;
}
