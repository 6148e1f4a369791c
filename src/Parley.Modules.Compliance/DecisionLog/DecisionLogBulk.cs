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

    // Below this many decisions the records are prepared on the caller's thread (a sender's small batches).
    private const int ParallelFrom = 256;

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
            var first = (head?.Sequence ?? 0) + 1;
            var now = Instant.FromUnixTimeSeconds(clock.GetCurrentInstant().ToUnixTimeSeconds());

            // Everything but the link to the record before is encoded on every core; only the chain's hashes run in order, each row handed to the writer as it is linked.
            var prepared = new PreparedRecord[decisions.Count];
            var nextLawful = new Instant?[decisions.Count];
            void Prepare(int i)
            {
                var d = decisions[i];
                var next = d.Decision.NextLawfulAt is { } n ? Instant.FromUnixTimeSeconds(n.ToUnixTimeSeconds()) : (Instant?)null;
                nextLawful[i] = next;
                prepared[i] = DecisionLog.Prepare(first + i, d.Subject, ProposalJson.Write(d.Proposal), d.FactsDigest, d.Decision with { NextLawfulAt = next }, now);
            }

            if (decisions.Count >= ParallelFrom)
            {
                Parallel.For(0, decisions.Count, new ParallelOptions { CancellationToken = cancellationToken }, Prepare);
            }
            else
            {
                for (var i = 0; i < decisions.Count; i++)
                {
                    Prepare(i);
                }
            }

            var sequences = new long[decisions.Count];
            var previousHash = head?.Hash ?? DecisionLog.GenesisHash;
            await using (var sink = await BulkWriter.For(db).OpenAsync<ComplianceDecisionRecord>(cancellationToken))
            {
                for (var i = 0; i < prepared.Length; i++)
                {
                    var record = DecisionLog.Link(prepared[i], previousHash);
                    previousHash = record.Hash;
                    sink.Add(ComplianceDecisionRecord.From(record, prepared[i], now, nextLawful[i]));
                    sequences[i] = record.Sequence;
                }

                await sink.CompleteAsync(cancellationToken);
            }

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
