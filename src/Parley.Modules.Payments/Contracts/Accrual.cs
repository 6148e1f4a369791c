using NodaTime;
using Parley.SharedKernel;

namespace Parley.Modules.Payments.Contracts;

/// <summary>
/// One accrual pass. With no <paramref name="AsOf"/> each account is charged for the month it is now in the customer's
/// time zone; with one, for that date's month (an operator catching up a missed month). Only Parley itself runs it.
/// </summary>
public sealed record AccrueInterestAndFeesRequest(LocalDate? AsOf = null);

/// <summary>What one accrual pass did: accounts looked at, entries posted, charges a previous pass had already posted, accounts frozen (by rule) and accounts with nothing due.</summary>
public sealed record AccrualSummary(int Accounts, int InterestPosted, int FeesPosted, int AlreadyPosted, int Frozen, int NothingDue, IReadOnlyDictionary<string, int> FrozenByRule);

public sealed record InvalidAccrualDate(LocalDate AsOf, string Problem)
    : DomainError("payments.invalid_accrual_date", $"as-of: {Problem}", ErrorKind.Validation)
{
    public override IReadOnlyDictionary<string, string[]> FieldErrors => new Dictionary<string, string[]> { ["as-of"] = [Problem] };
}
