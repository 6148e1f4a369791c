using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Care.Contracts;
using Parley.Modules.Care.Domain;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Care.UseCases;

/// <summary>The HTTP body of <c>POST /api/care/items/{id}/resolve</c>.</summary>
public sealed record ResolveCareItemBody(CareResolution Resolution, string Reason);

/// <summary>
/// A person completes an item (the flag was right and the work is done) or dismisses it (the flag was wrong), with a
/// reason; each flag's verdict is kept as a label for training. Completing a validation task or a crisis, or dismissing
/// any item, ends the hold Care placed for it — through the Accounts module's EndHold, so only a supervisor or an admin
/// may lift it; a vulnerability is confirmed only with consent (<see cref="ConfirmVulnerability"/>).
/// </summary>
public sealed class ResolveCareItem(ParleyDbContext db, IUseCase<EndHoldRequest, HoldView> endHold, IClock clock) : IUseCase<ResolveCareItemRequest, CareItemView>
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/care/items/{id}/resolve", async Task<Ok<CareItemView>> (Guid id, ResolveCareItemBody body, ClaimsPrincipal user, ResolveCareItem handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.From(user), new ResolveCareItemRequest(id, body.Resolution, body.Reason), ct)))
            .RequireAuthorization(StaffPolicies.Staff)
            .WithName("ResolveCareItem")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Complete or dismiss a Care item, with a reason; a dismissal overrules the flag and is kept as a label.");

    public async Task<CareItemView> HandleAsync(Actor actor, ResolveCareItemRequest request, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("resolve a Care item", []);
        var reason = request.Reason?.Trim() ?? "";
        if (reason.Length is 0 or > 500)
        {
            throw new DomainException(new CareInputInvalid("reason", "say why (1 to 500 characters)"));
        }

        if (!Enum.IsDefined(request.Resolution))
        {
            throw new DomainException(new CareInputInvalid("resolution", "complete or dismiss"));
        }

        var item = await db.Set<CareItem>().SingleOrDefaultAsync(i => i.Id == request.Item, cancellationToken)
            ?? throw new DomainException(new CareItemNotFound(request.Item));
        actor.MustSee(item.CreditorId, new CareItemNotFound(request.Item));
        var now = clock.GetCurrentInstant();
        if (item.Kind == CareItemKind.VulnerabilityReview)
        {
            actor.MustBeStaff("resolve a vulnerability review (special-category data)", CareRoles.SpecialCategory);
        }

        if (item.Kind == CareItemKind.Vulnerability)
        {
            actor.MustBeStaff("resolve a vulnerability item (special-category data)", CareRoles.SpecialCategory);
            if (request.Resolution == CareResolution.Complete)
            {
                throw new DomainException(new CareInputInvalid("resolution", "a vulnerability is confirmed with the customer's consent recorded (POST /api/care/vulnerability/{id}/confirm), or dismissed"));
            }

            if (item.VulnerabilityRecordId is { } rid && await db.Set<VulnerabilityRecord>().SingleOrDefaultAsync(r => r.Id == rid, cancellationToken) is { Status: VulnerabilityStatus.Proposed } record)
            {
                record.Dismiss(now, actor.Name, reason);
            }
        }

        var upheld = request.Resolution == CareResolution.Complete;
        item.Resolve(upheld ? CareItemStatus.Completed : CareItemStatus.Dismissed, now, actor.Name, reason);
        foreach (var label in item.Labels)
        {
            db.Add(new CareLabelVerdict(item.MessageId, item.ReadingId, label, upheld, actor.Name, reason, now));
        }

        var endsHold = !upheld || item.Kind is CareItemKind.ValidationTask or CareItemKind.Crisis;
        if (endsHold && item.HoldId is { } hold)
        {
            try
            {
                // A crisis reason is about the customer's health: it stays on the item, not on the hold every role reads.
                // EndHold saves the context: the item, its labels and the ended hold land together.
                var ended = await endHold.HandleAsync(actor, new EndHoldRequest(hold, item.Kind == CareItemKind.Crisis
                    ? $"Care item {item.Id} {(upheld ? "completed" : "dismissed")} (crisis: the reason is on the Care item)"
                    : $"Care item {item.Id} {(upheld ? "completed" : "dismissed")}: {reason}"), cancellationToken);
                item.Record(now, actor.Name, $"ended the {CareHolds.Words(ended.Type)}", $"item {(upheld ? "completed" : "dismissed")}", hold);
            }
            catch (DomainException ex) when (ex.Error.Code == "hold.already_ended")
            {
                item.Record(now, actor.Name, "hold already ended", CareHolds.For(item.Kind) is { } type ? $"the {CareHolds.Words(type)} had already ended" : "the hold had already ended", hold);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        var reading = item.ReadingId is { } r ? await db.Set<CareReading>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == r, cancellationToken) : null;
        return CareViews.Item(item, reading, [], actor);
    }
}
