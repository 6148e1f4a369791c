using NodaTime;
using Parley.SharedKernel;

namespace Parley.Modules.Arrangements.Contracts;

public sealed record StatementLineInput(string? Category, decimal Monthly);

public sealed record HouseholdInput(int Adults, int Dependants);

/// <summary>
/// A new version of the customer's monthly statement on <paramref name="Account"/>: its standard (<c>uk_sfs</c> or
/// <c>us</c>), currency, household, lines, and what the customer owes other non-priority creditors.
/// </summary>
public sealed record CaptureIncomeExpenditureRequest(AccountId Account, StatementStandard Standard, string? Currency, HouseholdInput? Household, IReadOnlyList<StatementLineInput>? Lines, IReadOnlyList<decimal>? OtherCreditors);

public sealed record StatementLineView(string Category, decimal Monthly);

public sealed record FlexibleCostCheckView(string Category, decimal Declared, decimal? Guideline, bool AboveGuideline);

public sealed record AssessmentView(
    decimal Income,
    decimal FixedCosts,
    decimal FlexibleCosts,
    decimal Savings,
    decimal PriorityDebts,
    decimal DisposableIncome,
    decimal ThisCreditorShare,
    decimal ThisCreditorSharePercent,
    IReadOnlyList<FlexibleCostCheckView> FlexibleCostChecks,
    IReadOnlyList<ReviewFlag> Flags);

public sealed record IncomeExpenditureView(
    AccountId AccountId,
    int Version,
    StatementStandard Standard,
    string Currency,
    HouseholdInput Household,
    IReadOnlyList<StatementLineView> Lines,
    decimal ThisCreditorBalance,
    IReadOnlyList<decimal> OtherCreditors,
    string CapturedBy,
    Instant CapturedAt,
    AssessmentView Assessment);

public sealed record IncomeExpenditureNotCaptured(AccountId AccountId)
    : DomainError("ie.not_captured", $"No income and expenditure has been captured for account {AccountId}.", ErrorKind.NotFound);

/// <summary>The latest income and expenditure captured on the account, with its assessment.</summary>
public sealed record GetIncomeExpenditureRequest(AccountId Account);

/// <summary>Something a person should look at; never a reason to refuse the statement.</summary>
public sealed record ReviewFlag(string Code, string? Category, string Reason);
