using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Compliance.DecisionLog;
using Parley.Modules.Compliance.Engine;
using Parley.Modules.Compliance.Model;
using Parley.Modules.Compliance.Scenarios;
using Shouldly;
using Log = Parley.Modules.Compliance.DecisionLog.DecisionLog;

namespace Parley.Modules.Compliance.Tests.DecisionLog;

/// <summary>The log's encodings are part of every stored hash: a faster encoder must produce the same bytes.</summary>
public sealed class DecisionLogEncodingTests
{
    [Fact]
    public void A_records_hash_is_the_sha256_of_its_length_prefixed_fields()
    {
        // Expected values computed outside .NET (Python's hashlib over "len:value|" per field, -1 for null, UTF-8).
        var first = new DecisionRecord(7, "2026-06-10T09:00:00Z", "account D-é sms", """{"channel":"sms"}""", "abc", ["US-A@1", "US-B@2"], "allow", [], null, Log.GenesisHash, "");
        var second = new DecisionRecord(8, "2026-06-10T09:00:01Z", "account D-é sms", """{"channel":"sms"}""", "abc", ["US-A@1"], "deny", ["US-A"], "2026-06-11T13:00:00Z", new string('f', 64), "");

        Log.ComputeHash(first).ShouldBe("f721b29c50340b058be4f70a486e2bb59e504846705ba46d5dcff4a3ccabdfa1");
        Log.ComputeHash(second).ShouldBe("a8b0b7ea5bde6f2eaadbd3235935b5f9d55076a286d6d8bb1d8c112a5a710bcb");
    }

    [Fact]
    public void Records_of_very_different_sizes_appended_in_turn_all_verify()
    {
        // The encoder reuses its buffers per thread: a long proposal after short ones (and back) must not leak bytes between records.
        var gate = new ComplianceGate();
        var scenario = ScenarioBuilder.Build(ScenarioBuilder.UsBase, "{}");
        var decision = gate.Evaluate(scenario.Proposal, scenario.Facts);
        var records = new List<DecisionRecord>();
        DecisionRecord? previous = null;
        foreach (var size in new[] { 10, 5_000, 3, 40_000, 1, 700 })
        {
            previous = Log.Append(previous, $"S{size}", new string('x', size), scenario.FactsDigest, decision, Instant.FromUtc(2026, 6, 10, 9, 0));
            records.Add(previous);
        }

        var result = Log.Verify(records);

        result.Valid.ShouldBeTrue(result.Problem);
        records.Select(r => r.Hash).Distinct().Count().ShouldBe(records.Count);
    }

    [Fact]
    public void A_proposals_json_is_the_same_as_serialising_it_whole_for_every_channel_and_content()
    {
        var at = Instant.FromUtc(2026, 6, 10, 14, 30);
        var contents = new[]
        {
            new ContentFacts { IncludesMiniMiranda = true, IncludesOptOutNotice = true, Automated = true },
            new ContentFacts { IncludesMiniMiranda = true, Automated = false, WillDiscussDebtIds = ["D1", "D2"] },
            new ContentFacts { ActionType = CollectionAction.None, Visibility = "private <b>&\"quoted\"</b>", ImpactRatio = 0.80m },
            ContentFacts.None,
        };
        foreach (var channel in Enum.GetValues<Channel>())
        {
            foreach (var content in contents)
            {
                foreach (var to in new ContactAddress?[] { new ContactAddress(AddressKind.Sms, "+12155550100"), new ContactAddress(AddressKind.Email, "ana+bills@example.com"), null })
                {
                    var proposal = new Proposal(channel, at, to, "D-42", content);

                    // Twice: the second comes from the per-content cache.
                    ProposalJson.Write(proposal).ShouldBe(Whole(proposal));
                    ProposalJson.Write(proposal).ShouldBe(Whole(proposal));
                }
            }
        }
    }

    public static TheoryData<string[]> Lines => new()
    {
        Array.Empty<string>(),
        new[] { "" },
        new[] { "jurisdiction: US-PA (postal address)", "", "candidate zones: America/New_York (postal address 19103)" },
        new[] { "hold: Dispute since 2026-06-01 (le client conteste — «montant»)", "to: email:ana+bills@example.com" },
    };

    [Theory]
    [MemberData(nameof(Lines))]
    public void The_facts_digest_of_lines_is_the_digest_of_the_joined_text(string[] lines) =>
        Log.DigestLines(lines).ShouldBe(Log.Digest(string.Join('\n', lines)));

    [Fact]
    public void The_facts_digest_of_a_long_line_is_the_digest_of_the_joined_text()
    {
        string[] lines = ["short", new string('é', 9_000), "end"];

        Log.DigestLines(lines).ShouldBe(Log.Digest(string.Join('\n', lines)));
    }

    /// <summary>The proposal written in one pass by the serializer, as the log wrote it before the content was cached.</summary>
    private static string Whole(Proposal proposal)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        };
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("channel", JsonNamingPolicy.SnakeCaseLower.ConvertName(proposal.Channel.ToString()));
            json.WriteString("at", ScenarioEvaluation.FormatInstant(proposal.At));
            if (proposal.To is { } to)
            {
                json.WriteString("to", to.ToString());
            }

            json.WriteString("debt_id", proposal.DebtId);
            json.WritePropertyName("content");
            JsonSerializer.Serialize(json, proposal.Content, options);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
