using CsCheck;
using NodaTime;
using Parley.Demo.Portfolio;
using Parley.Modules.Accounts.Contracts;
using Shouldly;

namespace Parley.Demo.Tests;

/// <summary>
/// Generated accounts agree with themselves (docs/accounts.md, "Consistent demo accounts"), over many seeds and people:
/// <list type="bullet">
/// <item>The status says what the balance does: paid in full exactly when nothing is owed; owing means open or in
/// arrangement. Nothing owed is never past due; past due is always open and owing.</item>
/// <item>The statement history agrees with the balance: a card or utility balance is its last bill less what was paid
/// on it; an instalment product's last minimum is never more than was owed; days past due carry on from the last
/// statement; a last payment date exactly when some statement records a payment, never after the as-of date.</item>
/// <item>A charge-off only at 180 days past due or more, dated between the first statement and the as-of date, on
/// an open account.</item>
/// <item>The ledger's payments never overpay into credit unless labelled as an overpayment, at most one standing per account,
/// and none lands on an account that owes nothing; all fall in the three months before the seeding.</item>
/// </list>
/// </summary>
public sealed class PortfolioConsistencyTests
{
    private static readonly Gen<(PortfolioGenerator Generator, DemoPerson Person)> AnyPerson =
        Gen.Select(Gen.Int[0, 100_000], Gen.Int[0, 1_000_000], (seed, index) =>
        {
            var generator = new PortfolioGenerator(seed, Demo.AsOf);
            return (generator, generator.Person(index));
        });

    [Fact]
    public void Every_generated_account_agrees_with_its_balance_history_and_ledger() =>
        AnyPerson.Sample(x => AssertConsistent(x.Generator, x.Person), iter: 3_000);

    [Theory]
    [InlineData(42)]
    [InlineData(7)]
    [InlineData(2026)]
    public void The_seeded_portfolios_are_consistent(int seed)
    {
        var generator = new PortfolioGenerator(seed, Demo.AsOf);
        foreach (var person in generator.People().Take(800))
        {
            AssertConsistent(generator, person);
        }
    }

    private static void AssertConsistent(PortfolioGenerator generator, DemoPerson person)
    {
        var asOf = generator.AsOf;
        foreach (var account in person.Customers.SelectMany(c => c.Accounts))
        {
            var statements = account.Statements;
            var last = statements[^1];
            var balance = account.BalanceMinor;
            balance.ShouldBeGreaterThanOrEqualTo(0, account.Reference);
            (account.Status == AccountStatus.PaidInFull).ShouldBe(balance == 0, account.Reference);
            account.Status.ShouldBeOneOf([AccountStatus.Open, AccountStatus.InArrangement, AccountStatus.PaidInFull], account.Reference);
            if (account.Status.OwesNothing())
            {
                account.DaysPastDue.ShouldBe(0, account.Reference);
            }

            if (account.DaysPastDue > 0)
            {
                account.Status.ShouldBe(AccountStatus.Open, account.Reference);
                if (last.DaysPastDue > 0)
                {
                    account.DaysPastDue.ShouldBe(last.DaysPastDue + Period.DaysBetween(last.Date, asOf), account.Reference);
                }
            }

            if (account.Product is ProductType.CreditCard or ProductType.Utility)
            {
                balance.ShouldBe(last.AmountDueMinor - last.AmountPaidMinor, $"{account.Reference}: the balance is the last bill less what was paid on it");
            }
            else
            {
                last.MinimumDueMinor.ShouldBeLessThanOrEqualTo(balance + last.AmountPaidMinor, account.Reference);
            }

            account.LastPaymentDate.HasValue.ShouldBe(statements.Any(s => s.AmountPaidMinor > 0), account.Reference);
            if (account.LastPaymentDate is { } paidOn)
            {
                paidOn.ShouldBeLessThanOrEqualTo(asOf, account.Reference);
                paidOn.ShouldBeGreaterThanOrEqualTo(statements[0].Date, account.Reference);
            }

            if (account.ChargeOffDate is { } chargedOff)
            {
                account.DaysPastDue.ShouldBeGreaterThanOrEqualTo(180, account.Reference);
                chargedOff.ShouldBeInRange(statements[0].Date, asOf);
                account.Status.ShouldBe(AccountStatus.Open, account.Reference);
            }
        }

        var now = asOf.At(new LocalTime(12, 0)).InUtc().ToInstant();
        var byAccount = person.Customers.SelectMany(c => c.Accounts).ToDictionary(a => a.Reference);
        foreach (var payments in DemoLedgerPayments.For(generator, person, now).GroupBy(p => p.AccountReference))
        {
            var account = byAccount[payments.Key];
            account.BalanceMinor.ShouldBeGreaterThan(0, $"{payments.Key}: nothing is owed, so nothing is paid");
            var owed = account.BalanceMinor;
            foreach (var payment in payments.OrderBy(p => p.Sequence))
            {
                payment.ReceivedAt.ShouldBeInRange(now - Duration.FromDays(90), now);
                owed.ShouldBeGreaterThan(0, $"{payments.Key}: a payment after the balance was cleared");
                (payment.AmountMinor > owed).ShouldBe(payment.Overpayment, $"{payments.Key}: an overpayment is labelled as one, and only an overpayment");
                payment.Reference.Contains("overpaid", StringComparison.Ordinal).ShouldBe(payment.Overpayment);
                owed -= payment.ChargedBackAt is null ? payment.AmountMinor : 0;
            }

            payments.Count(p => p.Overpayment && p.ChargedBackAt is null).ShouldBeLessThanOrEqualTo(1, payments.Key);
        }
    }
}
