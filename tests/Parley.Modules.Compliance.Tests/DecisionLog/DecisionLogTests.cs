using NodaTime;
using Parley.Modules.Compliance.DecisionLog;
using Parley.Modules.Compliance.Engine;
using Shouldly;
using Log = Parley.Modules.Compliance.DecisionLog.DecisionLog;

namespace Parley.Modules.Compliance.Tests.DecisionLog;

public sealed class DecisionLogTests
{
    private static List<DecisionRecord> Chain(int length)
    {
        var gate = new ComplianceGate();
        var records = new List<DecisionRecord>();
        DecisionRecord? previous = null;
        for (var i = 0; i < length; i++)
        {
            var scenario = ScenarioBuilder.Build(ScenarioBuilder.UsBase, $$$"""{"proposed_action":{"at":"2026-06-10T{{{10 + i:00}}}:00:00Z"}}""");
            previous = Log.Append(previous, $"S{i}", Log.DescribeProposal(scenario.Proposal), scenario.FactsDigest, gate.Evaluate(scenario.Proposal, scenario.Facts),
                Instant.FromUtc(2026, 6, 10, 9, 0).Plus(Duration.FromMinutes(i)));
            records.Add(previous);
        }

        return records;
    }

    [Fact]
    public void An_untouched_chain_verifies_and_round_trips_through_json_lines()
    {
        var records = Chain(5);
        var reread = Log.ReadJsonLines(records.Select(Log.ToJsonLine));

        var result = Log.Verify(reread);

        result.Valid.ShouldBeTrue(result.Problem);
        result.HeadHash.ShouldBe(records[^1].Hash);
        reread[0].RuleVersions.ShouldContain("US-REGF-TIME-8TO9@" + Rule.CatalogueRevision);
    }

    [Fact]
    public void Editing_a_verdict_is_detected_at_that_record()
    {
        var records = Chain(5);
        records[2] = records[2] with { Verdict = records[2].Verdict == "allow" ? "deny" : "allow" };

        var result = Log.Verify(records);

        result.Valid.ShouldBeFalse();
        result.FirstBrokenSequence.ShouldBe(3);
        result.Problem!.ShouldContain("edited");
    }

    [Fact]
    public void Editing_a_record_and_recomputing_its_hash_breaks_the_next_link()
    {
        var records = Chain(5);
        var forged = records[1] with { RuleIds = [] };
        records[1] = forged with { Hash = Log.ComputeHash(forged) };

        Log.Verify(records).FirstBrokenSequence.ShouldBe(3);
    }

    [Fact]
    public void Deleting_a_record_is_detected()
    {
        var records = Chain(5);
        records.RemoveAt(1);

        var result = Log.Verify(records);

        result.Valid.ShouldBeFalse();
        result.FirstBrokenSequence.ShouldBe(2);
        result.Problem!.ShouldContain("deleted");
    }

    [Fact]
    public void The_first_record_links_to_the_genesis_hash() => Chain(1)[0].PreviousHash.ShouldBe(Log.GenesisHash);
}
