using Microsoft.Extensions.DependencyInjection;
using Parley.Modules.Care.Contracts;
using Parley.Modules.Care.Domain;
using Parley.Modules.Care.Jobs;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.Testing;
using Shouldly;

namespace Parley.Modules.Care.Tests.Acting;

/// <summary>Care's retention rule, one pass at a time on a moved clock: a review item when a confirmed record is a year old, erasure of a dismissed proposal after 90 days.</summary>
public sealed class CareRetentionTests
{
    private static readonly Actor Compliance = Staff.Acting("compliance@parley", StaffRoles.Compliance);

    private static readonly Actor Retention = Actor.System("care-retention");

    [Theory]
    [DatabaseProviders]
    public async Task A_confirmed_record_past_its_review_date_gets_one_review_item_for_a_specialist(DatabaseProvider provider)
    {
        await using var world = await CareWorld.CreateAsync(provider);
        var account = await world.AccountAsync("RV-1");
        await world.ReplyAsync(account, "I lost my job and can't cope");
        await world.DispatchAsync();
        var record = (await world.AllAsync<VulnerabilityRecord>()).ShouldHaveSingleItem();
        var now = NodaTime.Instant.FromDateTimeOffset(world.Database.Time.GetUtcNow());
        await world.RunAsync<ConfirmVulnerabilityRequest, VulnerabilityRecordView>(
            Compliance, new ConfirmVulnerabilityRequest(record.Id, new VulnerabilityConsent("Jane Doe", now, "by phone, call recorded", "Parley records my job loss"), "customer agreed"));

        (await PassAsync(world)).ShouldBe(new CareRetentionSummary(0, 0));
        world.Database.Time.Advance(TimeSpan.FromDays(364));
        (await PassAsync(world)).ReviewsOpened.ShouldBe(0, "a year has not passed");

        world.Database.Time.Advance(TimeSpan.FromDays(2));
        (await PassAsync(world)).ReviewsOpened.ShouldBe(1);
        world.Database.Time.Advance(TimeSpan.FromDays(1));
        (await PassAsync(world)).ReviewsOpened.ShouldBe(0, "once, not every day");

        var review = (await world.AllAsync<CareItem>()).Where(i => i.Kind == CareItemKind.VulnerabilityReview).ShouldHaveSingleItem();
        (review.Status, review.VulnerabilityRecordId, review.AccountId, review.Priority).ShouldBe((CareItemStatus.Open, (Guid?)record.Id, account, 3));
        (await world.AllAsync<VulnerabilityRecord>()).Single().Audit.ShouldContain(a => a.Action == "review due" && a.By == "system:care-retention");

        // It is special-category work: a specialist resolves it, an agent may not.
        (await Should.ThrowAsync<DomainException>(() => world.RunAsync<ResolveCareItemRequest, CareItemView>(Staff.Agent, new ResolveCareItemRequest(review.Id, CareResolution.Complete, "reviewed"))))
            .Error.Kind.ShouldBe(ErrorKind.Forbidden);
        (await world.RunAsync<ResolveCareItemRequest, CareItemView>(Compliance, new ResolveCareItemRequest(review.Id, CareResolution.Complete, "reviewed with the customer; still true")))
            .Status.ShouldBe(CareItemStatus.Completed);
        world.Database.Time.Advance(TimeSpan.FromDays(1));
        (await PassAsync(world)).ReviewsOpened.ShouldBe(0, "a completed review is not asked again");
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_dismissed_proposal_past_90_days_is_erased_to_a_tombstone_and_its_readings_keep_only_legal_flags(DatabaseProvider provider)
    {
        await using var world = await CareWorld.CreateAsync(provider);
        var account = await world.AccountAsync("ER-1");
        await world.ReplyAsync(account, "I lost my job and can't cope. This isn't my debt.");
        await world.DispatchAsync();
        var item = (await world.AllAsync<CareItem>()).Single(i => i.Kind == CareItemKind.Vulnerability);
        await world.RunAsync<ResolveCareItemRequest, CareItemView>(Compliance, new ResolveCareItemRequest(item.Id, CareResolution.Dismiss, "she found a new job at the bakery"));
        var dismissedAt = NodaTime.Instant.FromDateTimeOffset(world.Database.Time.GetUtcNow());

        world.Database.Time.Advance(TimeSpan.FromDays(89));
        (await PassAsync(world)).ProposalsErased.ShouldBe(0, "90 days have not passed");
        (await world.AllAsync<VulnerabilityRecord>()).Single().Drivers.ShouldContain("job-loss");

        world.Database.Time.Advance(TimeSpan.FromDays(2));
        (await PassAsync(world)).ProposalsErased.ShouldBe(1);
        (await PassAsync(world)).ProposalsErased.ShouldBe(0, "erased once");

        var record = (await world.AllAsync<VulnerabilityRecord>()).ShouldHaveSingleItem();
        (record.Id, record.AccountId, record.Status, record.EraseAt).ShouldBe((record.Id, account, VulnerabilityStatus.Dismissed, dismissedAt + NodaTime.Duration.FromDays(90)));
        record.Drivers.ShouldBeEmpty();
        record.Evidence.ShouldBeEmpty();
        (record.ConsentGivenBy, record.ConsentHow, record.ConsentAgreedTo).ShouldBe((null, null, null));
        record.ErasedAt.ShouldBe(NodaTime.Instant.FromDateTimeOffset(world.Database.Time.GetUtcNow()));
        record.ErasedBy.ShouldBe("system:care-retention");
        record.Audit.Select(a => a.Action).ShouldBe(["proposed", "dismissed", "erased"]);
        record.Audit[^1].By.ShouldBe("system:care-retention");

        // The reading keeps the dispute (a legal intent, not special category) and loses the drivers and distress.
        var reading = (await world.AllAsync<CareReading>()).ShouldHaveSingleItem();
        reading.Flags.Select(f => f.Code).ShouldContain("not-mine");
        reading.Flags.Select(f => f.Code).ShouldNotContain("job-loss");
        reading.Flags.Select(f => f.Code).ShouldNotContain("distress");
        reading.Evidence.ShouldNotContain(e => e.Code == "job-loss" || e.Code == "distress");
        reading.Evidence.ShouldContain(e => e.Code == "not-mine");
        reading.Distress.ShouldBe(0);
        (await world.AllAsync<CareItem>()).Single(i => i.Id == item.Id).Labels.ShouldBeEmpty();
        (await world.AllAsync<CareLabelVerdict>()).Where(v => v.Label == "job-loss").ShouldAllBe(v => v.Verdict == "overruled" && v.Reason == "(erased)");

        // What the specialist wrote about the customer is gone from every Care row; the dispute's validation task is untouched.
        var stored = await CarePrivacyTests.RawAsync(world,
            """SELECT "Evidence", "Drivers", "Audit" FROM care_vulnerability_records""", """SELECT "Log", "Labels" FROM care_items""", """SELECT "Reason" FROM care_label_verdicts""");
        stored.ShouldAllBe(v => !v.Contains("bakery", StringComparison.Ordinal));
        (await CarePrivacyTests.RawAsync(world, """SELECT "Drivers", "Evidence" FROM care_vulnerability_records""")).ShouldAllBe(v => !v.Contains("job-loss", StringComparison.Ordinal));
        (await world.AllAsync<CareItem>()).Single(i => i.Kind == CareItemKind.ValidationTask).Status.ShouldBe(CareItemStatus.Open);
    }

    [Theory]
    [DatabaseProviders]
    public async Task Fifty_due_records_are_all_handled_in_one_pass_with_a_few_reads_whatever_their_number(DatabaseProvider provider)
    {
        await using var world = await CareWorld.CreateAsync(provider);
        var accounts = await FiftyDueInAYearAsync(world);

        world.Database.Time.Advance(TimeSpan.FromDays(366));
        using var reads = new SelectCounter(world);
        (await PassAsync(world)).ShouldBe(new CareRetentionSummary(25, 25));

        // The old pass read three times per erased record (its items, readings and verdicts); now a pass reads each set once.
        reads.Count.ShouldBeInRange(3, 6);
        var records = await world.AllAsync<VulnerabilityRecord>();
        records.Where(r => r.Status == VulnerabilityStatus.Dismissed).ShouldAllBe(r => r.ErasedAt != null && r.Drivers.Count == 0 && r.Evidence.Count == 0);
        var dismissed = accounts.Where((_, n) => n % 2 == 0).ToHashSet();
        var readings = (await world.AllAsync<CareReading>()).ToLookup(r => dismissed.Contains(r.AccountId));
        readings[true].Count().ShouldBe(25);
        readings[true].ShouldAllBe(r => r.Flags.All(f => f.Code != "job-loss"));
        readings[true].ShouldAllBe(r => r.Tone.All(e => !CareLabels.DistressEmotions.Contains(e)));
        readings[false].ShouldAllBe(r => r.Flags.Any(f => f.Code == "job-loss"), "a confirmed record's readings are kept");
        (await world.AllAsync<CareItem>()).Count(i => i.Kind == CareItemKind.VulnerabilityReview).ShouldBe(25);
        (await PassAsync(world)).ShouldBe(new CareRetentionSummary(0, 0));
    }

    /// <summary>Fifty accounts with a vulnerability proposal each: half dismissed (erased after 90 days), half confirmed (reviewed after a year), so a year on all fifty are due.</summary>
    private static async Task<List<AccountId>> FiftyDueInAYearAsync(CareWorld world)
    {
        var accounts = new List<AccountId>();
        for (var n = 0; n < 50; n++)
        {
            var account = await world.AccountAsync($"MANY-{n}");
            await world.ReplyAsync(account, "I lost my job and can't cope");
            accounts.Add(account);
        }

        while (await world.DispatchAsync() > 0)
        {
        }

        var now = NodaTime.Instant.FromDateTimeOffset(world.Database.Time.GetUtcNow());
        var items = (await world.AllAsync<CareItem>()).Where(i => i.Kind == CareItemKind.Vulnerability).ToDictionary(i => i.AccountId);
        var proposals = (await world.AllAsync<VulnerabilityRecord>()).ToDictionary(r => r.AccountId);
        (items.Count, proposals.Count).ShouldBe((50, 50));
        foreach (var (account, n) in accounts.Select((a, n) => (a, n)))
        {
            if (n % 2 == 0)
            {
                await world.RunAsync<ResolveCareItemRequest, CareItemView>(Compliance, new ResolveCareItemRequest(items[account].Id, CareResolution.Dismiss, "not vulnerable"));
            }
            else
            {
                await world.RunAsync<ConfirmVulnerabilityRequest, VulnerabilityRecordView>(
                    Compliance, new ConfirmVulnerabilityRequest(proposals[account].Id, new VulnerabilityConsent("Jane Doe", now, "by phone", "Parley records my job loss"), "customer agreed"));
            }
        }


        return accounts;
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_backlog_is_worked_a_page_at_a_time_and_every_record_is_handled_once(DatabaseProvider provider)
    {
        await using var world = await CareWorld.CreateAsync(provider, services => services.AddSingleton(new CareRetentionPaging(7)));
        await FiftyDueInAYearAsync(world);
        world.Database.Time.Advance(TimeSpan.FromDays(366));

        // 25 to review and 25 to erase, in pages of 7: every one handled, none twice.
        (await PassAsync(world)).ShouldBe(new CareRetentionSummary(25, 25));
        (await world.AllAsync<VulnerabilityRecord>()).Where(r => r.Status == VulnerabilityStatus.Dismissed).ShouldAllBe(r => r.ErasedAt != null);
        (await world.AllAsync<CareItem>()).Where(i => i.Kind == CareItemKind.VulnerabilityReview).GroupBy(i => i.VulnerabilityRecordId).ShouldAllBe(g => g.Count() == 1);
        (await world.AllAsync<CareItem>()).Count(i => i.Kind == CareItemKind.VulnerabilityReview).ShouldBe(25);
        (await PassAsync(world)).ShouldBe(new CareRetentionSummary(0, 0));
    }

    [Fact]
    public async Task Only_Parley_itself_runs_the_retention_rule()
    {
        await using var world = await CareWorld.CreateAsync(DatabaseProvider.Sqlite);

        foreach (var staff in new[] { Staff.Agent, Staff.Supervisor, Compliance, Staff.Acting("admin@parley", StaffRoles.Admin) })
        {
            (await Should.ThrowAsync<DomainException>(() => world.RunAsync<EnforceCareRetentionRequest, CareRetentionSummary>(staff, new EnforceCareRetentionRequest())))
                .Error.Kind.ShouldBe(ErrorKind.Forbidden);
        }
    }

    private static Task<CareRetentionSummary> PassAsync(CareWorld world) =>
        world.RunAsync<EnforceCareRetentionRequest, CareRetentionSummary>(Retention, new EnforceCareRetentionRequest());

    /// <summary>Counts the SELECT commands EF sends to this world's database (other tests' databases are ignored) while it is alive.</summary>
    private sealed class SelectCounter : IDisposable, IObserver<System.Diagnostics.DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
    {
        private readonly string _database;
        private readonly List<IDisposable> _subscriptions = [];
        private int _count;

        public SelectCounter(CareWorld world)
        {
            using var scope = world.Database.Scope();
            var connection = Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.GetDbConnection(
                Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<ParleyDbContext>(scope.ServiceProvider).Database);
            _database = $"{connection.DataSource}/{connection.Database}";
            _subscriptions.Add(System.Diagnostics.DiagnosticListener.AllListeners.Subscribe(this));
        }

        public int Count => Volatile.Read(ref _count);

        public void OnNext(System.Diagnostics.DiagnosticListener value)
        {
            if (value.Name == Microsoft.EntityFrameworkCore.DbLoggerCategory.Name)
            {
                lock (_subscriptions)
                {
                    _subscriptions.Add(value.Subscribe(this));
                }
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandExecuting.Name
                && value.Value is Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData { Command: var command }
                && $"{command.Connection?.DataSource}/{command.Connection?.Database}" == _database
                && command.CommandText.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
            {
                Interlocked.Increment(ref _count);
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            lock (_subscriptions)
            {
                _subscriptions.ForEach(s => s.Dispose());
            }
        }
    }
}
