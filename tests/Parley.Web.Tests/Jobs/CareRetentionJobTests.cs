using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Care.Contracts;
using Parley.Modules.Care.Domain;
using Parley.Web.Tests.Guarded;
using Parley.Web.Ui.Shared;

namespace Parley.Web.Tests.Jobs;

/// <summary>
/// Care's retention rule with the scheduler on and nobody calling a use case: the care-retention job erases a dismissed
/// proposal once the host's clock is 90 days past its dismissal, and opens one review item for a confirmed record a year on.
/// </summary>
public sealed class CareRetentionJobTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_job_erases_dismissed_proposals_after_90_days_and_asks_for_a_review_of_confirmed_records_after_12_months_once()
    {
        await using var factory = await ScheduledHost.StartAsync();
        await ScheduledHost.PlaceAsync(factory, "care-retention.csv",
            "ACME-CARD,C-1,Ada,Lovelace,1985-12-10,en-US,1 Main St,,Boston,02110,US-MA,,,,,,ada@example.com,personal,yes,ADA-1,credit_card,,USD,1000.00,,,,,45,,open,",
            "ACME-CARD,C-2,Bob,Babbage,1980-02-11,en-US,2 Main St,,Boston,02110,US-MA,,,,,,bob@example.com,personal,yes,BOB-1,credit_card,,USD,900.00,,,,,45,,open,",
            "ACME-CARD,C-3,Cy,Hopper,1979-03-12,en-US,3 Main St,,Boston,02110,US-MA,,,,,,cy@example.com,personal,yes,CY-1,credit_card,,USD,800.00,,,,,45,,open,");
        var scopes = factory.Services.GetRequiredService<IServiceScopeFactory>();
        var (confirmed, dismissed, later) = (await ProposeAsync("ADA-1"), await ProposeAsync("BOB-1"), await ProposeAsync("CY-1"));

        await scopes.RunAsync<ConfirmVulnerabilityRequest, VulnerabilityRecordView>(GuardedWorld.Admin, new ConfirmVulnerabilityRequest(
            confirmed.Record, new VulnerabilityConsent("Ada Lovelace", Now(), "by phone, call recorded", "Parley records my job loss"), "customer agreed"));
        await scopes.RunAsync<ResolveCareItemRequest, CareItemView>(GuardedWorld.Admin, new ResolveCareItemRequest(dismissed.Item, CareResolution.Dismiss, "not vulnerable: a new job starts Monday"));

        factory.Time.Advance(TimeSpan.FromDays(91));
        var erased = await ScheduledHost.UntilAsync(factory, db => RecordAsync(db, dismissed.Record), r => r.ErasedAt is not null, () => "the job erased the dismissed proposal");
        erased.Drivers.ShouldBeEmpty();
        erased.Evidence.ShouldBeEmpty();
        erased.ErasedBy.ShouldBe("system:care-retention");
        erased.Status.ShouldBe(VulnerabilityStatus.Dismissed);
        (await ReviewsAsync()).ShouldBeEmpty("the confirmed record is not a year old");

        factory.Time.Advance(TimeSpan.FromDays(275));
        var review = (await ScheduledHost.UntilAsync(factory, ReviewsOfAsync, r => r.Count > 0, () => "the job opened a review item")).ShouldHaveSingleItem();
        review.VulnerabilityRecordId.ShouldBe(confirmed.Record);
        review.Status.ShouldBe(CareItemStatus.Open);

        // Later passes (proved by a proposal dismissed now being erased 91 days on) do not ask for the review again.
        await scopes.RunAsync<ResolveCareItemRequest, CareItemView>(GuardedWorld.Admin, new ResolveCareItemRequest(later.Item, CareResolution.Dismiss, "not vulnerable"));
        factory.Time.Advance(TimeSpan.FromDays(91));
        await ScheduledHost.UntilAsync(factory, db => RecordAsync(db, later.Record), r => r.ErasedAt is not null, () => "the job erased the later proposal");
        (await ReviewsAsync()).ShouldHaveSingleItem().Id.ShouldBe(review.Id);

        Instant Now() => Instant.FromDateTimeOffset(factory.Time.GetUtcNow());

        async Task<(Guid Item, Guid Record)> ProposeAsync(string reference)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<Parley.Persistence.ParleyDbContext>();
            var account = await db.Set<Account>().AsNoTracking().Where(a => a.CreditorReference == reference).Select(a => a.Id).SingleAsync(Ct);
            await scopes.RunAsync<SubmitCareNoteRequest, CareReadingView>(GuardedWorld.Admin, new SubmitCareNoteRequest(account, "Customer said on the call: I lost my job and can't cope.", CareNoteSource.Transcript));
            var item = await db.Set<CareItem>().AsNoTracking().SingleAsync(i => i.AccountId == account && i.Kind == CareItemKind.Vulnerability, Ct);
            return (item.Id, item.VulnerabilityRecordId!.Value);
        }

        async Task<List<CareItem>> ReviewsAsync()
        {
            await using var scope = factory.Services.CreateAsyncScope();
            return await ReviewsOfAsync(scope.ServiceProvider.GetRequiredService<Parley.Persistence.ParleyDbContext>());
        }
    }

    private static Task<VulnerabilityRecord> RecordAsync(Parley.Persistence.ParleyDbContext db, Guid id) =>
        db.Set<VulnerabilityRecord>().AsNoTracking().SingleAsync(r => r.Id == id, Ct);

    private static Task<List<CareItem>> ReviewsOfAsync(Parley.Persistence.ParleyDbContext db) =>
        db.Set<CareItem>().AsNoTracking().Where(i => i.Kind == CareItemKind.VulnerabilityReview).ToListAsync(Ct);
}
