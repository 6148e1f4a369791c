using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Outreach.Contracts;
using Parley.Modules.Outreach.Planning;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Outreach.Ops;

/// <summary>
/// The Ops page's outreach figures (issue 16): for a plan day, per channel, what is still planned, being sent, sent,
/// delivered or bounced (as the provider reported on the send's contact), cancelled at send and blocked at planning;
/// the rules behind the blocks; and every day's dead letters. Counted in SQL (GROUP BY), over the actor's creditors only.
/// </summary>
public sealed class GetOutreachOverview(ParleyDbContext db, IClock clock) : IUseCase<GetOutreachOverviewRequest, OutreachOverview>
{
    public const int MaxDeadLetters = 1000;

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/outreach/overview", async Task<Ok<OutreachOverview>> (string? day, ClaimsPrincipal user, GetOutreachOverview handler, IClock clock, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.From(user), new GetOutreachOverviewRequest(day is null ? clock.GetCurrentInstant().InUtc().Date : Day(day)), ct)))
            .RequireAuthorization(StaffPolicies.ComplianceOrSupervisor)
            .WithName("GetOutreachOverview")
            .WithSummary("A plan day's outreach (UTC; default today) per channel: planned, sending, sent, delivered, bounced or failed, cancelled at send, blocked at planning; the rules that blocked; and the dead letters of every day, newest first.");

    /// <summary>The query's day, read at the edge: an ISO date (yyyy-MM-dd) or a 400 naming the field.</summary>
    private static LocalDate Day(string text) =>
        LocalDatePattern.Iso.Parse(text.Trim()) is { Success: true } parsed
            ? parsed.Value
            : throw new DomainException(new OutreachOverviewInvalid("day", $"'{text}' is not a date (yyyy-MM-dd)"));

    public async Task<OutreachOverview> HandleAsync(Actor actor, GetOutreachOverviewRequest request, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("read the outreach overview", [StaffRoles.Supervisor, StaffRoles.Compliance, StaffRoles.Admin], allowSystem: true);
        var today = clock.GetCurrentInstant().InUtc().Date;
        if (request.Day < today.PlusYears(-1) || request.Day > today.PlusYears(1))
        {
            throw new DomainException(new OutreachOverviewInvalid("day", "must be within a year of today"));
        }

        if (request.DeadLetterLimit is < 1 or > MaxDeadLetters)
        {
            throw new DomainException(new OutreachOverviewInvalid("deadLetterLimit", $"must be between 1 and {MaxDeadLetters}"));
        }

        var creditors = actor.Creditors.Named?.Select(c => c.Value).ToArray();
        var rows = DayRows(request.Day);
        if (creditors is not null)
        {
            rows = rows.Where(r => creditors.Contains(r.CreditorId));
        }

        var groups = await rows
            .GroupBy(r => new { r.Channel, r.Status, r.AtSend, r.Result })
            .Select(g => new { g.Key.Channel, g.Key.Status, g.Key.AtSend, g.Key.Result, Count = g.Count() })
            .ToListAsync(cancellationToken);

        // Few distinct rule sets block a day's contacts: they are grouped in SQL, and only the distinct sets are split here.
        var ruleSets = await rows
            .Where(r => r.Status == nameof(PlannedContactStatus.Cancelled))
            .GroupBy(r => new { r.RuleIds, r.AtSend })
            .Select(g => new { g.Key.RuleIds, g.Key.AtSend, Count = g.Count() })
            .ToListAsync(cancellationToken);

        var channels = Enum.GetValues<ContactChannel>().Select(channel =>
        {
            var mine = groups.Where(g => g.Channel == channel.ToString()).ToList();
            int Count(PlannedContactStatus status, Func<bool, string?, bool>? also = null) =>
                mine.Where(g => g.Status == status.ToString() && (also is null || also(g.AtSend, g.Result))).Sum(g => g.Count);
            return new OutreachChannelCounts(
                channel,
                Planned: Count(PlannedContactStatus.Planned),
                Sending: Count(PlannedContactStatus.Sending),
                Sent: Count(PlannedContactStatus.Sent),
                Delivered: Count(PlannedContactStatus.Sent, (_, result) => result == nameof(PastContactResult.Delivered)),
                BouncedOrFailed: Count(PlannedContactStatus.Sent, (_, result) => result == nameof(PastContactResult.Failed)),
                CancelledAtSend: Count(PlannedContactStatus.Cancelled, (atSend, _) => atSend),
                BlockedAtPlanning: Count(PlannedContactStatus.Cancelled, (atSend, _) => !atSend),
                DeadLetters: Count(PlannedContactStatus.DeadLetter));
        }).ToList();

        var byRule = ruleSets
            .SelectMany(s => (JsonSerializer.Deserialize<List<string>>(s.RuleIds) ?? []).Distinct(StringComparer.Ordinal).Select(rule => (Rule: rule, s.AtSend, s.Count)))
            .GroupBy(x => x.Rule, StringComparer.Ordinal)
            .Select(g => new RuleBlockCount(g.Key, g.Where(x => !x.AtSend).Sum(x => x.Count), g.Where(x => x.AtSend).Sum(x => x.Count)))
            .OrderByDescending(r => r.AtPlanning + r.AtSend)
            .ThenBy(r => r.RuleId, StringComparer.Ordinal)
            .ToList();

        var dead = db.Set<PlannedContact>().AsNoTracking().Where(p => p.Status == PlannedContactStatus.DeadLetter);
        if (actor.Creditors.Named is { } named)
        {
            var ids = named.ToArray();
            dead = dead.Where(p => ids.Contains(p.CreditorId));
        }

        var deadTotal = await dead.CountAsync(cancellationToken);
        var deadLetters = await dead
            .OrderByDescending(p => p.DeadLetteredAt ?? p.ScheduledAt).ThenBy(p => p.IdempotencyKey)
            .Take(request.DeadLetterLimit)
            .Select(p => new { p.Id, p.AccountId, p.Channel, p.Step, p.Attempts, p.LastError, p.ScheduledAt, p.PlanDay, p.DeadLetteredAt })
            .ToListAsync(cancellationToken);

        return new OutreachOverview(request.Day, channels, byRule, deadTotal,
            [.. deadLetters.Select(d => new DeadLetterView(d.Id, d.AccountId, d.Channel, d.Step, d.Attempts, d.LastError, d.ScheduledAt, d.PlanDay, d.DeadLetteredAt))]);
    }

    /// <summary>
    /// The day's planned contacts, each with the result its send's contact came to (the contact history's attempt under
    /// <c>send:{id}</c>). The key is built from the id in SQL, which each provider writes its own way.
    /// </summary>
    private IQueryable<DayRow> DayRows(LocalDate day)
    {
        if (db.Provider == DatabaseProvider.Postgres)
        {
            return db.Database.SqlQuery<DayRow>(
                $"""
                SELECT p."Channel", p."Status", p."CreditorId", p."CancelledAt" IS NOT NULL AS "AtSend", p."RuleIds"::text AS "RuleIds", a."Result"
                FROM outreach_planned_contacts AS p
                LEFT JOIN outreach_contact_attempts AS a ON a."AccountId" = p."AccountId" AND a."IdempotencyKey" = 'send:' || p."Id"::text
                WHERE p."PlanDay" = {day}
                """);
        }

        // SQLite keeps a GUID as upper-case text; the key carries it as .NET writes it, in lower case.
        var iso = LocalDatePattern.Iso.Format(day);
        return db.Database.SqlQuery<DayRow>(
            $"""
            SELECT p."Channel", p."Status", p."CreditorId", p."CancelledAt" IS NOT NULL AS "AtSend", p."RuleIds", a."Result"
            FROM outreach_planned_contacts AS p
            LEFT JOIN outreach_contact_attempts AS a ON a."AccountId" = p."AccountId" AND a."IdempotencyKey" = 'send:' || lower(p."Id")
            WHERE p."PlanDay" = {iso}
            """);
    }

    /// <summary>One planned contact of the day as the counts read it.</summary>
    internal sealed class DayRow
    {
        public string Channel { get; init; } = "";

        public string Status { get; init; } = "";

        public Guid CreditorId { get; init; }

        public bool AtSend { get; init; }

        public string RuleIds { get; init; } = "[]";

        public string? Result { get; init; }
    }
}
