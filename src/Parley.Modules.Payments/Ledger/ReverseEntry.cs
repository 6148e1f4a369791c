using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Parley.Modules.Payments.Contracts;
using Parley.Modules.Payments.Domain;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Payments.Ledger;

/// <summary>The HTTP body of <c>POST /api/accounts/{id}/ledger/{entryId}/reversal</c>; the account and entry come from the route.</summary>
public sealed record ReverseEntryBody(string? Reason);

/// <summary>
/// Posts the exact negation of a ledger entry (a chargeback or a correction); each entry reverses at most once. A
/// supervisor's (or an admin's) correction of an account of a creditor they work for.
/// </summary>
public sealed class ReverseEntry(LedgerWriter writer, ParleyDbContext db, IAccountCreditors accounts, IClock clock) : IUseCase<ReverseEntryRequest, PostingResponse>
{
    private const int MaxReasonLength = 500;

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/accounts/{id}/ledger/{entryId}/reversal", async Task<Created<PostingResponse>> (
                AccountId id, LedgerEntryId entryId, ReverseEntryBody body, ClaimsPrincipal user, ReverseEntry handler, CancellationToken ct) =>
                TypedResults.Created($"/api/accounts/{id}/ledger", await handler.HandleAsync(Actor.From(user), new ReverseEntryRequest(id, entryId, body.Reason ?? ""), ct)))
            .RequireAuthorization(StaffPolicies.Supervisor)
            .WithName("ReverseLedgerEntry")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Posts the exact negation of a ledger entry (a chargeback or a correction); each entry reverses at most once.");

    public async Task<PostingResponse> HandleAsync(Actor actor, ReverseEntryRequest request, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("reverse a ledger entry", [StaffRoles.Supervisor, StaffRoles.Admin]);
        var reason = request.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > MaxReasonLength)
        {
            throw new DomainException(new InvalidPaymentRequest(new Dictionary<string, string[]>
            {
                ["reason"] = [$"A reason of 1 to {MaxReasonLength} characters is required."],
            }));
        }

        await actor.MustSeeAccountAsync(accounts, request.Account, new LedgerAccountNotFound(request.Account), cancellationToken);
        var now = clock.GetCurrentInstant();
        var posted = await PostAsync(db, writer, request.Account, request.Entry, new Posting(KeyFor(request.Entry), now, now, reason), cancellationToken);
        if (posted.Replayed)
        {
            throw new DomainException(new EntryAlreadyReversed(request.Entry));
        }

        return LedgerResponses.Posting(posted);
    }

    /// <summary>The key a staff reversal posts under: one per reversed entry, so the database refuses a second one too.</summary>
    public static string KeyFor(LedgerEntryId entryId) => $"reversal:{entryId}";

    public static Task<PostedEntry> PostAsync(ParleyDbContext db, LedgerWriter writer, AccountId id, LedgerEntryId entryId, Posting posting, CancellationToken cancellationToken) =>
        writer.PostAsync(id, posting.IdempotencyKey, posting.RequestHash, async account =>
        {
            var original = await db.Set<LedgerEntry>().AsNoTracking().SingleOrDefaultAsync(e => e.Id == entryId && e.AccountId == id, cancellationToken)
                ?? throw new DomainException(new LedgerEntryNotFound(entryId));
            var alreadyReversed = await db.Set<LedgerEntry>().AnyAsync(e => e.ReversesEntryId == entryId, cancellationToken);
            return account.Reverse(original, alreadyReversed, posting);
        }, cancellationToken);
}
