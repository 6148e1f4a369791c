using NodaTime;
using Parley.SharedKernel;

namespace Parley.Modules.Accounts.Domain;

/// <summary>A debt placed by a creditor. Balances live in the ledger (Payments); this is the account's master record.</summary>
public sealed class Account
{
    private Account()
    {
        CreditorReference = "";
        OriginalCreditor = "";
        Currency = Currency.USD;
        PlacementHash = "";
        Statements = StatementHistory.Empty;
    }

    public Account(CreditorId creditorId, CustomerId customerId, string creditorReference, AccountTerms terms, Instant placedAt)
    {
        Id = AccountId.New();
        CreditorId = creditorId;
        CustomerId = customerId;
        CreditorReference = creditorReference;
        Currency = terms.Currency;
        ProductType = terms.ProductType;
        OriginalCreditor = terms.OriginalCreditor;
        ChargeOffDate = terms.ChargeOffDate;
        LastPaymentDate = terms.LastPaymentDate;
        DaysPastDue = terms.DaysPastDue;
        StatuteOfLimitationsDate = terms.StatuteOfLimitationsDate;
        Status = terms.Status;
        DelinquencyBucket = BucketNow();
        PlacedAt = placedAt;
        PlacementHash = "";
        Statements = StatementHistory.Empty;
    }

    public AccountId Id { get; private set; }

    public CreditorId CreditorId { get; private set; }

    public CustomerId CustomerId { get; private set; }

    /// <summary>The creditor's reference for the debt; unique per creditor.</summary>
    public string CreditorReference { get; private set; }

    public ProductType ProductType { get; private set; }

    public string OriginalCreditor { get; private set; }

    public Currency Currency { get; private set; }

    public LocalDate? ChargeOffDate { get; private set; }

    public LocalDate? LastPaymentDate { get; private set; }

    public int DaysPastDue { get; private set; }

    public DelinquencyBucket DelinquencyBucket { get; private set; }

    public LocalDate? StatuteOfLimitationsDate { get; private set; }

    public AccountStatus Status { get; private set; }

    public Instant PlacedAt { get; private set; }

    /// <summary>Hash of the last placement row applied, so a re-import of an unchanged row changes nothing.</summary>
    public string PlacementHash { get; private set; }

    /// <summary>The monthly statement history the creditor placed, oldest first.</summary>
    public StatementHistory Statements { get; private set; }

    /// <summary>Whether the debt is time-barred on the customer's <paramref name="date"/> (<see cref="Contracts.StatuteOfLimitations"/>).</summary>
    public bool IsTimeBarredOn(LocalDate date) => Contracts.StatuteOfLimitations.IsTimeBarred(StatuteOfLimitationsDate, date);

    /// <summary>Applies terms from a placement and returns the fields that changed, for the account's history.</summary>
    public IReadOnlyList<FieldChange> Apply(AccountTerms terms)
    {
        if (terms.Currency != Currency)
        {
            throw new CurrencyMismatchException(Currency, terms.Currency);
        }

        var changes = new List<FieldChange>();
        Set(nameof(ProductType), ProductType, terms.ProductType, v => ProductType = v, changes);
        Set(nameof(OriginalCreditor), OriginalCreditor, terms.OriginalCreditor, v => OriginalCreditor = v, changes);
        Set(nameof(ChargeOffDate), ChargeOffDate, terms.ChargeOffDate, v => ChargeOffDate = v, changes);
        Set(nameof(LastPaymentDate), LastPaymentDate, terms.LastPaymentDate, v => LastPaymentDate = v, changes);
        Set(nameof(DaysPastDue), DaysPastDue, terms.DaysPastDue, v => DaysPastDue = v, changes);
        Set(nameof(StatuteOfLimitationsDate), StatuteOfLimitationsDate, terms.StatuteOfLimitationsDate, v => StatuteOfLimitationsDate = v, changes);
        Set(nameof(Status), Status, terms.Status, v => Status = v, changes);
        DelinquencyBucket = BucketNow();
        return changes;
    }

    /// <summary>
    /// Moves the account's standing (status and days past due) as the ledger or a plan decided, and returns the fields that
    /// changed, for the account's history. An account that owes nothing is never past due.
    /// </summary>
    public IReadOnlyList<FieldChange> MoveTo(AccountStatus status, int daysPastDue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(daysPastDue);
        var changes = new List<FieldChange>();
        Set(nameof(Status), Status, status, v => Status = v, changes);
        Set(nameof(DaysPastDue), DaysPastDue, status.OwesNothing() ? 0 : daysPastDue, v => DaysPastDue = v, changes);
        DelinquencyBucket = BucketNow();
        return changes;
    }

    /// <summary>Lays a placement's statements over the history: a month it states replaces the one held.</summary>
    public void RecordStatements(StatementHistory placed) => Statements = Statements.Merge(placed);

    public void MarkPlacement(string placementHash) => PlacementHash = placementHash;

    // Nothing owed is current, even after a charge-off (the charge-off date stays as history).
    private DelinquencyBucket BucketNow() => Status.OwesNothing() ? DelinquencyBucket.Current : DelinquencyBuckets.For(DaysPastDue, ChargeOffDate is not null);

    private static void Set<T>(string field, T current, T next, Action<T> assign, List<FieldChange> changes)
    {
        if (!EqualityComparer<T>.Default.Equals(current, next))
        {
            changes.Add(new FieldChange(field, current?.ToString(), next?.ToString()));
            assign(next);
        }
    }
}

/// <summary>The terms a creditor states for a debt (everything but balances, which go to the ledger).</summary>
public sealed record AccountTerms(
    Currency Currency,
    ProductType ProductType,
    string OriginalCreditor,
    LocalDate? ChargeOffDate,
    LocalDate? LastPaymentDate,
    int DaysPastDue,
    LocalDate? StatuteOfLimitationsDate,
    AccountStatus Status)
{
    /// <summary>
    /// The terms as Parley holds them for a placement stating <paramref name="balanceMinor"/>: a debt placed with nothing
    /// owed is paid in full whatever status the file names, and an account that owes nothing is not past due.
    /// </summary>
    public AccountTerms ForBalance(long balanceMinor)
    {
        var status = balanceMinor <= 0 && Status is AccountStatus.Open or AccountStatus.InArrangement ? AccountStatus.PaidInFull : Status;
        return this with { Status = status, DaysPastDue = status.OwesNothing() ? 0 : DaysPastDue };
    }
}

public sealed record FieldChange(string Field, string? OldValue, string? NewValue);
