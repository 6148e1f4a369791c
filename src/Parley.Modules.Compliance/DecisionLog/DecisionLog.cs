using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Compliance.Model;
using Parley.Modules.Compliance.Scenarios;

namespace Parley.Modules.Compliance.DecisionLog;

/// <summary>
/// One logged decision: what was proposed, a digest of the facts, the version of every rule evaluated, the
/// verdict, and the previous record's hash. <see cref="Hash"/> covers every other field.
/// </summary>
public sealed record DecisionRecord(
    [property: JsonPropertyName("sequence")] long Sequence,
    [property: JsonPropertyName("recorded_at")] string RecordedAt,
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("proposal")] string Proposal,
    [property: JsonPropertyName("facts_digest")] string FactsDigest,
    [property: JsonPropertyName("rule_versions")] IReadOnlyList<string> RuleVersions,
    [property: JsonPropertyName("verdict")] string Verdict,
    [property: JsonPropertyName("rule_ids")] IReadOnlyList<string> RuleIds,
    [property: JsonPropertyName("next_lawful_at")] string? NextLawfulAt,
    [property: JsonPropertyName("previous_hash")] string PreviousHash,
    [property: JsonPropertyName("hash")] string Hash);

/// <summary>
/// Append-only, hash-chained decision log (US-REGF-RECORDS). Pure: callers persist the records. Editing any field
/// breaks that record's hash; deleting or reordering one breaks the sequence or the previous-hash link. Deleting
/// the newest records is only detectable against an anchored head hash, which <see cref="Verify"/> returns.
/// </summary>
public static class DecisionLog
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    private static readonly JsonSerializerOptions LineOptions = new() { WriteIndented = false };

    public static DecisionRecord Append(DecisionRecord? previous, string subject, string proposal, string factsDigest, ComplianceDecision decision, Instant recordedAt) =>
        Link(Prepare((previous?.Sequence ?? 0) + 1, subject, proposal, factsDigest, decision, recordedAt), previous?.Hash ?? GenesisHash);

    /// <summary>
    /// A record with its sequence but not yet linked, and the encoding of every hashed field but the previous hash
    /// (the last one): a bulk append prepares its records on every core, and only <see cref="Link"/> runs in chain order.
    /// </summary>
    public static PreparedRecord Prepare(long sequence, string subject, string proposal, string factsDigest, ComplianceDecision decision, Instant recordedAt)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var versions = VersionsOf(decision.Evaluated);
        var unlinked = new DecisionRecord(
            sequence,
            ScenarioEvaluation.FormatInstant(recordedAt),
            subject,
            proposal,
            factsDigest,
            versions.Versions,
            ScenarioEvaluation.DecisionName(decision.Verdict),
            decision.DecidingRuleIds,
            decision.NextLawfulAt is { } next ? ScenarioEvaluation.FormatInstant(next) : null,
            "",
            "");
        var ruleIds = string.Join(',', unlinked.RuleIds);
        return new PreparedRecord(unlinked, Encoding.UTF8.GetBytes(CanonicalUnlinked(unlinked, versions.Joined, ruleIds)), versions.Joined, ruleIds);
    }

    /// <summary>Links a prepared record after the record whose hash is <paramref name="previousHash"/>, and hashes it.</summary>
    public static DecisionRecord Link(PreparedRecord prepared, string previousHash)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        ArgumentNullException.ThrowIfNull(previousHash);
        // One SHA-256 over the prepared bytes and the link in a reused buffer: the chain's only serial step on a bulk append.
        var link = LinkField(previousHash);
        var length = prepared.Canonical.Length + Encoding.UTF8.GetMaxByteCount(link.Length);
        var bytes = linkBuffer is { } reused && reused.Length >= length ? reused : linkBuffer = new byte[Math.Max(length, 1024)];
        prepared.Canonical.CopyTo(bytes, 0);
        var written = prepared.Canonical.Length + Encoding.UTF8.GetBytes(link, bytes.AsSpan(prepared.Canonical.Length));
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes.AsSpan(0, written), hash);
        return prepared.Unlinked with { PreviousHash = previousHash, Hash = Convert.ToHexStringLower(hash) };
    }

    /// <summary>SHA-256 over a length-prefixed canonical encoding of every field but the hash itself.</summary>
    public static string ComputeHash(DecisionRecord r) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalUnlinked(r, string.Join(',', r.RuleVersions), string.Join(',', r.RuleIds)) + LinkField(r.PreviousHash))));

    // The rules evaluated are the same for every decision about one region: their versions' text is built once and
    // reused while the next decision's rules are the same (a bulk append logs thousands of them).
    private static RuleVersionsText? lastVersions;

    private static RuleVersionsText VersionsOf(IReadOnlyList<RuleEvaluation> evaluated)
    {
        if (Volatile.Read(ref lastVersions) is { } last && last.Matches(evaluated))
        {
            return last;
        }

        var versions = new string[evaluated.Count];
        for (var i = 0; i < versions.Length; i++)
        {
            versions[i] = $"{evaluated[i].RuleId}@{evaluated[i].Version}";
        }

        var text = new RuleVersionsText([.. evaluated.Select(e => (e.RuleId, e.Version))], versions, string.Join(',', versions));
        Volatile.Write(ref lastVersions, text);
        return text;
    }

    private sealed record RuleVersionsText((string RuleId, string Version)[] Rules, string[] Versions, string Joined)
    {
        public bool Matches(IReadOnlyList<RuleEvaluation> evaluated)
        {
            if (evaluated.Count != Rules.Length)
            {
                return false;
            }

            for (var i = 0; i < Rules.Length; i++)
            {
                if (!string.Equals(Rules[i].RuleId, evaluated[i].RuleId, StringComparison.Ordinal) || !string.Equals(Rules[i].Version, evaluated[i].Version, StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }
    }

    [ThreadStatic]
    private static byte[]? linkBuffer;

    [ThreadStatic]
    private static StringBuilder? canonicalBuilder;

    /// <summary>The canonical encoding of every hashed field before the previous hash, which comes last.</summary>
    private static string CanonicalUnlinked(DecisionRecord r, string ruleVersions, string ruleIds)
    {
        // A builder per thread, reused: a bulk append encodes thousands of records on each core.
        var canonical = canonicalBuilder ??= new StringBuilder(1024);
        canonical.Clear();
        void Field(string? value) => canonical.Append(value?.Length ?? -1).Append(':').Append(value).Append('|');
        Field(r.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Field(r.RecordedAt);
        Field(r.Subject);
        Field(r.Proposal);
        Field(r.FactsDigest);
        Field(ruleVersions);
        Field(r.Verdict);
        Field(ruleIds);
        Field(r.NextLawfulAt);
        return canonical.ToString();
    }

    private static string LinkField(string? previousHash) => $"{previousHash?.Length ?? -1}:{previousHash}|";

    public static string Digest(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>The same as <see cref="Digest"/> of the lines joined with '\n', without building the joined text (a planner digests every evaluation's facts).</summary>
    public static string DigestLines(IReadOnlyList<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var length = lines.Count;
        for (var i = 0; i < lines.Count; i++)
        {
            length += Encoding.UTF8.GetMaxByteCount(lines[i].Length);
        }

        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = 0;
            for (var i = 0; i < lines.Count; i++)
            {
                if (i > 0)
                {
                    buffer[written++] = (byte)'\n';
                }

                written += Encoding.UTF8.GetBytes(lines[i], buffer.AsSpan(written));
            }

            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer.AsSpan(0, written), hash);
            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static LogVerification Verify(IEnumerable<DecisionRecord> records)
    {
        var chain = new ChainVerifier();
        foreach (var r in records)
        {
            if (!chain.Accept(r))
            {
                break;
            }
        }

        return chain.Result;
    }

    public static string ToJsonLine(DecisionRecord record) => JsonSerializer.Serialize(record, LineOptions);

    public static IReadOnlyList<DecisionRecord> ReadJsonLines(IEnumerable<string> lines)
    {
        var records = new List<DecisionRecord>();
        var lineNumber = 0;
        foreach (var line in lines)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                records.Add(JsonSerializer.Deserialize<DecisionRecord>(line, LineOptions) ?? throw new FormatException($"line {lineNumber}: empty record"));
            }
            catch (JsonException e)
            {
                throw new FormatException($"line {lineNumber}: not a decision record ({e.Message})", e);
            }
        }

        return records;
    }

    /// <summary>A compact, stable text of a proposal for the log.</summary>
    public static string DescribeProposal(Proposal p) =>
        p.IsContact
            ? $"{p.Channel} to {p.To?.ToString() ?? "(default)"} about {p.DebtId} at {ScenarioEvaluation.FormatInstant(p.At)}"
            : $"{p.Action} on {p.DebtId} at {ScenarioEvaluation.FormatInstant(p.At)}";
}

/// <summary>A decision record before it is linked into the chain (<see cref="DecisionLog.Prepare"/>).</summary>
public sealed record PreparedRecord(DecisionRecord Unlinked, byte[] Canonical, string RuleVersions, string RuleIds);

/// <summary>Checks a chain one record at a time (in sequence order), so a log read from the database need not fit in memory.</summary>
public sealed class ChainVerifier
{
    private string previousHash = DecisionLog.GenesisHash;
    private long count;
    private LogVerification? broken;

    /// <summary>False once the chain is broken; later records are not checked.</summary>
    public bool Accept(DecisionRecord r)
    {
        if (broken is not null)
        {
            return false;
        }

        count++;
        if (r.Sequence != count)
        {
            broken = new LogVerification(false, count, count, $"expected sequence {count}, found {r.Sequence}: a record was deleted or reordered", previousHash);
        }
        else if (!string.Equals(r.PreviousHash, previousHash, StringComparison.Ordinal))
        {
            broken = new LogVerification(false, count, r.Sequence, "the previous-hash link does not match the record before it", previousHash);
        }
        else if (!string.Equals(DecisionLog.ComputeHash(r), r.Hash, StringComparison.Ordinal))
        {
            broken = new LogVerification(false, count, r.Sequence, "the record's content does not match its hash: it was edited", previousHash);
        }
        else
        {
            previousHash = r.Hash;
        }

        return broken is null;
    }

    public LogVerification Result => broken ?? new LogVerification(true, count, null, null, previousHash);
}
