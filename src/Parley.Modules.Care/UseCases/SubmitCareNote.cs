using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Care.Acting;
using Parley.Modules.Care.Contracts;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Care.UseCases;

/// <summary>The HTTP body of <c>POST /api/accounts/{id}/care/notes</c>.</summary>
public sealed record SubmitCareNoteBody(string Text, CareNoteSource Source = CareNoteSource.Note);

/// <summary>Staff give Care other text to read (an agent's note, a call transcript): the same reading path as a customer's message, acting the same way.</summary>
public sealed class SubmitCareNote(ParleyDbContext db, CareActions care, IAccountOwners owners) : IUseCase<SubmitCareNoteRequest, CareReadingView>
{
    public const int MaxNoteLength = 200_000;

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/accounts/{id}/care/notes", async Task<Created<CareReadingView>> (AccountId id, SubmitCareNoteBody body, ClaimsPrincipal user, SubmitCareNote handler, CancellationToken ct) =>
            {
                var reading = await handler.HandleAsync(Actor.From(user), new SubmitCareNoteRequest(id, body.Text, body.Source), ct);
                return TypedResults.Created($"/api/accounts/{id}/care", reading);
            })
            .RequireAuthorization(StaffPolicies.Staff)
            .WithName("SubmitCareNote")
            .WithSummary("Give Care an agent's note or a call transcript to read; it acts on what it finds as on a customer's message.");

    public async Task<CareReadingView> HandleAsync(Actor actor, SubmitCareNoteRequest request, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("give Care a note to read", []);
        if (string.IsNullOrWhiteSpace(request.Text) || request.Text.Length > MaxNoteLength)
        {
            throw new DomainException(new CareInputInvalid("text", $"give the note's text (1 to {MaxNoteLength:N0} characters)"));
        }

        if (!Enum.IsDefined(request.Source))
        {
            throw new DomainException(new CareInputInvalid("source", "note or transcript"));
        }

        var owner = await owners.GetAsync(request.Account, cancellationToken) ?? throw new DomainException(new CareAccountNotFound(request.Account));
        actor.MustSee(owner.CreditorId, new CareAccountNotFound(request.Account));
        var reading = await care.ReadAndActAsync(request.Account, NewId.Next(), request.Source.ToString().ToLowerInvariant(), request.Text, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return CareViews.Reading(reading, actor);
    }
}
