using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Parley.Modules.Outreach.Contracts;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Outreach.Planning;

/// <summary>A day's plan as the CLI's JSON lines, the API and the Ops page show it: any member of staff, their creditors' contacts only.</summary>
public sealed class ListPlannedContacts(ParleyDbContext db) : IUseCase<ListPlannedContactsRequest, IReadOnlyList<PlannedContactView>>
{
    public const int MaxLimit = 10_000;

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/outreach/plan", async Task<Ok<IReadOnlyList<PlannedContactView>>> (string? day, PlannedContactStatus? status, int? skip, int? limit, ClaimsPrincipal user, ListPlannedContacts handler, IClock clock, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.From(user), new ListPlannedContactsRequest(day is null ? clock.GetCurrentInstant().InUtc().Date : Day(day), status, skip ?? 0, limit ?? 1000), ct)))
            .RequireAuthorization(StaffPolicies.Staff)
            .WithName("ListPlannedContacts")
            .WithSummary("The contacts planned on a day (UTC; default today), whatever became of them, with their reasons, compliance decision and status.");

    /// <summary>The route's day, read at the edge: an ISO date (yyyy-MM-dd) or a 400 naming the field.</summary>
    private static LocalDate Day(string text) =>
        NodaTime.Text.LocalDatePattern.Iso.Parse(text.Trim()) is { Success: true } parsed
            ? parsed.Value
            : throw new DomainException(new PlannedContactsPageInvalid("day", $"'{text}' is not a date (yyyy-MM-dd)"));

    public async Task<IReadOnlyList<PlannedContactView>> HandleAsync(Actor actor, ListPlannedContactsRequest request, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("read the outreach plan", [], allowSystem: true);
        if (request.Skip < 0)
        {
            throw new DomainException(new PlannedContactsPageInvalid("skip", "must be 0 or more"));
        }

        if (request.Limit is < 1 or > MaxLimit)
        {
            throw new DomainException(new PlannedContactsPageInvalid("limit", $"must be between 1 and {MaxLimit}"));
        }

        var query = db.Set<PlannedContact>().AsNoTracking().Where(p => p.PlanDay == request.Day);
        if (request.Status is { } status)
        {
            query = query.Where(p => p.Status == status);
        }

        if (actor.Creditors.Named is { } creditors)
        {
            var ids = creditors.ToArray();
            query = query.Where(p => ids.Contains(p.CreditorId));
        }

        var rows = await query.OrderBy(p => p.ScheduledAt).ThenBy(p => p.IdempotencyKey).Skip(request.Skip).Take(request.Limit).ToListAsync(cancellationToken);
        return [.. rows.Select(View)];
    }

    internal static PlannedContactView View(PlannedContact p)
    {
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(p.TimeZone) ?? DateTimeZone.Utc;
        return new PlannedContactView(p.Id, p.AccountId, p.Step, p.Channel, p.Purpose, p.Tone, p.Language, p.ScheduledAt, p.TimeZone, p.ScheduledAt.InZone(zone).LocalDateTime,
            p.Template, p.Reasons, p.ComplianceDecision, p.Status, p.Attempts, p.NextAttemptAt, p.LastError, p.CancelReason, p.RuleIds, p.NextLawfulAt);
    }
}
