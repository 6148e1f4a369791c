using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Compliance.Model;
using Parley.Modules.Compliance.Scenarios;
using Parley.Persistence;

namespace Parley.Modules.Compliance.DecisionLog;

/// <summary>One decision to log: what it was about, the proposal, a digest of the facts, and the gate's answer.</summary>
public sealed record DecisionToLog(string Subject, Proposal Proposal, string FactsDigest, ComplianceDecision Decision);

/// <summary>
/// The decision log in the database. Appends are serialised (PostgreSQL: a transaction-scoped advisory lock;
/// SQLite: the database's single write lock, which <c>BEGIN IMMEDIATE</c> takes) so each record links to the one
/// before it even when several requests or nodes append at once. There is deliberately no update or delete.
/// </summary>
public sealed class DecisionLogStore(ParleyDbContext db, IClock clock)
{
    // One lock for the whole chain; other writers and all readers do not wait on it.
    private const long AppendLockKey = 0x5041524C4559_03;

    public async Task<IReadOnlyList<DecisionRecord>> AppendAsync(IReadOnlyList<DecisionToLog> decisions, CancellationToken cancellationToken)
    {
        if (decisions.Count == 0)
        {
            return [];
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Provider == DatabaseProvider.Postgres)
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AppendLockKey})", cancellationToken);
        }

        var head = await db.Set<ComplianceDecisionRecord>().AsNoTracking().OrderByDescending(r => r.Sequence).FirstOrDefaultAsync(cancellationToken);
        var previous = head?.ToDecisionRecord();
        // Whole seconds: the hashed text has second precision, and PostgreSQL rounds sub-microsecond parts.
        var now = Instant.FromUnixTimeSeconds(clock.GetCurrentInstant().ToUnixTimeSeconds());
        var appended = new List<DecisionRecord>(decisions.Count);
        foreach (var d in decisions)
        {
            var next = d.Decision.NextLawfulAt is { } n ? Instant.FromUnixTimeSeconds(n.ToUnixTimeSeconds()) : (Instant?)null;
            var decision = d.Decision with { NextLawfulAt = next };
            previous = DecisionLog.Append(previous, d.Subject, ProposalJson.Write(d.Proposal), d.FactsDigest, decision, now);
            db.Add(ComplianceDecisionRecord.From(previous, now, next));
            appended.Add(previous);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return appended;
    }

    /// <summary>Walks the chain in sequence order and reports the first edited, deleted or reordered record.</summary>
    public async Task<LogVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        var chain = new ChainVerifier();
        await foreach (var row in db.Set<ComplianceDecisionRecord>().AsNoTracking().OrderBy(r => r.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (!chain.Accept(row.ToDecisionRecord()))
            {
                break;
            }
        }

        return chain.Result;
    }
}

/// <summary>The proposal as the log stores it: channel, instant, address, debt and every stated content fact.</summary>
public static class ProposalJson
{
    private static readonly JsonSerializerOptions ContentOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    // A content's JSON once per instance: the planners' proposals share one content per channel (immutable records),
    // and serialising it per decision was a third of the log's preparation.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ContentFacts, byte[]> ContentCache = [];

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? writer;

    public static string Write(Proposal proposal)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        var content = ContentCache.GetValue(proposal.Content, c => JsonSerializer.SerializeToUtf8Bytes(c, ContentOptions));
        var output = buffer ??= new ArrayBufferWriter<byte>(512);
        output.ResetWrittenCount();
        var json = writer ??= new Utf8JsonWriter(output);
        json.Reset(output);
        json.WriteStartObject();
        json.WriteString("channel", ChannelName(proposal.Channel));
        json.WriteString("at", ScenarioEvaluation.FormatInstant(proposal.At));
        if (proposal.To is { } to)
        {
            json.WriteString("to", to.ToString());
        }

        json.WriteString("debt_id", proposal.DebtId);
        json.WritePropertyName("content");
        json.WriteRawValue(content, skipInputValidation: true);
        json.WriteEndObject();
        json.Flush();
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private static string ChannelName(Channel channel) => channel switch
    {
        Channel.Call => "call",
        Channel.Sms => "sms",
        Channel.Email => "email",
        Channel.Letter => "letter",
        _ => JsonNamingPolicy.SnakeCaseLower.ConvertName(channel.ToString()),
    };
}
