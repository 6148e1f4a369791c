using CsCheck;
using Parley.Modules.Payments.Contracts;
using Parley.Modules.Payments.Domain;
using Parley.SharedKernel;
using Shouldly;

namespace Parley.Modules.Payments.Tests;

/// <summary>Random histories of every kind of entry against the domain: the ledger's invariants hold after each step.</summary>
public sealed class LedgerPropertyTests
{
    private abstract record Op;

    private sealed record Charge(long Amount) : Op;

    private sealed record Interest(long Amount) : Op;

    private sealed record Fee(long Amount) : Op;

    private sealed record Payment(long Amount) : Op;

    private sealed record Reverse(int Pick) : Op;

    private sealed record Adjust(long Principal, long Interest, long Fees) : Op;

    private sealed record Forgive(LedgerEntryKind Kind, long Principal, long Interest, long Fees) : Op;

    private static readonly Gen<long> Amount = Gen.Long[1, 20_000];

    private static readonly Gen<Op> Ops = Gen.Frequency(
        (2, Amount.Select(a => (Op)new Charge(a))),
        (2, Amount.Select(a => (Op)new Interest(a))),
        (2, Amount.Select(a => (Op)new Fee(a))),
        (4, Gen.Long[1, 60_000].Select(a => (Op)new Payment(a))),
        (3, Gen.Int[0, 1_000].Select(p => (Op)new Reverse(p))),
        (2, Gen.Select(Gen.Long[-10_000, 10_000], Gen.Long[-10_000, 10_000], Gen.Long[-10_000, 10_000]).Select(t => (Op)new Adjust(t.Item1, t.Item2, t.Item3))),
        (2, Gen.Select(Gen.OneOf(LedgerEntryKind.Waiver, LedgerEntryKind.WriteOff), Gen.Long[0, 8_000], Gen.Long[0, 8_000], Gen.Long[0, 8_000])
            .Select(t => (Op)new Forgive(t.Item1, t.Item2, t.Item3, t.Item4))));

    private static readonly Gen<AllocationWaterfall> Waterfalls = Gen.OneOf(
        "fees>interest>principal", "principal>interest>fees", "interest>fees>principal", "interest>principal>fees").Select(AllocationWaterfall.Parse);

    [Fact]
    public void Every_history_keeps_the_projection_equal_to_the_sum_of_entries_with_no_bucket_negative() =>
        Gen.Select(Waterfalls, Gen.Long[0, 50_000], Ops.List[1, 80]).Sample((waterfall, opening, ops) =>
        {
            var account = new LedgerAccount(AccountId.New(), Currency.USD, waterfall);
            var entries = new List<LedgerEntry> { account.Place(opening, opening / 10, opening / 100, LedgerTestKit.Posting("open"))! };
            var n = 0;
            foreach (var op in ops)
            {
                var before = account.Balance;
                var posting = LedgerTestKit.Posting($"op-{n++}");
                var entry = Apply(account, entries, op, posting);
                if (entry is null)
                {
                    account.Balance.ShouldBe(before, $"a refused {op} changed nothing");
                }
                else
                {
                    entries.Add(entry);
                    (account.Balance - before).ShouldBe(entry.Deltas);
                    CheckEntry(op, entry, before, entries, waterfall);
                }

                entries.Aggregate(Buckets.Zero, (sum, e) => sum + e.Deltas).ShouldBe(account.Balance);
                account.Balance.AnyNegative.ShouldBeFalse();
                account.OutstandingMinor.ShouldBe(account.Balance.Outstanding);
                account.EntryCount.ShouldBe(entries.Count);
                entries.Select(e => e.Sequence).ShouldBe(Enumerable.Range(1, entries.Count).Select(i => (long)i));
            }
        });

    [Fact]
    public void A_chargeback_restores_the_balance_exactly() =>
        Gen.Select(Waterfalls, Gen.Long[0, 50_000], Gen.Long[0, 5_000], Gen.Long[1, 80_000]).Sample((waterfall, principal, fees, paid) =>
        {
            var account = new LedgerAccount(AccountId.New(), Currency.USD, waterfall);
            account.Place(principal, principal / 7, fees, LedgerTestKit.Posting("open"));
            var before = account.Balance;
            var payment = account.ReceivePayment(paid, LedgerTestKit.Posting("pay"));

            var chargeback = account.Reverse(payment, alreadyReversed: false, LedgerTestKit.Posting("chargeback"));

            account.Balance.ShouldBe(before);
            chargeback.Deltas.ShouldBe(-payment.Deltas);
            chargeback.ReversesEntryId.ShouldBe(payment.Id);
        });

    private static LedgerEntry? Apply(LedgerAccount account, List<LedgerEntry> entries, Op op, Posting posting)
    {
        try
        {
            return op switch
            {
                Charge c => account.Charge(c.Amount, posting),
                Interest i => account.AccrueInterest(i.Amount, posting),
                Fee f => account.AddFee(f.Amount, posting),
                Payment p => account.ReceivePayment(p.Amount, posting),
                Reverse r => ReverseOne(account, entries, entries[r.Pick % entries.Count], posting),
                Adjust a => account.Adjust(a.Principal, a.Interest, a.Fees, posting),
                Forgive w => account.Forgive(w.Kind, w.Principal, w.Interest, w.Fees, posting),
                _ => throw new InvalidOperationException(op.ToString()),
            };
        }
        catch (DomainException)
        {
            return null;
        }
    }

    private static LedgerEntry ReverseOne(LedgerAccount account, List<LedgerEntry> entries, LedgerEntry original, Posting posting) =>
        account.Reverse(original, entries.Any(e => e.ReversesEntryId == original.Id), posting);

    private static void CheckEntry(Op op, LedgerEntry entry, Buckets before, List<LedgerEntry> entries, AllocationWaterfall waterfall)
    {
        switch (op)
        {
            case Payment p:
                // Nothing lost: what paid each bucket plus the credit held is exactly the payment.
                (-entry.PrincipalMinor - entry.InterestMinor - entry.FeesMinor + entry.CreditMinor).ShouldBe(p.Amount);
                // A later bucket is only touched once every earlier bucket is cleared.
                var after = before + entry.Deltas;
                var order = waterfall.Order.ToList();
                for (var i = 1; i < order.Count; i++)
                {
                    if (entry.Deltas.Of(order[i]) != 0)
                    {
                        order.Take(i).ShouldAllBe(b => after.Of(b) == 0);
                    }
                }

                if (entry.CreditMinor > 0)
                {
                    (after.Principal + after.Interest + after.Fees).ShouldBe(0);
                }

                break;
            case Reverse:
                var original = entries.Single(e => e.Id == entry.ReversesEntryId);
                original.Kind.ShouldNotBe(LedgerEntryKind.Reversal);
                entry.Deltas.ShouldBe(-original.Deltas);
                entries.Count(e => e.ReversesEntryId == original.Id).ShouldBe(1);
                break;
            default:
                break;
        }
    }
}
