using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NodaTime;
using Parley.Modules.Care.Contracts;
using Parley.Modules.Care.Domain;
using Parley.Modules.Care.UseCases;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Care.Jobs;

/// <summary>
/// Care's retention rule for special-category data (ADR 21), as Parley itself: a confirmed vulnerability record past its
/// review date gets one open "review the vulnerability record" item on the specialist queue (once per review, not every
/// pass); a dismissed proposal past its erase date keeps only a tombstone — its drivers, evidence and consent details are
/// erased, with the special-category flags and spans of the readings behind it (legal intents such as disputes stay).
/// Idempotent: a second pass on the same day does nothing. Works a page of records at a time, each page saved before the
/// next is read, so a backlog (a scheduler stopped for months) is bounded per query and a crash keeps what was done.
/// </summary>
public sealed partial class EnforceCareRetention(ParleyDbContext db, IClock clock, ILogger<EnforceCareRetention> logger, CareRetentionPaging? paging = null)
    : IUseCase<EnforceCareRetentionRequest, CareRetentionSummary>
{
    private readonly int _pageSize = (paging ?? CareRetentionPaging.Default).PageSize;

    public async Task<CareRetentionSummary> HandleAsync(Actor actor, EnforceCareRetentionRequest request, CancellationToken cancellationToken)
    {
        // Nobody erases special-category data in bulk by hand: the rule does, on its dates.
        if (actor is not SystemProcess)
        {
            throw new DomainException(new ActorNotAllowed("enforce Care's retention rule", []));
        }

        var now = clock.GetCurrentInstant();
        var reviews = 0;
        for (var page = 0; ; page++)
        {
            // A confirmed record stays due after its item is opened (the item's date says it was asked), so these pages go by offset.
            var due = await db.Set<VulnerabilityRecord>()
                .Where(r => r.Status == VulnerabilityStatus.Confirmed && r.ReviewDueAt != null && r.ReviewDueAt <= now)
                .OrderBy(r => r.Id).Skip(page * _pageSize).Take(_pageSize)
                .ToListAsync(cancellationToken);
            reviews += await OpenReviewsAsync(due, now, actor.Name, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            if (due.Count < _pageSize)
            {
                break;
            }
        }

        var erased = 0;
        while (true)
        {
            // An erased record leaves the query once saved, so the next page is the next first page.
            var due = await db.Set<VulnerabilityRecord>()
                .Where(r => r.Status == VulnerabilityStatus.Dismissed && r.EraseAt != null && r.EraseAt <= now && r.ErasedAt == null)
                .OrderBy(r => r.Id).Take(_pageSize)
                .ToListAsync(cancellationToken);
            erased += await EraseDismissedAsync(due, now, actor.Name, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            if (due.Count < _pageSize)
            {
                break;
            }
        }

        return new CareRetentionSummary(reviews, erased);
    }

    private async Task<int> OpenReviewsAsync(List<VulnerabilityRecord> due, Instant now, string by, CancellationToken cancellationToken)
    {
        if (due.Count == 0)
        {
            return 0;
        }

        // Each record's latest review item, in one query for the whole pass: a record is asked once per review date.
        var ids = due.Select(r => r.Id).ToList();
        var lastAsked = (await db.Set<CareItem>().AsNoTracking()
                .Where(i => i.Kind == CareItemKind.VulnerabilityReview && i.VulnerabilityRecordId != null && ids.Contains(i.VulnerabilityRecordId.Value))
                .Select(i => new { Record = i.VulnerabilityRecordId!.Value, i.CreatedAt })
                .ToListAsync(cancellationToken))
            .GroupBy(a => a.Record)
            .ToDictionary(g => g.Key, g => g.Max(a => a.CreatedAt));
        var opened = 0;
        foreach (var record in due.Where(r => !(lastAsked.TryGetValue(r.Id, out var asked) && asked >= r.ReviewDueAt!.Value)))
        {
            var item = new CareItem(record.AccountId, record.CreditorId, CareItemKind.VulnerabilityReview, [], null, null, now,
                "the vulnerability record is due for review: keep it only if it is still true, with the customer's consent");
            item.LinkRecord(record.Id);
            db.Add(item);
            record.ReviewDue(now, by);
            LogReviewDue(logger, record.Id);
            opened++;
        }

        return opened;
    }

    private async Task<int> EraseDismissedAsync(List<VulnerabilityRecord> due, Instant now, string by, CancellationToken cancellationToken)
    {
        if (due.Count == 0)
        {
            return 0;
        }

        // The page's items, readings and verdicts in one query each, whatever the number of records: the changes are
        // per-row JSON rewrites (not plain column sets), so they are tracked and saved in the page's one SaveChanges.
        var recordIds = due.Select(r => (Guid?)r.Id).ToList();
        var items = (await db.Set<CareItem>().Where(i => recordIds.Contains(i.VulnerabilityRecordId)).ToListAsync(cancellationToken))
            .ToLookup(i => i.VulnerabilityRecordId!.Value);
        var readingIdsOf = due.ToDictionary(
            r => r.Id,
            r => r.Evidence.Where(e => e.ReadingId is not null).Select(e => e.ReadingId!.Value)
                .Concat(items[r.Id].Where(i => i.ReadingId is not null).Select(i => i.ReadingId!.Value))
                .Distinct().ToList());
        var readingIds = readingIdsOf.Values.SelectMany(ids => ids).Distinct().ToList();
        var readings = readingIds.Count == 0
            ? new Dictionary<Guid, CareReading>()
            : await db.Set<CareReading>().Where(r => readingIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
        foreach (var reading in readings.Values)
        {
            reading.EraseSpecialCategory(CareViews.IsSpecial);
        }

        var readingIdsOrNull = readingIds.Cast<Guid?>().ToList();
        var verdicts = readingIds.Count == 0
            ? new List<CareLabelVerdict>()
            : await db.Set<CareLabelVerdict>().Where(v => readingIdsOrNull.Contains(v.ReadingId)).ToListAsync(cancellationToken);
        foreach (var verdict in verdicts.Where(v => CareViews.IsSpecial(v.Label)))
        {
            verdict.EraseReason();
        }

        foreach (var record in due)
        {
            foreach (var item in items[record.Id])
            {
                item.EraseSpecialCategory(CareViews.IsSpecial, now, by);
            }

            record.Erase(now, by);
            LogErased(logger, record.Id, readingIdsOf[record.Id].Count(readings.ContainsKey));
        }

        return due.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Care retention: vulnerability record {RecordId} is due for review; a specialist item is open")]
    private static partial void LogReviewDue(ILogger logger, Guid recordId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Care retention: erased dismissed vulnerability proposal {RecordId} and the special-category flags of {Readings} reading(s)")]
    private static partial void LogErased(ILogger logger, Guid recordId, int readings);
}

/// <summary>How many vulnerability records the retention pass reads and saves at a time.</summary>
public sealed record CareRetentionPaging(int PageSize)
{
    public static CareRetentionPaging Default { get; } = new(500);
}
