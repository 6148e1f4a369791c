using CsCheck;
using NodaTime;
using Parley.Demo.Portfolio;
using Parley.Modules.Accounts.Contracts;
using Shouldly;

namespace Parley.Demo.Tests;

public sealed class StatementHistoryTests
{
    private static readonly Gen<DemoPerson> AnyPerson =
        Gen.Select(Gen.Int[0, 100_000], Gen.Int[0, 1_000_000], (seed, index) => new PortfolioGenerator(seed, Demo.AsOf).Person(index));

    [Fact]
    public void Histories_are_monthly_consistent_and_age_only_when_the_minimum_is_missed()
    {
        AnyPerson.Sample(person =>
        {
            foreach (var account in person.Customers.SelectMany(c => c.Accounts))
            {
                AssertConsistent(account);
            }
        }, iter: 2_000);
    }

    [Fact]
    public void Placement_figures_agree_with_the_history()
    {
        AnyPerson.Sample(person =>
        {
            foreach (var account in person.Customers.SelectMany(c => c.Accounts))
            {
                var last = account.Statements[^1];
                account.BalanceMinor.ShouldBeGreaterThanOrEqualTo(0);
                account.StatuteOfLimitationsDate.HasValue.ShouldBe(account.DaysPastDue > 0);
                if (account.ChargeOffDate is { } chargedOff)
                {
                    chargedOff.ShouldBeLessThanOrEqualTo(Demo.AsOf);
                    account.DaysPastDue.ShouldBeGreaterThanOrEqualTo(180);
                    var defaulted = Demo.AsOf.PlusDays(-account.DaysPastDue);
                    Period.DaysBetween(defaulted, chargedOff).ShouldBeGreaterThanOrEqualTo(180);
                }
                else
                {
                    account.DaysPastDue.ShouldBeLessThan(180);
                }

                if (account.DaysPastDue > 0 && last.DaysPastDue > 0)
                {
                    account.DaysPastDue.ShouldBe(last.DaysPastDue + Period.DaysBetween(last.Date, Demo.AsOf));
                }

                account.LastPaymentDate.HasValue.ShouldBe(account.Statements.Any(s => s.AmountPaidMinor > 0));
            }
        }, iter: 2_000);
    }

    [Fact]
    public void The_portfolio_tells_stories_a_model_can_learn_from()
    {
        var people = Demo.People(21, 3_000).ToList();
        var accounts = people.SelectMany(p => p.Customers.SelectMany(c => c.Accounts.Select(a => (Person: p, Account: a)))).ToList();
        double ChargedOffShare(Func<DemoPerson, bool> who) =>
            accounts.Where(x => who(x.Person)).Average(x => x.Account.ChargeOffDate is null ? 0.0 : 1.0);

        ChargedOffShare(p => p.Story == LifeStory.Unwilling).ShouldBeGreaterThan(ChargedOffShare(p => p.Story == LifeStory.Steady) + 0.3);

        // A job loss stops payments; finding work again brings some back.
        var jobLoss = accounts.Where(x => x.Person.Story == LifeStory.JobLoss && x.Person.RecoveryMonthsAgo is not null)
            .SelectMany(x => x.Account.Statements.Select(s => (x.Person, Statement: s, MonthsAgo: MonthsAgo(s.Date)))).ToList();
        double PayingShare(Func<(DemoPerson Person, DemoStatement Statement, int MonthsAgo), bool> when) =>
            jobLoss.Where(when).Average(x => x.Statement.AmountPaidMinor > 0 ? 1.0 : 0.0);
        var employed = PayingShare(x => x.MonthsAgo > x.Person.EventMonthsAgo);
        var unemployed = PayingShare(x => x.MonthsAgo <= x.Person.EventMonthsAgo && x.MonthsAgo > x.Person.RecoveryMonthsAgo);
        var reemployed = PayingShare(x => x.MonthsAgo <= x.Person.RecoveryMonthsAgo && x.Statement.DaysPastDue < 180);
        employed.ShouldBeGreaterThan(unemployed + 0.3);
        reemployed.ShouldBeGreaterThan(unemployed + 0.1);
        accounts.Select(x => x.Account.Status).Distinct().ShouldContain(AccountStatus.InArrangement);
        accounts.Count(x => x.Account.DaysPastDue is > 0 and <= 30).ShouldBeGreaterThan(50);
        accounts.Count(x => x.Account.StatuteOfLimitationsDate < Demo.AsOf).ShouldBeGreaterThan(0, "some old debts are time-barred");

        // Seasonal workers pay in their season and miss out of it.
        var harvest = accounts.Where(x => x.Person.Story == LifeStory.HarvestWork).SelectMany(x => x.Account.Statements).ToList();
        double PaidShare(Func<DemoStatement, bool> when) => harvest.Where(when).Average(s => s.AmountPaidMinor >= s.MinimumDueMinor ? 1.0 : 0.0);
        PaidShare(s => s.Date.Month is >= 8 and <= 11).ShouldBeGreaterThan(PaidShare(s => s.Date.Month is >= 1 and <= 5) + 0.2);
    }

    private static int MonthsAgo(LocalDate date) => ((Demo.AsOf.Year - date.Year) * 12) + Demo.AsOf.Month - date.Month;

    private static void AssertConsistent(DemoAccount account)
    {
        var statements = account.Statements;
        statements.Count.ShouldBeInRange(1, 24);
        for (var k = 0; k < statements.Count; k++)
        {
            var s = statements[k];
            s.Date.ShouldBeLessThanOrEqualTo(Demo.AsOf);
            s.MinimumDueMinor.ShouldBeInRange(0, s.AmountDueMinor);
            s.AmountPaidMinor.ShouldBeInRange(0, s.AmountDueMinor);
            if (k == 0)
            {
                s.DaysPastDue.ShouldBe(0);
                continue;
            }

            var p = statements[k - 1];
            s.Date.ShouldBe(p.Date.PlusMonths(1));
            if (p.AmountPaidMinor >= p.MinimumDueMinor)
            {
                s.DaysPastDue.ShouldBe(0, "paying the minimum cures the account");
            }
            else if (p.DaysPastDue > 0)
            {
                s.DaysPastDue.ShouldBe(p.DaysPastDue + Period.DaysBetween(p.Date, s.Date), "an unpaid minimum keeps ageing");
            }
            else
            {
                s.DaysPastDue.ShouldBe(Period.DaysBetween(p.Date.PlusDays(21), s.Date), "days past due count from the missed due date");
            }

            if (s.DaysPastDue < 180)
            {
                // Unpaid minimums roll into the next one.
                s.MinimumDueMinor.ShouldBeGreaterThanOrEqualTo(Math.Min(p.MinimumDueMinor - p.AmountPaidMinor, s.AmountDueMinor));
            }
        }

        if (account.ChargeOffDate is { } chargedOff && statements[^1].DaysPastDue >= 180)
        {
            chargedOff.ShouldBe(statements[^1].Date);
            statements[^1].AmountPaidMinor.ShouldBe(0);
        }
    }
}
