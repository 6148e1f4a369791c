using NodaTime;
using Parley.SharedKernel;

namespace Parley.Modules.Accounts.Contracts;

/// <summary>What a message about each of up to <see cref="MaxAccounts"/> accounts may say (a sender's batch), read set-based.</summary>
public sealed record GetMessageAccountsRequest(IReadOnlyCollection<AccountId> Accounts)
{
    public const int MaxAccounts = 1000;
}

public sealed record MessageAccountsInvalid(int Count)
    : DomainError("accounts.message_accounts_invalid", $"Ask for at most {GetMessageAccountsRequest.MaxAccounts} accounts at a time; this asked for {Count}.", ErrorKind.Validation);

/// <summary>A postal address as a message or an envelope names it (the first is the customer's primary address).</summary>
public sealed record MessageAddress(string Line1, string? Line2, string City, string PostalCode, Jurisdiction Jurisdiction, string TimeZone);

/// <summary>One month's statement as the validation notice itemizes it.</summary>
public sealed record MessageStatement(LocalDate StatementDate, decimal AmountDue);

/// <summary>
/// The fields a message about an account names: the customer's name, the creditor, the references, the statements the
/// validation notice itemizes, and the customer's addresses (first the primary, whose time zone and jurisdiction apply).
/// </summary>
public sealed record MessageAccount(
    AccountId Id,
    CreditorId CreditorId,
    string CreditorName,
    string CreditorReference,
    string OriginalCreditor,
    string Currency,
    LocalDate? ChargeOffDate,
    Instant PlacedAt,
    string GivenName,
    string FamilyName,
    string Language,
    IReadOnlyList<MessageStatement> Statements,
    IReadOnlyList<MessageAddress> Addresses)
{
    /// <summary>The customer's primary address (the first recorded), or null when none is on file.</summary>
    public MessageAddress? PrimaryAddress => Addresses.Count > 0 ? Addresses[0] : null;

    /// <summary>The primary address's time zone, or <paramref name="fallback"/> when none is on file or it is not a known IANA id.</summary>
    public DateTimeZone ZoneOr(DateTimeZone fallback) =>
        (PrimaryAddress is { TimeZone: { } id } && !string.IsNullOrWhiteSpace(id) ? DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) : null) ?? fallback;
}
