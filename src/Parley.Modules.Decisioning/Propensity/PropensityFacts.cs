using NodaTime;
using Parley.Modules.Decisioning.Features;

namespace Parley.Modules.Decisioning.Propensity;

/// <summary>A payment Parley's ledger holds for an account (reversed payments are left out by the caller).</summary>
public readonly record struct LedgerPaymentFact(LocalDate Date, long AmountMinor);

/// <summary>
/// What the propensity model knows about an account in collections on <see cref="AsOf"/>, gathered from the domain:
/// the creditor's terms and statements (Accounts), the ledger (Payments), holds and consented contact points. Filled
/// by the demo's outcome writer and the data file for training, and from the module contracts for live scores; the
/// features are computed from it by <see cref="PropensityFeatures"/> alone. Amounts in the account's minor units.
/// </summary>
public sealed record PropensityFacts(
    LocalDate AsOf,
    int MinorUnits,
    long BalanceMinor,
    int DaysPastDue,
    LocalDate? ChargeOffDate,
    LocalDate? LastPaymentDate,
    LocalDate? FirstStatementDate,
    IReadOnlyList<StatementMonth> Statements,
    int Payments90Days,
    long Paid90DaysMinor,
    int ActiveHolds,
    int ConsentedChannels)
{
    /// <summary>Statements kept: the latest six, as the early-warning features read.</summary>
    public const int StatementsKept = 6;

    /// <summary>The window "recent payments" are counted over.</summary>
    public const int RecentDays = 90;

    /// <summary>
    /// The facts from the account's placed terms and statements plus its ledger payments: the last payment is the later
    /// of the placed date and the ledger's latest, and the 90-day figures count the ledger's payments and the statements
    /// dated in the window that record a payment. The one place both training and live scoring assemble facts.
    /// </summary>
    public static PropensityFacts Create(
        LocalDate asOf,
        int minorUnits,
        long balanceMinor,
        int daysPastDue,
        LocalDate? chargeOffDate,
        LocalDate? placedLastPaymentDate,
        IReadOnlyList<(LocalDate Date, StatementMonth Month)> statements,
        IEnumerable<LedgerPaymentFact> ledgerPayments,
        int activeHolds,
        int consentedChannels)
    {
        ArgumentNullException.ThrowIfNull(statements);
        ArgumentNullException.ThrowIfNull(ledgerPayments);
        var windowStart = asOf.PlusDays(-RecentDays);
        var lastPayment = placedLastPaymentDate;
        var count = 0;
        long paid = 0;
        foreach (var p in ledgerPayments)
        {
            if (p.Date > asOf)
            {
                continue;
            }

            lastPayment = lastPayment is { } d && d >= p.Date ? d : p.Date;
            if (p.Date > windowStart)
            {
                count++;
                paid += p.AmountMinor;
            }
        }

        foreach (var (date, month) in statements)
        {
            if (date > windowStart && date <= asOf && month.AmountPaidMinor > 0)
            {
                count++;
                paid += month.AmountPaidMinor;
            }
        }

        var kept = statements.Skip(Math.Max(0, statements.Count - StatementsKept)).Select(s => s.Month).ToArray();
        return new PropensityFacts(
            asOf,
            minorUnits,
            balanceMinor,
            daysPastDue,
            chargeOffDate,
            lastPayment,
            statements.Count > 0 ? statements[0].Date : null,
            kept,
            count,
            paid,
            activeHolds,
            consentedChannels);
    }
}
