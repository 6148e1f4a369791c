using NodaTime;
using Parley.SharedKernel;

namespace Parley.Modules.Arrangements.Affordability;

/// <summary>
/// One capture of a customer's I&amp;E for an account. Captures are never changed: a new one gets the next
/// <see cref="Version"/> and the latest is the one used.
/// </summary>
public sealed class IncomeExpenditureCapture
{
    private readonly List<IncomeExpenditureLine> _lines = [];

    private IncomeExpenditureCapture()
    {
        Currency = Currency.USD;
        CapturedBy = "";
        OtherCreditorsMinor = [];
        Flags = [];
    }

    public IncomeExpenditureCapture(AccountId accountId, int version, IncomeAndExpenditure statement, NonPriorityDebts debts, AffordabilityAssessment assessment, string capturedBy, Instant capturedAt)
    {
        Id = IncomeExpenditureId.New();
        AccountId = accountId;
        Version = version;
        Standard = statement.Standard;
        Currency = statement.Currency;
        Adults = statement.Household.Adults;
        Dependants = statement.Household.Dependants;
        ThisCreditorMinor = debts.ThisCreditor.ToMinorUnits();
        OtherCreditorsMinor = [.. debts.OtherCreditors.Select(d => d.ToMinorUnits())];
        DisposableIncomeMinor = assessment.DisposableIncome.ToMinorUnits();
        ThisCreditorShareMinor = assessment.ThisCreditorShare.ToMinorUnits();
        Flags = [.. assessment.Flags];
        CapturedBy = capturedBy;
        CapturedAt = capturedAt;
        _lines.AddRange(statement.Lines.Select(l => new IncomeExpenditureLine(Id, l.Category, l.Monthly.ToMinorUnits())));
    }

    public IncomeExpenditureId Id { get; private set; }

    public AccountId AccountId { get; private set; }

    /// <summary>1 for the first capture on the account, then 2, 3, …; unique per account.</summary>
    public int Version { get; private set; }

    public StatementStandard Standard { get; private set; }

    public Currency Currency { get; private set; }

    public int Adults { get; private set; }

    public int Dependants { get; private set; }

    /// <summary>This creditor's balance when captured (what the pro-rata share was worked out on).</summary>
    public long ThisCreditorMinor { get; private set; }

    public List<long> OtherCreditorsMinor { get; private set; }

    public long DisposableIncomeMinor { get; private set; }

    public long ThisCreditorShareMinor { get; private set; }

    /// <summary>What a person should review (outliers are flagged, never refused).</summary>
    public List<ReviewFlag> Flags { get; private set; }

    public string CapturedBy { get; private set; }

    public Instant CapturedAt { get; private set; }

    public IReadOnlyList<IncomeExpenditureLine> Lines => _lines;

    public IncomeAndExpenditure ToStatement() =>
        new(Standard, Currency, new Household(Adults, Dependants), [.. _lines.OrderBy(l => l.Category, StringComparer.Ordinal).Select(l => new StatementLine(l.Category, Money.FromMinorUnits(l.MonthlyMinor, Currency)))]);

    public NonPriorityDebts ToDebts() =>
        new(Money.FromMinorUnits(ThisCreditorMinor, Currency), [.. OtherCreditorsMinor.Select(m => Money.FromMinorUnits(m, Currency))]);
}

/// <summary>One monthly figure of a capture, in minor units of the capture's currency.</summary>
public sealed class IncomeExpenditureLine
{
    private IncomeExpenditureLine()
    {
        Category = "";
    }

    internal IncomeExpenditureLine(IncomeExpenditureId captureId, string category, long monthlyMinor)
    {
        CaptureId = captureId;
        Category = category;
        MonthlyMinor = monthlyMinor;
    }

    public IncomeExpenditureId CaptureId { get; private set; }

    public string Category { get; private set; }

    public long MonthlyMinor { get; private set; }
}
