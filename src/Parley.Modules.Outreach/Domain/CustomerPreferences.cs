using NodaTime;
using Parley.Modules.Outreach.Contracts;
using Parley.SharedKernel;

namespace Parley.Modules.Outreach.Domain;

/// <summary>A customer's current contact preferences (one row per customer); every change is kept as a <see cref="PreferenceChange"/>.</summary>
public sealed class CustomerPreferences
{
    private CustomerPreferences()
    {
        Preferences = ContactPreferences.None;
    }

    public CustomerPreferences(CustomerId customerId, CreditorId creditorId)
    {
        CustomerId = customerId;
        CreditorId = creditorId;
        Preferences = ContactPreferences.None;
    }

    public CustomerId CustomerId { get; private set; }

    public CreditorId CreditorId { get; private set; }

    public ContactPreferences Preferences { get; private set; }

    /// <summary>When they last changed: the instant the customer's named times became known.</summary>
    public Instant ChangedAt { get; private set; }

    public PreferenceChange Change(ContactPreferences preferences, Instant at, string changedBy, string reason)
    {
        var change = new PreferenceChange(CustomerId, at, changedBy, reason, PreferenceText.Differences(Preferences, preferences));
        Preferences = preferences;
        ChangedAt = at;
        return change;
    }
}

/// <summary>Who changed a customer's preferences, when, why and what (in words); never changed or removed.</summary>
public sealed class PreferenceChange
{
    private PreferenceChange()
    {
        ChangedBy = "";
        Reason = "";
        Changes = [];
    }

    public PreferenceChange(CustomerId customerId, Instant at, string changedBy, string reason, IReadOnlyList<string> changes)
    {
        Id = NewId.Next();
        CustomerId = customerId;
        At = at;
        ChangedBy = changedBy;
        Reason = reason;
        Changes = [.. changes];
    }

    public Guid Id { get; private set; }

    public CustomerId CustomerId { get; private set; }

    public Instant At { get; private set; }

    public string ChangedBy { get; private set; }

    public string Reason { get; private set; }

    public List<string> Changes { get; private set; }
}
