using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Accounts.UseCases;
using Parley.Modules.Arrangements.Contracts;
using Parley.Modules.Arrangements.Plans;
using Parley.Modules.Payments.Contracts;
using Parley.Modules.Payments.Domain;
using Parley.Modules.Payments.Ledger;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.Testing;
using Shouldly;

namespace Parley.Modules.Payments.Tests;

/// <summary>
/// The accrual job's pass on a real database with every module: one month's interest and fee per customer-local month,
/// nothing twice, nothing while a freeze is in force, nothing on closed or charged-off accounts. The test clock starts
/// at 2 November 2026, 15:00 UTC.
/// </summary>
public sealed class AccrualSliceTests
{
    private static int _seeded;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>24 % a year and a 12.00 monthly fee.</summary>
    private static CreditorPolicy Charging => new(AllocationWaterfall.Default, Money.Of(25m, Currency.GBP), 0m, 30m, 24m, Money.Of(12m, Currency.GBP));

    [Theory]
    [DatabaseProviders]
    public async Task Interest_on_principal_and_the_fee_are_posted_once_a_month_and_a_second_pass_posts_nothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var creditor = await SeedCreditorAsync(database, Charging);
        var account = await SeedAccountAsync(database, creditor, principal: 80_000);

        var first = await AccrueAsync(database);
        first.ShouldBe(new AccrualSummary(1, 1, 1, 0, 0, 0, first.FrozenByRule));
        var second = await AccrueAsync(database);
        (second.InterestPosted, second.FeesPosted, second.AlreadyPosted).ShouldBe((0, 0, 2));

        // Later the same month: the month's keys replay the first entries.
        database.Time.SetUtcNow(new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero));
        (await AccrueAsync(database)).AlreadyPosted.ShouldBe(2);

        database.Time.SetUtcNow(new DateTimeOffset(2026, 12, 1, 13, 0, 0, TimeSpan.Zero));
        var december = await AccrueAsync(database);
        (december.InterestPosted, december.FeesPosted).ShouldBe((1, 1));

        var entries = await EntriesAsync(database, account);
        entries.Where(e => e.Kind is LedgerEntryKind.Interest or LedgerEntryKind.Fee).Select(e => (e.Kind, e.AmountMinor, e.IdempotencyKey, e.Description)).ShouldBe(
        [
            (LedgerEntryKind.Interest, 1_600L, "accrual:interest:2026-11", "Interest for 2026-11"),
            (LedgerEntryKind.Fee, 1_200L, "accrual:fee:2026-11", "Monthly fee for 2026-11"),
            (LedgerEntryKind.Interest, 1_600L, "accrual:interest:2026-12", "Interest for 2026-12"),
            (LedgerEntryKind.Fee, 1_200L, "accrual:fee:2026-12", "Monthly fee for 2026-12"),
        ]);
        var balance = await BalanceAsync(database, account);
        // The placement's 150.00 interest and 50.00 fees, plus two months of 16.00 and 12.00.
        (balance.PrincipalMinor, balance.InterestMinor, balance.FeesMinor).ShouldBe((80_000L, 18_200L, 7_400L));
    }

    [Theory]
    [DatabaseProviders]
    public async Task Interest_is_exact_to_the_minor_unit_rounded_down(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var creditor = await SeedCreditorAsync(database, Charging with { AnnualInterestRatePercent = 19.99m, MonthlyFee = Money.Of(0.01m, Currency.GBP) });
        var account = await SeedAccountAsync(database, creditor, principal: 123_457);

        await AccrueAsync(database);

        // 1,234.57 × 19.99 % ÷ 12 = 20.5658… → 20.56; the fee is exactly 0.01.
        var charged = (await EntriesAsync(database, account)).Where(e => e.Kind != LedgerEntryKind.Charge).Select(e => (e.Kind, e.AmountMinor));
        charged.ShouldBe([(LedgerEntryKind.Interest, 2_056L), (LedgerEntryKind.Fee, 1L)]);
        AccrualAmounts.MonthlyInterestMinor(123_457, 19.99m).ShouldBe(2_056);
        AccrualAmounts.MonthlyInterestMinor(1_200, 1m).ShouldBe(1);
        AccrualAmounts.MonthlyInterestMinor(1_199, 1m).ShouldBe(0);
        AccrualAmounts.MonthlyInterestMinor(0, 24m).ShouldBe(0);
    }

    [Theory]
    [DatabaseProviders]
    public async Task Nothing_accrues_under_Breathing_Space_a_mental_health_crisis_a_dispute_or_a_plan_that_freezes_charges(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var creditor = await SeedCreditorAsync(database, Charging);
        var free = await SeedAccountAsync(database, creditor);
        var breathingSpace = await SeedAccountAsync(database, creditor);
        var crisis = await SeedAccountAsync(database, creditor);
        var disputed = await SeedAccountAsync(database, creditor);
        var planned = await SeedAccountAsync(database, creditor);
        await HoldAsync(database, breathingSpace, HoldType.BreathingSpace);
        await HoldAsync(database, crisis, HoldType.MentalHealthCrisis);
        await HoldAsync(database, disputed, HoldType.Dispute);
        await using (var scope = database.Scope())
        {
            var plan = await scope.ServiceProvider.GetRequiredService<ProposeArrangement>().HandleAsync(
                Staff.Agent, new ProposeArrangementRequest(planned, null, Frequency.Monthly, 300m, new NodaTime.LocalDate(2026, 11, 10)), Ct);
            plan.InterestAndFeesFrozen.ShouldBeTrue();
            await scope.ServiceProvider.GetRequiredService<ActivateArrangement>().HandleAsync(Staff.Agent, new ActivateArrangementRequest(planned, plan.Id), Ct);
        }

        var summary = await AccrueAsync(database);

        (summary.Accounts, summary.InterestPosted, summary.FeesPosted, summary.Frozen).ShouldBe((5, 1, 1, 4));
        summary.FrozenByRule.ShouldBe(new Dictionary<string, int> { ["UK-BS-FREEZE"] = 2, ["UK-CONC-FORBEARANCE"] = 1, ["dispute_hold"] = 1 }, ignoreOrder: true);
        foreach (var frozen in new[] { breathingSpace, crisis, disputed, planned })
        {
            (await EntriesAsync(database, frozen)).ShouldAllBe(e => e.Kind == LedgerEntryKind.Charge);
        }

        (await EntriesAsync(database, free)).Count(e => e.Kind is LedgerEntryKind.Interest or LedgerEntryKind.Fee).ShouldBe(2);
    }

    [Theory]
    [DatabaseProviders]
    public async Task Charged_off_settled_closed_and_paid_accounts_and_creditors_without_terms_accrue_nothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var charging = await SeedCreditorAsync(database, Charging);
        var quiet = await SeedCreditorAsync(database, Charging with { AnnualInterestRatePercent = 0m, MonthlyFee = null });
        var open = await SeedAccountAsync(database, charging);
        var inArrangement = await SeedAccountAsync(database, charging, status: AccountStatus.InArrangement);
        await SeedAccountAsync(database, charging, chargeOff: new LocalDate(2026, 3, 1));
        await SeedAccountAsync(database, charging, status: AccountStatus.Settled);
        await SeedAccountAsync(database, charging, status: AccountStatus.Closed);
        await SeedAccountAsync(database, charging, status: AccountStatus.PaidInFull);
        await SeedAccountAsync(database, charging, status: AccountStatus.Recalled);
        await SeedAccountAsync(database, quiet);
        var feeOnlyNothingOwed = await SeedAccountAsync(database, charging, principal: 0, interest: 0, fees: 0);

        var summary = await AccrueAsync(database);

        (summary.Accounts, summary.InterestPosted, summary.FeesPosted, summary.NothingDue).ShouldBe((3, 2, 2, 1));
        (await EntriesAsync(database, open)).Count.ShouldBe(3);
        (await EntriesAsync(database, inArrangement)).Count.ShouldBe(3);
        (await EntriesAsync(database, feeOnlyNothingOwed)).Count.ShouldBe(1);
    }

    [Theory]
    [DatabaseProviders]
    public async Task The_month_is_the_customers_own_and_an_unknown_zone_is_the_last_on_earth(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var creditor = await SeedCreditorAsync(database, Charging);
        var auckland = await SeedAccountAsync(database, creditor, timeZone: "Pacific/Auckland");
        var london = await SeedAccountAsync(database, creditor, timeZone: "Europe/London");
        var unknown = await SeedAccountAsync(database, creditor);

        // 30 November 2026, 12:00 UTC: already 1 December in Auckland (UTC+13), still 30 November in London and at UTC−12.
        database.Time.SetUtcNow(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
        await AccrueAsync(database);

        (await KeysAsync(database, auckland)).ShouldBe(["accrual:fee:2026-12", "accrual:interest:2026-12"]);
        (await KeysAsync(database, london)).ShouldBe(["accrual:fee:2026-11", "accrual:interest:2026-11"]);
        (await KeysAsync(database, unknown)).ShouldBe(["accrual:fee:2026-11", "accrual:interest:2026-11"]);
    }

    [Theory]
    [DatabaseProviders]
    public async Task An_operator_catches_up_a_past_month_once_but_never_a_future_one_or_one_over_a_year_back(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var creditor = await SeedCreditorAsync(database, Charging);
        var account = await SeedAccountAsync(database, creditor);

        (await AccrueAsync(database, new LocalDate(2026, 10, 15))).InterestPosted.ShouldBe(1);
        (await AccrueAsync(database, new LocalDate(2026, 10, 31))).AlreadyPosted.ShouldBe(2);
        (await AccrueAsync(database)).InterestPosted.ShouldBe(1);
        (await KeysAsync(database, account)).ShouldBe(["accrual:fee:2026-10", "accrual:fee:2026-11", "accrual:interest:2026-10", "accrual:interest:2026-11"]);

        // At 15:00 UTC on 2 November, 3 November has begun east of UTC+9 but not everywhere: it is still the future.
        foreach (var bad in new[] { new LocalDate(2026, 11, 3), new LocalDate(2025, 11, 1) })
        {
            var refused = await Should.ThrowAsync<DomainException>(() => AccrueAsync(database, bad));
            refused.Error.ShouldBeOfType<InvalidAccrualDate>().FieldErrors.Keys.ShouldBe(["as-of"]);
        }

        (await KeysAsync(database, account)).Count.ShouldBe(4);
    }

    private static async Task<AccrualSummary> AccrueAsync(TestDatabase database, LocalDate? asOf = null)
    {
        await using var scope = database.Scope();
        return await scope.ServiceProvider.GetRequiredService<AccrueInterestAndFees>().HandleAsync(Actor.System("test accrual"), new AccrueInterestAndFeesRequest(asOf), Ct);
    }

    private static async Task<CreditorId> SeedCreditorAsync(TestDatabase database, CreditorPolicy policy)
    {
        await using var scope = database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        var creditor = new Creditor($"CRED-{Interlocked.Increment(ref _seeded)}", "A Creditor", Currency.GBP, policy);
        db.Add(creditor);
        await db.SaveChangesAsync(Ct);
        return creditor.Id;
    }

    private static async Task<AccountId> SeedAccountAsync(
        TestDatabase database, CreditorId creditorId, long principal = 80_000, long interest = 15_000, long fees = 5_000,
        AccountStatus status = AccountStatus.Open, LocalDate? chargeOff = null, string? timeZone = null)
    {
        await using var scope = database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        var reference = Interlocked.Increment(ref _seeded).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var customer = new Customer(creditorId, $"C-{reference}", new PersonName("Pat", "Lee"), new LocalDate(1980, 5, 17), "en-GB");
        if (timeZone is not null)
        {
            customer.AddAddress(new PostalAddress("1 High Street", null, "Town", "AB1 2CD", Jurisdiction.Parse("GB-ENG"), timeZone));
        }

        var placedAt = Instant.FromUtc(2026, 10, 1, 12, 0);
        var account = new Account(creditorId, customer.Id, $"D-{reference}",
            new AccountTerms(Currency.GBP, ProductType.CreditCard, "First Card Co", chargeOff, new LocalDate(2026, 6, 1), 45, null, status), placedAt);
        db.AddRange(customer, account);
        await db.SaveChangesAsync(Ct);
        await scope.ServiceProvider.GetRequiredService<ILedgerPlacements>().ApplyAsync(
            [new PlacementBalance(account.Id, Currency.GBP, AllocationWaterfall.Default, principal, interest, fees, placedAt, $"placement-{reference}")], Ct);
        return account.Id;
    }

    private static async Task HoldAsync(TestDatabase database, AccountId accountId, HoldType type)
    {
        await using var scope = database.Scope();
        await scope.ServiceProvider.GetRequiredService<PlaceHold>().HandleAsync(Staff.Agent, new PlaceHoldRequest(accountId, type, "test hold", ResumesAutomatically: false), Ct);
    }

    private static async Task<List<LedgerEntry>> EntriesAsync(TestDatabase database, AccountId accountId)
    {
        await using var scope = database.Scope();
        return await scope.ServiceProvider.GetRequiredService<ParleyDbContext>().Set<LedgerEntry>().AsNoTracking()
            .Where(e => e.AccountId == accountId).OrderBy(e => e.Sequence).ToListAsync(Ct);
    }

    private static async Task<List<string>> KeysAsync(TestDatabase database, AccountId accountId) =>
        [.. (await EntriesAsync(database, accountId)).Where(e => e.Kind != LedgerEntryKind.Charge).Select(e => e.IdempotencyKey).Order(StringComparer.Ordinal)];

    private static async Task<LedgerAccount> BalanceAsync(TestDatabase database, AccountId accountId)
    {
        await using var scope = database.Scope();
        return await scope.ServiceProvider.GetRequiredService<ParleyDbContext>().Set<LedgerAccount>().AsNoTracking().SingleAsync(a => a.AccountId == accountId, Ct);
    }
}
