using NodaTime;
using Parley.SharedKernel;

namespace Parley.Modules.Accounts.Contracts;

public enum ContactPhoneKind
{
    Mobile,
    Landline,
    Work,
}

/// <summary>A postal address with the jurisdiction whose rules apply and its IANA time zone.</summary>
public sealed record ContactPostalAddress(string Line1, string? Line2, string City, string PostalCode, Jurisdiction Jurisdiction, string TimeZone);

public sealed record ContactPhone(string E164, ContactPhoneKind Kind, bool ConsentToCall, bool ConsentToSms);

public sealed record ContactEmail(string Address, bool IsWork, bool ConsentToEmail);

/// <summary>A hold on the account (or on all the customer's accounts) that is active at the instant asked about.</summary>
public sealed record ContactHold(HoldType Kind, Instant StartsAt, Instant? PlannedEndAt, string Reason);

/// <summary>What the compliance gate needs to know about where, how and whether an account's customer may be contacted.</summary>
public sealed record ContactProfile(
    AccountId AccountId,
    string CreditorReference,
    LocalDate? StatuteOfLimitationsDate,
    IReadOnlyList<ContactPostalAddress> Addresses,
    IReadOnlyList<ContactPhone> Phones,
    IReadOnlyList<ContactEmail> Emails,
    IReadOnlyList<ContactHold> ActiveHolds);

public interface IContactProfiles
{
    /// <summary>The account's contact profile with the holds active at <paramref name="at"/>, or null when there is no such account.</summary>
    Task<ContactProfile?> GetAsync(AccountId accountId, Instant at, CancellationToken cancellationToken);

    /// <summary>The same for many accounts in a few queries (portfolio scoring); accounts that do not exist are left out.</summary>
    Task<IReadOnlyDictionary<AccountId, ContactProfile>> GetManyAsync(IReadOnlyCollection<AccountId> accountIds, Instant at, CancellationToken cancellationToken);
}
