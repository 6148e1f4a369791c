using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;
using Parley.Modules.Compliance.Scenarios;

namespace Parley.Modules.Compliance.DecisionLog;

/// <summary>
/// One row of the persisted decision log (table <c>compliance_decisions</c>). Created only by
/// <see cref="DecisionLogStore"/>; there is no update or delete path, and the hash chain shows any edit made outside it.
/// </summary>
public sealed class ComplianceDecisionRecord
{
    private ComplianceDecisionRecord()
    {
        Subject = "";
        Proposal = "";
        FactsDigest = "";
        RuleVersions = "";
        Verdict = "";
        RuleIds = "";
        PreviousHash = "";
        Hash = "";
    }

    private ComplianceDecisionRecord(DecisionRecord r, Instant at, Instant? nextLawfulAt)
        : this(r, at, nextLawfulAt, string.Join(',', r.RuleVersions), string.Join(',', r.RuleIds))
    {
    }

    private ComplianceDecisionRecord(DecisionRecord r, Instant at, Instant? nextLawfulAt, string ruleVersions, string ruleIds)
    {
        Sequence = r.Sequence;
        At = at;
        Subject = r.Subject;
        Proposal = r.Proposal;
        FactsDigest = r.FactsDigest;
        RuleVersions = ruleVersions;
        Verdict = r.Verdict;
        RuleIds = ruleIds;
        NextLawfulAt = nextLawfulAt;
        PreviousHash = r.PreviousHash;
        Hash = r.Hash;
    }

    /// <summary>1, 2, 3, … with no gaps: a gap is a deleted record.</summary>
    public long Sequence { get; private set; }

    /// <summary>When the decision was recorded, in whole seconds (the hashed text has second precision).</summary>
    public Instant At { get; private set; }

    /// <summary>What was decided about: a scenario id, or an account and channel.</summary>
    public string Subject { get; private set; }

    /// <summary>The proposal as JSON.</summary>
    public string Proposal { get; private set; }

    /// <summary>SHA-256 of the facts the gate was given.</summary>
    public string FactsDigest { get; private set; }

    /// <summary><c>RULE-ID@version</c> of every rule evaluated, comma-separated in evaluation order.</summary>
    public string RuleVersions { get; private set; }

    /// <summary><c>allow</c>, <c>deny</c>, <c>route_to_human</c> or <c>deny_and_require_validation_notice</c>.</summary>
    public string Verdict { get; private set; }

    /// <summary>The deciding rule ids, comma-separated.</summary>
    public string RuleIds { get; private set; }

    public Instant? NextLawfulAt { get; private set; }

    public string PreviousHash { get; private set; }

    public string Hash { get; private set; }

    internal static ComplianceDecisionRecord From(DecisionRecord record, Instant at, Instant? nextLawfulAt) => new(record, at, nextLawfulAt);

    /// <summary>A prepared record once linked, with the joined lists its preparation already built.</summary>
    internal static ComplianceDecisionRecord From(DecisionRecord record, PreparedRecord prepared, Instant at, Instant? nextLawfulAt) =>
        new(record, at, nextLawfulAt, prepared.RuleVersions, prepared.RuleIds);

    /// <summary>The record in the shape the chain is hashed over.</summary>
    public DecisionRecord ToDecisionRecord() => new(
        Sequence,
        ScenarioEvaluation.FormatInstant(At),
        Subject,
        Proposal,
        FactsDigest,
        Split(RuleVersions),
        Verdict,
        Split(RuleIds),
        NextLawfulAt is { } next ? ScenarioEvaluation.FormatInstant(next) : null,
        PreviousHash,
        Hash);

    private static string[] Split(string joined) => joined.Length == 0 ? [] : joined.Split(',');
}

internal sealed class ComplianceDecisionRecordConfiguration : IEntityTypeConfiguration<ComplianceDecisionRecord>
{
    public void Configure(EntityTypeBuilder<ComplianceDecisionRecord> b)
    {
        b.ToTable("compliance_decisions");
        b.HasKey(r => r.Sequence);
        b.Property(r => r.Sequence).ValueGeneratedNever();
        b.HasIndex(r => r.At);
        b.HasIndex(r => r.Subject);
        b.Property(r => r.Subject).HasMaxLength(200);
        b.Property(r => r.FactsDigest).HasMaxLength(64);
        b.Property(r => r.Verdict).HasMaxLength(40);
        b.Property(r => r.PreviousHash).HasMaxLength(64);
        b.Property(r => r.Hash).HasMaxLength(64);
    }
}
