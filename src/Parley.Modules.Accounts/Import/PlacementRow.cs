using NodaTime;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Payments.Contracts;
using Parley.SharedKernel;

namespace Parley.Modules.Accounts.Import;

/// <summary>The creditor facts the importer needs for every row, loaded once per run.</summary>
internal sealed record CreditorInfo(CreditorId Id, string Code, Currency Currency, AllocationWaterfall Waterfall);

internal sealed record PhoneLine(string E164, PhoneType Type, bool ConsentToCall, bool ConsentToSms);

internal sealed record EmailLine(string Address, EmailType Type, bool ConsentToEmail);

/// <summary>A contact the lender made before placing the debt, from the row's contact-history columns.</summary>
internal sealed record ContactLine(Instant At, PlacedContactChannel Channel, PlacedContactOutcome? Outcome);

internal sealed record AddressLine(string Line1, string? Line2, string City, string PostalCode, Jurisdiction Jurisdiction, string TimeZone);

/// <summary>A placement row that passed every check, in domain types, with the hash of its normalised content.</summary>
internal sealed record PlacementRow(
    long RowNumber,
    CreditorInfo Creditor,
    string CustomerRef,
    PersonName Name,
    LocalDate? DateOfBirth,
    string Language,
    AddressLine Address,
    IReadOnlyList<PhoneLine> Phones,
    EmailLine? Email,
    string AccountRef,
    AccountTerms Terms,
    long PrincipalMinor,
    long InterestMinor,
    long FeesMinor,
    StatementHistory Statements,
    string Hash)
{
    /// <summary>The lender's contacts on the account, oldest first, one per channel and instant (none without the optional columns).</summary>
    public IReadOnlyList<ContactLine> Contacts { get; init; } = [];

    /// <summary>
    /// The date of birth as its column stores it (sealed), made on the reading thread before the row is queued, so
    /// the single writer only writes it.
    /// </summary>
    public string? StoredDateOfBirth { get; set; }
}

/// <summary>A problem found in one row; <see cref="Field"/> is empty when it concerns the whole row.</summary>
public sealed record RowProblem(long RowNumber, string AccountRef, string Field, string Message);
