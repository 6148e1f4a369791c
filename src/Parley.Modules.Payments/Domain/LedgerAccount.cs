using Parley.Modules.Payments.Contracts;
using Parley.SharedKernel;

namespace Parley.Modules.Payments.Domain;

/// <summary>
/// The balance projection of one account's ledger. Every change appends exactly one entry and moves the projection
/// by that entry's deltas, so the projection always equals the sum of entries and no bucket goes below zero.
/// </summary>
public sealed class LedgerAccount
{
    private LedgerAccount()
    {
        Currency = Currency.USD;
        Waterfall = AllocationWaterfall.Default.ToString();
    }

    public LedgerAccount(AccountId accountId, Currency currency, AllocationWaterfall waterfall)
    {
        AccountId = accountId;
        Currency = currency;
        Waterfall = waterfall.ToString();
    }

    /// <summary>The projection as stored, for the payment path's reader on PostgreSQL, which bypasses EF.</summary>
    internal static LedgerAccount Restore(
        AccountId accountId, Currency currency, string waterfall, Buckets balance, long outstanding, Buckets placed, long entryCount, long version) => new()
        {
            AccountId = accountId,
            Currency = currency,
            Waterfall = waterfall,
            PrincipalMinor = balance.Principal,
            InterestMinor = balance.Interest,
            FeesMinor = balance.Fees,
            CreditMinor = balance.Credit,
            OutstandingMinor = outstanding,
            PlacedPrincipalMinor = placed.Principal,
            PlacedInterestMinor = placed.Interest,
            PlacedFeesMinor = placed.Fees,
            EntryCount = entryCount,
            Version = version,
        };

    public AccountId AccountId { get; private set; }

    public Currency Currency { get; private set; }

    /// <summary>The payment order, stored as e.g. <c>fees&gt;interest&gt;principal</c>.</summary>
    public string Waterfall { get; private set; }

    public long PrincipalMinor { get; private set; }

    public long InterestMinor { get; private set; }

    public long FeesMinor { get; private set; }

    public long CreditMinor { get; private set; }

    public long OutstandingMinor { get; private set; }

    /// <summary>The creditor's last stated figures; a restatement posts the change from these, keeping Parley's own payments.</summary>
    public long PlacedPrincipalMinor { get; private set; }

    public long PlacedInterestMinor { get; private set; }

    public long PlacedFeesMinor { get; private set; }

    public long EntryCount { get; private set; }

    /// <summary>Optimistic concurrency token: bumped by every change so two writers never both win.</summary>
    public long Version { get; private set; }

    public Buckets Balance => new(PrincipalMinor, InterestMinor, FeesMinor, CreditMinor);

    public Buckets Placed => new(PlacedPrincipalMinor, PlacedInterestMinor, PlacedFeesMinor, 0);

    public AllocationWaterfall PaymentOrder => AllocationWaterfall.Parse(Waterfall);

    public AccountBalance ToBalance() => new(
        AccountId,
        Money.FromMinorUnits(PrincipalMinor, Currency),
        Money.FromMinorUnits(InterestMinor, Currency),
        Money.FromMinorUnits(FeesMinor, Currency),
        Money.FromMinorUnits(CreditMinor, Currency));

    /// <summary>
    /// Applies the creditor's stated balances: the first placement opens the ledger with one charge; a later one posts
    /// the change from the previously stated figures (so Parley's own payments are kept), or nothing when unchanged.
    /// </summary>
    public LedgerEntry? Place(long principal, long interest, long fees, Posting posting)
    {
        RequireNonNegative(principal, interest, fees);
        var stated = new Buckets(principal, interest, fees, 0);
        var change = stated - Placed;
        if (EntryCount > 0 && change.IsZero)
        {
            return null;
        }

        var entry = EntryCount == 0
            ? Append(LedgerEntryKind.Charge, stated, checked(principal + interest + fees), posting)
            : Append(LedgerEntryKind.Adjustment, Allocation.Restatement(Balance, change), checked(change.Principal + change.Interest + change.Fees), posting);
        PlacedPrincipalMinor = principal;
        PlacedInterestMinor = interest;
        PlacedFeesMinor = fees;
        return entry;
    }

    public LedgerEntry Charge(long principal, Posting posting)
    {
        RequirePositive(principal);
        return Append(LedgerEntryKind.Charge, new(principal, 0, 0, 0), principal, posting);
    }

    public LedgerEntry AccrueInterest(long interest, Posting posting)
    {
        RequirePositive(interest);
        return Append(LedgerEntryKind.Interest, new(0, interest, 0, 0), interest, posting);
    }

    public LedgerEntry AddFee(long fee, Posting posting)
    {
        RequirePositive(fee);
        return Append(LedgerEntryKind.Fee, new(0, 0, fee, 0), fee, posting);
    }

    public LedgerEntry ReceivePayment(long amount, Posting posting)
    {
        RequirePositive(amount);
        return Append(LedgerEntryKind.Payment, Allocation.Payment(Balance, PaymentOrder, amount), amount, posting);
    }

    /// <summary>Posts the exact negation of an entry (a chargeback, or a correction of a mistaken entry).</summary>
    public LedgerEntry Reverse(LedgerEntry original, bool alreadyReversed, Posting posting)
    {
        if (original.AccountId != AccountId)
        {
            throw new DomainException(new LedgerEntryNotFound(original.Id));
        }

        if (original.Kind == LedgerEntryKind.Reversal)
        {
            throw new DomainException(new ReversalNotReversible(original.Id));
        }

        if (alreadyReversed)
        {
            throw new DomainException(new EntryAlreadyReversed(original.Id));
        }

        var deltas = -original.Deltas;
        if ((Balance + deltas).AnyNegative)
        {
            throw new DomainException(new ReversalExceedsBalance(original.Id));
        }

        return Append(LedgerEntryKind.Reversal, deltas, original.AmountMinor, posting, original.Id);
    }

    /// <summary>A manual correction of the owed buckets, in either direction, never below zero.</summary>
    public LedgerEntry Adjust(long principal, long interest, long fees, Posting posting)
    {
        var deltas = new Buckets(principal, interest, fees, 0);
        if ((Balance + deltas).AnyNegative)
        {
            throw new DomainException(new ReductionExceedsBalance(LedgerEntryKind.Adjustment));
        }

        return Append(LedgerEntryKind.Adjustment, deltas, checked(principal + interest + fees), posting);
    }

    /// <summary>A waiver or write-off: forgives up to what is owed in each bucket.</summary>
    public LedgerEntry Forgive(LedgerEntryKind kind, long principal, long interest, long fees, Posting posting)
    {
        if (kind is not (LedgerEntryKind.Waiver or LedgerEntryKind.WriteOff))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Only waivers and write-offs forgive a balance.");
        }

        RequireNonNegative(principal, interest, fees);
        var deltas = -new Buckets(principal, interest, fees, 0);
        if ((Balance + deltas).AnyNegative)
        {
            throw new DomainException(new ReductionExceedsBalance(kind));
        }

        return Append(kind, deltas, checked(principal + interest + fees), posting);
    }

    public void ChangeWaterfall(AllocationWaterfall waterfall)
    {
        Waterfall = waterfall.ToString();
        Version++;
    }

    private LedgerEntry Append(LedgerEntryKind kind, Buckets deltas, long amount, Posting posting, LedgerEntryId? reverses = null)
    {
        if (posting.IdempotencyKey.Length is 0 or > LedgerEntry.IdempotencyKeyMaxLength)
        {
            throw new ArgumentException("An idempotency key of 1 to 200 characters is required.", nameof(posting));
        }

        var next = Balance + deltas;
        if (next.AnyNegative)
        {
            throw new InvalidOperationException($"A {kind.Name()} entry would take a bucket below zero.");
        }

        PrincipalMinor = next.Principal;
        InterestMinor = next.Interest;
        FeesMinor = next.Fees;
        CreditMinor = next.Credit;
        OutstandingMinor = next.Outstanding;
        EntryCount++;
        Version++;
        return new LedgerEntry(this, kind, deltas, amount, posting, reverses);
    }

    private static void RequirePositive(long amount) => ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);

    private static void RequireNonNegative(long principal, long interest, long fees)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(principal);
        ArgumentOutOfRangeException.ThrowIfNegative(interest);
        ArgumentOutOfRangeException.ThrowIfNegative(fees);
    }
}
