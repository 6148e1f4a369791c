using Microsoft.EntityFrameworkCore;
using NodaTime;
using Parley.Persistence;
using Parley.Persistence.Conventions;

namespace Parley.Modules.Compliance.DecisionLog;

/// <summary>
/// Appends many decisions to the hash-chained log in one bulk write (ADR 10's writer), for planners that log a page
/// of decisions at once. The chain is the same as <see cref="DecisionLogStore"/>'s, under the same lock; it joins the
/// caller's open transaction (so the decisions and what the caller writes with their ids commit together) or opens one.
/// </summary>
internal sealed class DecisionLogBulk(ParleyDbContext db, IClock clock)
{
    private const long AppendLockKey = 0x5041524C4559_03;

    /// <summary>Returns each decision's sequence, in the order given.</summary>
    public async Task<IReadOnlyList<long>> AppendAsync(IReadOnlyList<DecisionToLog> decisions, CancellationToken cancellationToken)
    {
        if (decisions.Count == 0)
        {
            return [];
        }

        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            if (db.Provider == DatabaseProvider.Postgres)
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AppendLockKey})", cancellationToken);
            }

            var head = await db.Set<ComplianceDecisionRecord>().AsNoTracking().OrderByDescending(r => r.Sequence).FirstOrDefaultAsync(cancellationToken);
            var previous = head?.ToDecisionRecord();
            var now = Instant.FromUnixTimeSeconds(clock.GetCurrentInstant().ToUnixTimeSeconds());
            var rows = new List<ComplianceDecisionRecord>(decisions.Count);
            var sequences = new long[decisions.Count];
            for (var i = 0; i < decisions.Count; i++)
            {
                var d = decisions[i];
                var next = d.Decision.NextLawfulAt is { } n ? Instant.FromUnixTimeSeconds(n.ToUnixTimeSeconds()) : (Instant?)null;
                previous = DecisionLog.Append(previous, d.Subject, ProposalJson.Write(d.Proposal), d.FactsDigest, d.Decision with { NextLawfulAt = next }, now);
                rows.Add(ComplianceDecisionRecord.From(previous, now, next));
                sequences[i] = previous.Sequence;
            }

            await BulkWriter.For(db).InsertAsync(rows, cancellationToken);
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }

            return sequences;
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }
    }
}
