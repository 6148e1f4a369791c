using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Parley.Composition;
using Parley.Demo.Placements;
using Parley.Demo.Portfolio;
using Parley.Demo.Seeding;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Accounts.Import;
using Parley.Modules.Decisioning.Contracts;
using Parley.Modules.Decisioning.Registry;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Outreach.Channels;
using Parley.Modules.Outreach.Contracts;
using Parley.Modules.Outreach.Inbound;
using Parley.Modules.Payments.Domain;
using Parley.Persistence;
using Parley.Testing;
using Shouldly;

namespace Parley.Demo.Tests;

public sealed class SeedingTests
{
    [Theory]
    [DatabaseProviders]
    public async Task The_real_importer_accepts_every_generated_row(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var today = new NodaTime.LocalDate(2026, 11, 2);
        await SeedAsync(db, 1, 1);
        using var writer = new StringWriter();
        PlacementFileWriter.Write(writer, new PortfolioGenerator(77, today).People(), 3_000);
        await using var scope = db.Scope();
        using var file = new MemoryStream(PlacementFileWriter.Utf8.GetBytes(writer.ToString()));
        using var rejects = new StringWriter();

        var run = await scope.ServiceProvider.GetRequiredService<PlacementImporter>()
            .ImportAsync(new PlacementImportRequest(file, "demo.csv", DryRun: true) { RejectsOut = rejects }, CancellationToken.None);

        rejects.ToString().ShouldBeEmpty();
        run.RowsRead.ShouldBe(3_000);
        run.RowsRejected.ShouldBe(0);
    }

    [Theory]
    [DatabaseProviders]
    public async Task Seeding_loads_accounts_holds_and_payments_and_seeding_again_changes_nothing(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);

        var first = await SeedAsync(db, 5, 250);
        var counts = await CountsAsync(db);
        var second = await SeedAsync(db, 5, 250);

        first.CreditorsCreated.ShouldBe(DemoCreditors.All.Count);
        first.Import.RowsRejected.ShouldBe(0);
        first.Import.AccountsCreated.ShouldBe(Demo.People(5, 250).Sum(p => (long)p.AccountCount));
        first.HoldsPlaced.ShouldBeGreaterThan(0);
        first.PaymentsPosted.ShouldBeGreaterThan(50);
        first.Chargebacks.ShouldBeGreaterThan(0);
        first.Overpayments.ShouldBeGreaterThan(0);
        first.Outreach.Contacts.ShouldBeGreaterThan(50);
        counts.Contacts.ShouldBe(first.Outreach.Contacts + first.Outreach.MessagesSent, "each message sent now is a contact too");
        first.Outreach.Preferences.ShouldBeGreaterThan(5);
        first.Outreach.Budgets.ShouldBe(1);
        ((long)counts.Accounts).ShouldBe(first.Import.AccountsCreated);
        // Care places its own holds on the replies it reads (the demo's "this isn't my debt" is a dispute).
        counts.Holds.ShouldBe(first.HoldsPlaced + await CareHoldsAsync(db));
        counts.HoldTypes.ShouldContain(HoldType.BreathingSpace);
        counts.HoldTypes.ShouldContain(HoldType.Dispute);
        counts.CreditAccounts.ShouldBeGreaterThan(0, "overpayments leave credit on the ledger");

        second.CreditorsCreated.ShouldBe(0);
        second.Import.AccountsCreated.ShouldBe(0);
        second.Import.AccountsUpdated.ShouldBe(0);
        second.Import.AccountsUnchanged.ShouldBe(first.Import.AccountsCreated);
        second.HoldsPlaced.ShouldBe(0);
        second.PaymentsPosted.ShouldBe(0);
        second.Outreach.ShouldBe(new DemoOutreachResult(0, 0, 0, 0, 0));
        (await CountsAsync(db)).ShouldBe(counts);
    }

    [Theory]
    [DatabaseProviders]
    public async Task The_first_hour_sends_a_validation_notice_and_a_text_with_its_opt_out_and_customers_reply(DatabaseProvider provider)
    {
        // The test clock stands at Monday 2 Nov 2026, 15:00 UTC: mid-morning in the US, mid-afternoon in the UK.
        await using var db = await TestDatabase.CreateAsync(provider);

        var seeded = await SeedAsync(db, 5, 250);

        await using var scope = db.Scope();
        var context = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        var firstHour = await context.Set<Parley.Modules.Outreach.Planning.PlannedContact>().AsNoTracking().Where(p => p.IdempotencyKey.StartsWith("now:")).ToListAsync();
        firstHour.ShouldAllBe(p => p.Status == PlannedContactStatus.Sent, string.Join("; ", firstHour.Select(p => $"{p.Channel} {p.Status} {p.LastError} {p.CancelReason} {p.Reasons.LastOrDefault()} {p.CustomerId}")));
        seeded.Outreach.MessagesSent.ShouldBe(6, "three validation notices by e-mail and three reminders by text");
        seeded.Outreach.Replies.ShouldBe(5);
        var outbox = await context.Set<DevOutboxMessage>().AsNoTracking().ToListAsync();
        var emails = outbox.Where(m => m.Channel == ContactChannel.Email).ToList();
        var texts = outbox.Where(m => m.Channel == ContactChannel.Sms).ToList();
        emails.Count.ShouldBe(3);
        emails.ShouldAllBe(m => m.Text.Contains("debt collector", StringComparison.OrdinalIgnoreCase) && m.Text.Contains("dispute", StringComparison.OrdinalIgnoreCase));
        texts.Count.ShouldBe(3);
        texts.ShouldAllBe(m => m.Text.Contains("STOP", StringComparison.Ordinal));
        var inbound = await context.Set<OutreachMessage>().AsNoTracking().Where(m => m.Direction == ContactDirection.Inbound).ToListAsync();
        inbound.Count.ShouldBe(5);
        inbound.Select(m => m.AccountId).ShouldBeSubsetOf(outbox.Select(m => m.AccountId));

        // Care read the replies: the dispute is a validation task, the job loss a proposed vulnerability record.
        var care = await context.Set<Parley.Modules.Care.Domain.CareItem>().AsNoTracking().ToListAsync();
        care.ShouldContain(i => i.Kind == Parley.Modules.Care.Contracts.CareItemKind.ValidationTask && i.HoldId != null);
        care.ShouldContain(i => i.Kind == Parley.Modules.Care.Contracts.CareItemKind.Vulnerability && i.VulnerabilityRecordId != null);
        (await context.Set<Parley.Modules.Care.Domain.CareReading>().CountAsync()).ShouldBe(5);
    }

    [Theory]
    [DatabaseProviders]
    public async Task At_night_the_first_hour_sends_nothing_because_no_customer_may_be_contacted(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        // 07:00 UTC: 02:00 in New York, 23:00 in Los Angeles, 07:00 in London — before 8 a.m. everywhere the demo lives.
        db.Time.SetUtcNow(new DateTimeOffset(2026, 11, 3, 7, 0, 0, TimeSpan.Zero));

        var seeded = await SeedAsync(db, 5, 250);

        seeded.Outreach.MessagesSent.ShouldBe(0);
        seeded.Outreach.Replies.ShouldBe(0);
        await using var scope = db.Scope();
        var context = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        (await context.Set<DevOutboxMessage>().CountAsync()).ShouldBe(0);
        var now = db.Services.GetRequiredService<NodaTime.IClock>().GetCurrentInstant();
        var accountIds = await context.Set<Account>().Select(a => a.Id).ToListAsync();
        var zones = (await scope.ServiceProvider.GetRequiredService<IContactProfiles>().GetManyAsync(accountIds, now, CancellationToken.None))
            .Values.SelectMany(p => p.Addresses).Select(a => a.TimeZone).Distinct().ToList();
        zones.ShouldNotBeEmpty();
        zones.ShouldAllBe(z => now.InZone(NodaTime.DateTimeZoneProviders.Tzdb[z]).Hour < 8 || now.InZone(NodaTime.DateTimeZoneProviders.Tzdb[z]).Hour >= 21,
            "the refusal is right only if every demo customer's local hour is outside 08:00-21:00");
    }

    [Theory]
    [DatabaseProviders]
    public async Task At_breakfast_in_London_the_first_hour_writes_to_the_customers_who_are_awake(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        // 08:30 UTC: 08:30 in London, 03:30 in New York, 00:30 in Los Angeles — only the British customers may be contacted.
        db.Time.SetUtcNow(new DateTimeOffset(2026, 11, 3, 8, 30, 0, TimeSpan.Zero));

        var seeded = await SeedAsync(db, 5, 250);

        seeded.Outreach.MessagesSent.ShouldBe(6, "three e-mails and three texts, all to customers for whom it is morning");
        seeded.Outreach.Replies.ShouldBe(5);
        await using var scope = db.Scope();
        var context = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        var written = await context.Set<DevOutboxMessage>().AsNoTracking().Select(m => m.AccountId).ToListAsync();
        var now = db.Services.GetRequiredService<NodaTime.IClock>().GetCurrentInstant();
        var profiles = await scope.ServiceProvider.GetRequiredService<IContactProfiles>().GetManyAsync(written, now, CancellationToken.None);
        profiles.Values.ShouldAllBe(p => p.Addresses[0].TimeZone == "Europe/London");
    }

    [Theory]
    [DatabaseProviders]
    public async Task Seeded_accounts_stand_as_their_ledger_does(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var seeded = await SeedAsync(db, 5, 250);
        seeded.Overpayments.ShouldBeGreaterThan(0);

        await using var scope = db.Scope();
        var context = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        var accounts = await context.Set<Account>().AsNoTracking()
            .Join(context.Set<LedgerAccount>().AsNoTracking(), a => a.Id, l => l.AccountId, (a, l) => new { a.CreditorReference, a.Status, a.DaysPastDue, a.DelinquencyBucket, l.OutstandingMinor })
            .ToListAsync();
        ((long)accounts.Count).ShouldBe(seeded.Import.AccountsCreated);
        foreach (var a in accounts)
        {
            var expected = a.OutstandingMinor switch
            {
                < 0 => [AccountStatus.InCredit],
                0 => [AccountStatus.PaidInFull],
                _ => new[] { AccountStatus.Open, AccountStatus.InArrangement },
            };
            a.Status.ShouldBeOneOf(expected, a.CreditorReference);
            if (a.OutstandingMinor <= 0)
            {
                (a.DaysPastDue, a.DelinquencyBucket).ShouldBe((0, DelinquencyBucket.Current), a.CreditorReference);
            }
        }

        // Only a labelled overpayment leaves an account in credit.
        accounts.Count(a => a.Status == AccountStatus.InCredit).ShouldBeInRange(1, seeded.Overpayments);
        accounts.Count(a => a.Status == AccountStatus.PaidInFull).ShouldBeGreaterThan(0);
    }

    [Theory]
    [DatabaseProviders]
    public async Task Seeding_on_first_run_fills_an_empty_database_only_when_asked(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);

        await FirstRun(db, enabled: false).StartAsync(CancellationToken.None);
        (await CountsAsync(db)).Accounts.ShouldBe(0);

        await FirstRun(db, enabled: true).StartAsync(CancellationToken.None);
        var seeded = await CountsAsync(db);
        seeded.Accounts.ShouldBe(Demo.People(DemoDefaults.Seed, DemoDefaults.People).Sum(p => p.AccountCount));
        await using (var scope = db.Scope())
        {
            // The shipped default model is registered and every account that owes something opens on a score, as after
            // `parley demo seed`; one that owes nothing is not scored.
            var context = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
            var active = await context.Set<RegisteredModel>().Where(m => m.IsActive).ToListAsync();
            active.Select(m => m.Kind).ShouldBe([ModelKind.EarlyWarning, ModelKind.Propensity], ignoreOrder: true);
            var owing = await context.Set<LedgerAccount>().CountAsync(a => a.OutstandingMinor > 0);
            owing.ShouldBeInRange(seeded.Accounts / 2, seeded.Accounts - 1);
            foreach (var model in active)
            {
                (await context.Set<AccountScore>().CountAsync(s => s.ModelVersion == model.Version && s.Kind == model.Kind)).ShouldBe(owing);
            }
        }

        await FirstRun(db, enabled: true).StartAsync(CancellationToken.None);
        (await CountsAsync(db)).ShouldBe(seeded);
    }

    private static DemoSeedOnFirstRun FirstRun(TestDatabase db, bool enabled) => new(
        db.Services.GetRequiredService<IServiceScopeFactory>(),
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Demo:SeedOnFirstRun"] = enabled ? "true" : "false" }).Build(),
        NullLogger<DemoSeedOnFirstRun>.Instance);

    private static async Task<DemoSeedResult> SeedAsync(TestDatabase db, int seed, int people)
    {
        await using var scope = db.Scope();
        return await ActivatorUtilities.CreateInstance<DemoSeeder>(scope.ServiceProvider).SeedAsync(seed, people, CancellationToken.None);
    }

    private sealed record Counts(int Accounts, int Customers, int Holds, int LedgerEntries, int CreditAccounts, int Contacts, HoldType[] HoldTypes)
    {
        public bool Equals(Counts? other) =>
            other is not null && (Accounts, Customers, Holds, LedgerEntries, CreditAccounts, Contacts) == (other.Accounts, other.Customers, other.Holds, other.LedgerEntries, other.CreditAccounts, other.Contacts)
            && HoldTypes.SequenceEqual(other.HoldTypes);

        public override int GetHashCode() => HashCode.Combine(Accounts, Customers, Holds, LedgerEntries);
    }

    private static async Task<int> CareHoldsAsync(TestDatabase db)
    {
        await using var scope = db.Scope();
        return await scope.ServiceProvider.GetRequiredService<ParleyDbContext>().Set<Hold>().CountAsync(h => h.SetBy == "system:care");
    }

    private static async Task<Counts> CountsAsync(TestDatabase db)
    {
        await using var scope = db.Scope();
        var context = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        return new Counts(
            await context.Set<Account>().CountAsync(),
            await context.Set<Customer>().CountAsync(),
            await context.Set<Hold>().CountAsync(),
            await context.Set<LedgerEntry>().CountAsync(),
            await context.Set<LedgerAccount>().CountAsync(a => a.CreditMinor > 0),
            await context.Set<Parley.Modules.Outreach.Domain.ContactAttempt>().CountAsync(),
            (await context.Set<Hold>().Select(h => h.Type).Distinct().ToListAsync()).Order().ToArray());
    }
}
