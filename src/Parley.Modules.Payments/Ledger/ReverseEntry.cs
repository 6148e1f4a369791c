using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Parley.Modules.Payments.Domain;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;

namespace Parley.Modules.Payments.Ledger;

public sealed record ReverseEntryRequest(string? Reason);

public static class ReverseEntry
{
    private const int MaxReasonLength = 500;

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/accounts/{id}/ledger/{entryId}/reversal", HandleAsync)
            .RequireAuthorization(StaffPolicies.Supervisor)
            .WithName("ReverseLedgerEntry")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Posts the exact negation of a ledger entry (a chargeback or a correction); each entry reverses at most once.");

    public static async Task<Created<PostingResponse>> HandleAsync(
        AccountId id,
        LedgerEntryId entryId,
        ReverseEntryRequest request,
        LedgerWriter writer,
        ParleyDbContext db,
        IClock clock,
        CancellationToken cancellationToken)
    {
        var reason = request.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > MaxReasonLength)
        {
            throw new DomainException(new InvalidPaymentRequest(new Dictionary<string, string[]>
            {
                ["reason"] = [$"A reason of 1 to {MaxReasonLength} characters is required."],
            }));
        }

        var now = clock.GetCurrentInstant();
        var posted = await PostAsync(db, writer, id, entryId, new Posting(KeyFor(entryId), now, now, reason), cancellationToken);
        if (posted.Replayed)
        {
            throw new DomainException(new EntryAlreadyReversed(entryId));
        }

        return TypedResults.Created($"/api/accounts/{id}/ledger", PostingResponse.From(posted));
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
