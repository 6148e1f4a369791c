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

namespace Parley.Modules.Outreach.Calls;

public sealed record CallTaskListInvalid(string Problem)
    : DomainError("outreach.call_task_list_invalid", $"limit: {Problem}", ErrorKind.Validation)
{
    public override IReadOnlyDictionary<string, string[]>? FieldErrors => new Dictionary<string, string[]> { ["limit"] = [Problem] };
}

/// <summary>The call tasks an agent may work: their creditors' only, earliest window first (open ones unless asked).</summary>
public sealed class ListCallTasks(ParleyDbContext db) : IUseCase<ListCallTasksRequest, IReadOnlyList<CallTaskView>>
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/call-tasks", async Task<Ok<IReadOnlyList<CallTaskView>>> (CallTaskStatus? status, int? limit, ClaimsPrincipal user, ListCallTasks handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.From(user), new ListCallTasksRequest(status, limit ?? 200), ct)))
            .RequireAuthorization(StaffPolicies.Staff)
            .WithName("ListCallTasks")
            .WithSummary("The calls to make (the ladder's call steps): account, reason and the lawful window in the customer's time, for the creditors you work for.");

    public async Task<IReadOnlyList<CallTaskView>> HandleAsync(Actor actor, ListCallTasksRequest request, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("list call tasks", [], allowSystem: true);
        if (request.Limit is < 1 or > 1000)
        {
            throw new DomainException(new CallTaskListInvalid("must be between 1 and 1000"));
        }

        var status = request.Status ?? CallTaskStatus.Open;
        var query = db.Set<CallTask>().AsNoTracking().Where(t => t.Status == status);
        if (actor.Creditors.Named is { } creditors)
        {
            var ids = creditors.ToArray();
            query = query.Where(t => ids.Contains(t.CreditorId));
        }

        var tasks = await query.OrderBy(t => t.WindowFrom).Take(request.Limit).ToListAsync(cancellationToken);
        return [.. tasks.Select(View)];
    }

    internal static CallTaskView View(CallTask t)
    {
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(t.TimeZone) ?? DateTimeZone.Utc;
        return new CallTaskView(t.Id, t.AccountId, t.Reason, t.WindowFrom, t.WindowTo, t.TimeZone, t.WindowFrom.InZone(zone).LocalDateTime, t.WindowTo.InZone(zone).LocalDateTime,
            t.Status, t.AssignedTo, t.Outcome, t.Attempt, t.CreatedAt);
    }
}
