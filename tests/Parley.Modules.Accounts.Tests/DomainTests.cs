using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Accounts.Domain;
using Parley.SharedKernel;
using Shouldly;

namespace Parley.Modules.Accounts.Tests;

public sealed class DomainTests
{
    [Theory]
    [InlineData(0, false, DelinquencyBucket.Current)]
    [InlineData(1, false, DelinquencyBucket.Dpd1To30)]
    [InlineData(30, false, DelinquencyBucket.Dpd1To30)]
    [InlineData(31, false, DelinquencyBucket.Dpd31To60)]
    [InlineData(90, false, DelinquencyBucket.Dpd61To90)]
    [InlineData(181, false, DelinquencyBucket.Dpd181Plus)]
    [InlineData(12, true, DelinquencyBucket.ChargedOff)]
    public void Delinquency_buckets_follow_days_past_due(int dpd, bool chargedOff, DelinquencyBucket expected) =>
        DelinquencyBuckets.For(dpd, chargedOff).ShouldBe(expected);

    [Fact]
    public void Applying_changed_terms_reports_each_changed_field()
    {
        var terms = new AccountTerms(Currency.USD, ProductType.CreditCard, "First Card", null, null, 30, null, AccountStatus.Open);
        var account = new Account(CreditorId.New(), CustomerId.New(), "R-1", terms, Instant.FromUtc(2026, 1, 1, 0, 0));
        account.Apply(terms).ShouldBeEmpty();

        var changes = account.Apply(terms with { DaysPastDue = 61, Status = AccountStatus.Recalled });
        changes.Select(c => c.Field).ShouldBe(["DaysPastDue", "Status"]);
        changes[0].ShouldBe(new FieldChange("DaysPastDue", "30", "61"));
        account.DelinquencyBucket.ShouldBe(DelinquencyBucket.Dpd61To90);
        Should.Throw<CurrencyMismatchException>(() => account.Apply(terms with { Currency = Currency.GBP }));
    }

    [Fact]
    public void A_hold_is_active_from_its_start_until_it_ends_or_resumes()
    {
        var start = Instant.FromUtc(2026, 3, 1, 9, 0);
        var hold = new Hold(CustomerId.New(), null, HoldType.BreathingSpace, start, start + Duration.FromDays(60), true, "BS", "agent");
        hold.IsActiveAt(start - Duration.FromSeconds(1)).ShouldBeFalse();
        hold.IsActiveAt(start).ShouldBeTrue();
        hold.IsActiveAt(start + Duration.FromDays(60) - Duration.FromSeconds(1)).ShouldBeTrue();
        hold.IsActiveAt(start + Duration.FromDays(60)).ShouldBeFalse();

        var open = new Hold(CustomerId.New(), null, HoldType.Deceased, start, null, true, "Notified", "agent");
        open.ResumesAutomatically.ShouldBeFalse();
        open.IsActiveAt(start + Duration.FromDays(3650)).ShouldBeTrue();
        open.End(start + Duration.FromDays(1), "supervisor", "Notice withdrawn: wrong person");
        open.IsActiveAt(start + Duration.FromDays(2)).ShouldBeFalse();
    }
}
