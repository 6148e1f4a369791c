using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;
using Parley.SharedKernel;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Outreach.Contracts;
using Parley.Modules.Outreach.Domain;
using Parley.Modules.Outreach.Facts;
using Parley.Persistence;
using Parley.Persistence.Conventions;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Outreach.Planning;

/// <summary>
/// The daily plan (ADR 19): every open account, a page at a time — profiles, history, preferences (with the creditor's
/// budget and bounced addresses, as the send-time check reads them) and the ladder so far read set-based for the page,
/// a page ahead on a second connection, the gate evaluated in memory per planned contact, the decisions appended to
/// the log in bulk and the planned rows written by the bulk writer, in one transaction per page. The horizon is the 24
/// hours from <see cref="PlanOutreachRequest.AsOf"/>; the keys carry its UTC day, so planning a day twice plans nothing new.
/// </summary>
public sealed partial class PlanOutreach(ParleyDbContext db, IContactableAccounts accounts, IServiceScopeFactory scopes, IPlanningGate gate, IClock clock, ILogger<PlanOutreach> logger)
    : IUseCase<PlanOutreachRequest, OutreachPlanSummary>
{
    public const int PageSize = 5_000;

    public static readonly Duration Horizon = Duration.FromDays(1);

    /// <summary>How far either side the gate reads history (the stored-account gate's own reach: the longest counting window, 30 local days, and a day either side).</summary>
    private static readonly Duration HistoryReach = Duration.FromDays(32);

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/outreach/plan", async Task<Ok<OutreachPlanSummary>> (PlanOutreachRequest body, ClaimsPrincipal user, PlanOutreach handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.From(user), body, ct)))
            .RequireAuthorization(StaffPolicies.Supervisor)
            .WithName("PlanOutreach")
            .WithSummary("Plan the day's contacts (the 24 hours from asOf, default now) for the creditors you work for; planning a day twice plans nothing new.");

    public async Task<OutreachPlanSummary> HandleAsync(Actor actor, PlanOutreachRequest request, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("plan outreach", [StaffRoles.Supervisor, StaffRoles.Admin], allowSystem: true);
        var now = clock.GetCurrentInstant();
        var asOf = request.AsOf ?? now;
        if (asOf < now - Duration.FromDays(366) || asOf > now + Duration.FromDays(366))
        {
            throw new DomainException(new PlanningInstantOutOfRange(asOf));
        }

        var until = asOf + Horizon;
        var all = (await accounts.ListAsync(cancellationToken)).Where(a => actor.Creditors.Includes(a.CreditorId)).ToArray();
        int planned = 0, already = 0, notDue = 0, blocked = 0, leftAlone = 0;
        var budgets = await CustomerPreferencesReader.BudgetsAsync(db, cancellationToken);

        // Reads run on their own connection, a page ahead: page N+1's facts are read while page N is gated and written
        // (SQLite's WAL and PostgreSQL both let a reader run beside the one writer; the pages' accounts are disjoint).
        await using var readScope = scopes.CreateAsyncScope();
        var readDb = readScope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        var reader = new PageReader(readDb, readScope.ServiceProvider.GetRequiredService<IContactProfiles>(), budgets, asOf, until);
        await using var readCache = await LargePageCache.OpenAsync(readDb, cancellationToken);
        await using var writeCache = await LargePageCache.OpenAsync(db, cancellationToken);
        var pages = all.Chunk(PageSize).ToArray();
        var next = pages.Length == 0 ? null : ReadAhead(reader, pages[0], cancellationToken);
        // A page's writes (the decision log's chain and the rows, one writer) run beside the next page's gate.
        Task? writing = null;
        try
        {
            for (var n = 0; n < pages.Length; n++)
            {
                var facts = await next!;
                next = n + 1 < pages.Length ? ReadAhead(reader, pages[n + 1], cancellationToken) : null;
                var (plans, batch, gateMs) = GatePage(facts, asOf, until, cancellationToken);
                if (writing is not null)
                {
                    await writing;
                }

                writing = Task.Run(() => WritePageAsync(facts, plans, batch, gateMs, cancellationToken), cancellationToken);
                foreach (var p in plans)
                {
                    switch (p.Outcome)
                    {
                        case PlanOutcome.Planned: planned++; break;
                        case PlanOutcome.AlreadyPlanned: already++; break;
                        case PlanOutcome.NotDue: notDue++; break;
                        case PlanOutcome.Blocked: blocked++; break;
                        case PlanOutcome.LeftAlone: leftAlone++; break;
                    }
                }
            }

            if (writing is not null)
            {
                var last = writing;
                writing = null;
                await last;
            }
        }
        finally
        {
            // A page that failed leaves the read ahead (and maybe a write) running on the scopes: they end before the scopes are disposed.
            if (next is not null)
            {
                await Task.WhenAny(next);
            }

            if (writing is not null)
            {
                await Task.WhenAny(writing);
            }
        }

        return new OutreachPlanSummary(asOf.InUtc().Date, all.Length, planned, already, notDue, blocked, leftAlone);
    }

    /// <summary>The page's reads on a pool thread (SQLite's "async" calls run synchronously), so they overlap the caller's gate and writes.</summary>
    private static Task<PageFacts> ReadAhead(PageReader reader, ContactableAccount[] page, CancellationToken cancellationToken) =>
        Task.Run(() => reader.ReadAsync(page, cancellationToken), cancellationToken);

    /// <summary>One page's facts, read set-based: the ladder so far, profiles, history, stored preferences, bounced addresses.</summary>
    private sealed record PageFacts(ContactableAccount[] Page, PlanningFacts[] Facts, long LadderMs, long ProfilesMs, long HistoryMs, long PreferencesMs);

    private sealed class PageReader(ParleyDbContext db, IContactProfiles profiles, IReadOnlyDictionary<CreditorId, ContactBudget> budgets, Instant asOf, Instant until)
    {
        public async Task<PageFacts> ReadAsync(ContactableAccount[] page, CancellationToken cancellationToken)
        {
            var watch = Stopwatch.StartNew();
            var ids = page.Select(a => a.AccountId).ToArray();
            var ladder = (await db.Set<PlannedContact>().AsNoTracking().Where(p => EF.Parameter(ids).Contains(p.AccountId))
                    .Select(p => new LadderRow(p.AccountId, p.Rung, p.Step, p.Status, p.ScheduledAt, p.SentAt, p.IdempotencyKey))
                    .ToListAsync(cancellationToken))
                .ToLookup(r => r.AccountId);
            var ladderMs = watch.ElapsedMilliseconds;
            var pageProfiles = await profiles.GetManyAsync(ids, asOf, cancellationToken);
            var profilesMs = watch.ElapsedMilliseconds;
            var histories = await ContactHistoryFactsReader.ReadAsync(db, page.ToDictionary(a => a.AccountId, a => a.CustomerId), asOf - HistoryReach, until + HistoryReach, cancellationToken);
            var historyMs = watch.ElapsedMilliseconds;
            var customers = page.Select(a => a.CustomerId).Distinct().ToArray();
            var preferences = await db.Set<CustomerPreferences>().AsNoTracking().Where(p => EF.Parameter(customers).Contains(p.CustomerId))
                .Select(p => new { p.CustomerId, p.Preferences, p.ChangedAt })
                .ToDictionaryAsync(p => p.CustomerId, cancellationToken);
            var undeliverable = await CustomerPreferencesReader.UndeliverableAsync(db, customers, cancellationToken);

            // The wishes once per customer, as the send-time check composes them: stored preferences, the creditor's budget, bounced addresses.
            var wishes = new Dictionary<(CustomerId, CreditorId), CustomerContactWishes?>();
            var facts = new PlanningFacts[page.Length];
            for (var i = 0; i < page.Length; i++)
            {
                var account = page[i];
                var stored = preferences.GetValueOrDefault(account.CustomerId);
                if (!wishes.TryGetValue((account.CustomerId, account.CreditorId), out var wish))
                {
                    var bounced = undeliverable[account.CustomerId].ToList();
                    wish = CustomerPreferencesReader.Compose(stored?.Preferences, stored?.ChangedAt ?? default, budgets.GetValueOrDefault(account.CreditorId), bounced);
                    wishes[(account.CustomerId, account.CreditorId)] = wish;
                }

                facts[i] = new PlanningFacts(
                    account,
                    pageProfiles.GetValueOrDefault(account.AccountId),
                    histories.GetValueOrDefault(account.AccountId),
                    stored?.Preferences ?? ContactPreferences.None,
                    wish,
                    [.. ladder[account.AccountId]]);
            }

            return new PageFacts(page, facts, ladderMs, profilesMs - ladderMs, historyMs - profilesMs, watch.ElapsedMilliseconds - historyMs);
        }
    }

    /// <summary>The gate on a page's facts, in memory: pure CPU, so every core evaluates.</summary>
    private (AccountPlan[] Plans, IPlanningBatch Batch, long GateMs) GatePage(PageFacts read, Instant asOf, Instant until, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var batch = gate.StartBatch();
        var facts = read.Facts;
        var plans = new AccountPlan[facts.Length];
        Parallel.For(0, facts.Length, new ParallelOptions { CancellationToken = cancellationToken }, i => plans[i] = DayPlanner.Plan(facts[i], batch, asOf, until));
        return (plans, batch, watch.ElapsedMilliseconds);
    }

    /// <summary>The page's kept decisions appended to the log and its planned (and blocked) rows written, in one transaction.</summary>
    private async Task WritePageAsync(PageFacts read, AccountPlan[] plans, IPlanningBatch batch, long gateMs, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var facts = read.Facts;
        var rows = plans.Where(p => p.Row is not null).ToList();
        if (rows.Count == 0)
        {
            LogPage(logger, facts.Length, read.LadderMs, read.ProfilesMs, read.HistoryMs, read.PreferencesMs, gateMs, 0, 0);
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var tickets = rows.Where(p => p.Ticket is not null).Select(p => p.Ticket!.Value).ToList();
        var decisions = await batch.LogAsync(tickets, cancellationToken);
        foreach (var p in rows)
        {
            if (p.Ticket is { } t)
            {
                p.Row!.ComplianceDecision = decisions[t];
            }
        }

        var logMs = watch.ElapsedMilliseconds;
        await BulkWriter.For(db).InsertAsync([.. rows.Select(p => p.Row!)], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogPage(logger, facts.Length, read.LadderMs, read.ProfilesMs, read.HistoryMs, read.PreferencesMs, gateMs, logMs, watch.ElapsedMilliseconds - logMs);
    }

    /// <summary>
    /// SQLite only: a 64 MiB page cache on a planning connection for the run (the default 2 MiB re-reads the same index
    /// pages from the file with a system call each: a fifth of a 1,000,000-account plan's CPU was the kernel's), back to
    /// the default when the run ends, as the connection returns to the pool.
    /// </summary>
    private sealed class LargePageCache : IAsyncDisposable
    {
        private readonly ParleyDbContext? _db;

        private LargePageCache(ParleyDbContext? db) => _db = db;

        public static async Task<LargePageCache> OpenAsync(ParleyDbContext db, CancellationToken cancellationToken)
        {
            if (db.Provider != DatabaseProvider.Sqlite)
            {
                return new LargePageCache(null);
            }

            // The connection stays open for the run, so the setting holds for every page's reads and writes.
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -65536", cancellationToken);
            return new LargePageCache(db);
        }

        public async ValueTask DisposeAsync()
        {
            if (_db is null)
            {
                return;
            }

            await _db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -2000");
            await _db.Database.CloseConnectionAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Planned a page of {Accounts} account(s): ladder {LadderMs} ms, profiles {ProfilesMs} ms, history {HistoryMs} ms, preferences {PreferencesMs} ms, gate {GateMs} ms, decision log {LogMs} ms, rows {RowsMs} ms")]
    private static partial void LogPage(ILogger logger, int accounts, long ladderMs, long profilesMs, long historyMs, long preferencesMs, long gateMs, long logMs, long rowsMs);
}
