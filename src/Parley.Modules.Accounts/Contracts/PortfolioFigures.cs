using NodaTime;

namespace Parley.Modules.Accounts.Contracts;

/// <summary>Asks for the portfolio's shape now, as the actor may see it.</summary>
public sealed record GetPortfolioSummaryRequest;

/// <summary>Accounts and what they owe in one currency; amounts of different currencies are never added together.</summary>
public sealed record CurrencyFigure(string Currency, int Accounts, decimal Outstanding);

public sealed record StatusFigure(AccountStatus Status, string Currency, int Accounts, decimal Outstanding);

public sealed record BucketFigure(DelinquencyBucket Bucket, string Currency, int Accounts, decimal Outstanding);

public sealed record HoldFigure(HoldType Type, int Holds);

/// <summary>
/// The portfolio's shape as of <see cref="At"/>: totals, status and delinquency bands per currency, active holds by
/// kind and the accounts they cover, and (when the caller may see imports) the latest placement files.
/// </summary>
public sealed record PortfolioFigures(
    Instant At,
    IReadOnlyList<CurrencyFigure> Totals,
    IReadOnlyList<StatusFigure> ByStatus,
    IReadOnlyList<BucketFigure> ByBucket,
    IReadOnlyList<HoldFigure> ActiveHolds,
    int AccountsOnHold,
    IReadOnlyList<ImportRunSummary>? RecentImports);
