using NodaTime;
using Parley.SharedKernel;

namespace Parley.Modules.Accounts.Contracts;

/// <summary>
/// Where and how the account's customer lives, from their primary postal address: the IANA time zone (null when none is
/// on file) that "today" and "due" turn in, the language they are written to in (e.g. <c>en</c>), and the jurisdiction
/// (null when no address) whose law applies and whose bank holidays a payment calendar skips.
/// </summary>
public sealed record CustomerLocale(AccountId AccountId, string? TimeZone, string Language, Jurisdiction? Jurisdiction)
{
    /// <summary>The customer's zone, or <paramref name="fallback"/> when none is on file or it is not a known IANA id.</summary>
    public DateTimeZone ZoneOr(DateTimeZone fallback) =>
        (TimeZone is { } id ? DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) : null) ?? fallback;
}

/// <summary>The Accounts module's answer on a customer's time zone, language and jurisdiction.</summary>
public interface ICustomerLocales
{
    /// <summary>The locale of the customer of <paramref name="accountId"/>, or null when there is no such account.</summary>
    Task<CustomerLocale?> GetAsync(AccountId accountId, CancellationToken cancellationToken);
}
