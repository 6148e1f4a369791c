using NodaTime;
using Parley.SharedKernel;

namespace Parley.Modules.Accounts.Contracts;

/// <summary>No such account, or one of a creditor the actor does not work for: the two answer alike so ids cannot be probed.</summary>
public sealed record AccountNotFound(AccountId AccountId) : DomainError("accounts.not_found", $"Account {AccountId} does not exist.", ErrorKind.NotFound);

/// <summary>Asks for the 360° view of one account the actor may see.</summary>
public sealed record GetAccountDetailsRequest(AccountId Account);

public sealed record AddressView(string Line1, string? Line2, string City, string PostalCode, string Jurisdiction, string TimeZone);

public sealed record PhoneView(string E164, PhoneType Type, bool ConsentToCall, bool ConsentToSms, Instant? RetiredAt);

public sealed record EmailView(string Address, EmailType Type, bool ConsentToEmail, Instant? RetiredAt);

public sealed record CustomerView(
    CustomerId Id,
    string CustomerReference,
    string GivenName,
    string FamilyName,
    LocalDate? DateOfBirth,
    string Language,
    IReadOnlyList<AddressView> Addresses,
    IReadOnlyList<PhoneView> Phones,
    IReadOnlyList<EmailView> Emails);

public sealed record StatementView(LocalDate StatementDate, decimal AmountDue, decimal MinimumDue, decimal AmountPaid, int DaysPastDue);

public sealed record HoldView(
    HoldId Id,
    HoldType Type,
    bool CoversAllAccounts,
    Instant StartsAt,
    Instant? PlannedEndAt,
    bool ResumesAutomatically,
    string Reason,
    string SetBy,
    Instant? EndedAt,
    string? EndedBy,
    string? EndReason,
    bool IsActive);

public sealed record AccountChangeView(Instant At, string Field, string? OldValue, string? NewValue);

/// <summary>The fields an <see cref="AccountChangeView"/> names, as the change history stores them.</summary>
public static class AccountChangeFields
{
    public const string ProductType = "ProductType";
    public const string OriginalCreditor = "OriginalCreditor";
    public const string ChargeOffDate = "ChargeOffDate";
    public const string LastPaymentDate = "LastPaymentDate";
    public const string DaysPastDue = "DaysPastDue";
    public const string StatuteOfLimitationsDate = "StatuteOfLimitationsDate";
    public const string Status = "Status";
}

public sealed record AccountDetails(
    AccountId Id,
    string CreditorReference,
    CreditorId CreditorId,
    string CreditorName,
    ProductType ProductType,
    string OriginalCreditor,
    string Currency,
    AccountStatus Status,
    int DaysPastDue,
    DelinquencyBucket Bucket,
    LocalDate? ChargeOffDate,
    LocalDate? LastPaymentDate,
    LocalDate? StatuteOfLimitationsDate,
    Instant PlacedAt,
    CustomerView Customer,
    IReadOnlyList<StatementView> Statements,
    IReadOnlyList<HoldView> Holds,
    IReadOnlyList<AccountChangeView> Changes,
    bool TimeBarred = false,
    LocalDate? PlacedLastPaymentDate = null);
