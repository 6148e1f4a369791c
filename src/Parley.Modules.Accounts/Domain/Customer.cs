using NodaTime;
using Parley.SharedKernel;

namespace Parley.Modules.Accounts.Domain;

/// <summary>A person who owes one or more of a creditor's debts.</summary>
public sealed class Customer
{
    private readonly List<PostalAddress> _addresses = [];
    private readonly List<PhoneNumber> _phones = [];
    private readonly List<EmailAddress> _emails = [];

    private Customer()
    {
        CustomerReference = "";
        GivenName = "";
        FamilyName = "";
        SearchName = "";
        Language = "en";
    }

    public Customer(CreditorId creditorId, string customerReference, PersonName name, LocalDate? dateOfBirth, string language)
        : this(CustomerId.New(), creditorId, customerReference, name, dateOfBirth, language)
    {
    }

    /// <summary>A customer whose id is already known (a placement batch resolves ids before it writes).</summary>
    internal Customer(CustomerId id, CreditorId creditorId, string customerReference, PersonName name, LocalDate? dateOfBirth, string language)
    {
        Id = id;
        CreditorId = creditorId;
        CustomerReference = customerReference;
        GivenName = name.Given;
        FamilyName = name.Family;
        SearchName = SearchText.Name(name.Given, name.Family);
        DateOfBirth = dateOfBirth;
        Language = language;
    }

    public CustomerId Id { get; private set; }

    public CreditorId CreditorId { get; private set; }

    /// <summary>The creditor's own reference for this person; unique per creditor.</summary>
    public string CustomerReference { get; private set; }

    public string GivenName { get; private set; }

    public string FamilyName { get; private set; }

    public string FullName => $"{GivenName} {FamilyName}";

    /// <summary>The full name as search compares it (<see cref="SearchText.Name"/>): written with the name, never shown.</summary>
    public string SearchName { get; private set; }

    public LocalDate? DateOfBirth { get; private set; }

    /// <summary>BCP 47 language tag the customer prefers, e.g. <c>en-GB</c> or <c>es-US</c>.</summary>
    public string Language { get; private set; }

    public IReadOnlyList<PostalAddress> Addresses => _addresses;

    public IReadOnlyList<PhoneNumber> Phones => _phones;

    public IReadOnlyList<EmailAddress> Emails => _emails;

    /// <summary>The address at position 0 (the lowest), whatever order the addresses were loaded in.</summary>
    public PostalAddress? PrimaryAddress => _addresses.OrderBy(a => a.Position).ThenBy(a => a.Id).FirstOrDefault();

    /// <summary>Adds the address after the customer's others: the first one recorded is the primary.</summary>
    public void AddAddress(PostalAddress address)
    {
        address.PlaceAt(_addresses.Count == 0 ? 0 : _addresses.Max(a => a.Position) + 1);
        _addresses.Add(address);
    }

    public void AddPhone(PhoneNumber phone)
    {
        if (_phones.All(p => p.E164 != phone.E164))
        {
            phone.PlaceAt(_phones.Count == 0 ? 0 : _phones.Max(p => p.Position) + 1);
            _phones.Add(phone);
        }
    }

    public void AddEmail(EmailAddress email)
    {
        if (_emails.All(e => !string.Equals(e.Address, email.Address, StringComparison.OrdinalIgnoreCase)))
        {
            email.PlaceAt(_emails.Count == 0 ? 0 : _emails.Max(e => e.Position) + 1);
            _emails.Add(email);
        }
    }
}

public readonly record struct PersonName(string Given, string Family);
