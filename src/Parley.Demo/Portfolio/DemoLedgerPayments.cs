using NodaTime;
using Parley.Modules.Payments.Contracts;

namespace Parley.Demo.Portfolio;

/// <summary>
/// A payment the demo posts to an account's ledger after placement, and when it was charged back, if it was. An
/// overpayment (more than the balance left) is always deliberate and says so in its reference.
/// </summary>
public sealed record DemoLedgerPayment(string AccountReference, int Sequence, long AmountMinor, Instant ReceivedAt, PaymentMethod Method, bool Overpayment, Instant? ChargedBackAt)
{
    /// <summary>The payment's reference as the ledger shows it; an overpayment is labelled, so the credit it leaves is explained.</summary>
    public string Reference => $"DEMO-{AccountReference}-{Sequence}{(Overpayment ? " overpaid: refund due" : "")}";
}

/// <summary>
/// The last three months of payments as each person's capacity and willingness allow: mostly the regular amount, now
/// and then a balance cleared with a little extra (an overpayment held as credit), and a few card payments charged
/// back by the customer's bank. Deterministic per person; the seeder posts them, the outcome writer reads them.
/// </summary>
public static class DemoLedgerPayments
{
    public static IReadOnlyList<DemoLedgerPayment> For(PortfolioGenerator generator, DemoPerson person, Instant now)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(person);
        var payments = new List<DemoLedgerPayment>();
        var rng = new Random(PortfolioGenerator.PersonSeed(generator.Seed, person.Index) ^ 0x5EED);
        foreach (var customer in person.Customers)
        {
            foreach (var account in customer.Accounts)
            {
                var balance = account.BalanceMinor;
                for (var month = 2; month >= 0 && balance > 0; month--)
                {
                    var capacity = AccountSimulator.Capacity(person, month, generator.AsOf.PlusMonths(-month).Month);
                    if (rng.NextDouble() >= AccountSimulator.PayProbability(capacity, person.Willingness))
                    {
                        continue;
                    }

                    var regular = Math.Max(customer.Creditor.MinimumInstalmentMinor, account.Statements[^1].MinimumDueMinor - account.Statements[^1].AmountPaidMinor);
                    var clears = balance <= regular * 2 && rng.NextDouble() < 0.5;
                    // Clearing a small balance, a few round up and overpay; the ledger holds the excess as credit.
                    var amount = clears ? balance + (rng.NextDouble() < 0.25 ? 100 * (1 + rng.Next(20)) : 0) : Math.Min(balance, (regular / 100 * 100) + 100);
                    var method = rng.NextDouble() < 0.7 ? PaymentMethod.Card : PaymentMethod.BankTransfer;
                    var receivedAt = Instant.Max(now - Duration.FromDays((30 * month) + rng.Next(28)) - Duration.FromHours(rng.Next(24)), now - Duration.FromDays(89));
                    Instant? chargedBackAt = null;
                    var overpays = amount > balance;
                    // Signed: a chargeback of an overpayment restores exactly the balance it paid, no more.
                    balance -= amount;
                    if (method == PaymentMethod.Card && rng.NextDouble() < 0.04)
                    {
                        chargedBackAt = Instant.Min(receivedAt + Duration.FromDays(5 + rng.Next(20)), now);
                        balance += amount;
                    }

                    payments.Add(new DemoLedgerPayment(account.Reference, 3 - month, amount, receivedAt, method, overpays, chargedBackAt));
                }
            }
        }

        return payments;
    }
}
