using System.Collections.Frozen;
using BenchmarkDotNet.Attributes;
using NodaTime;
using Parley.Modules.Compliance.Engine;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Compliance.Model;
using Parley.Modules.Compliance.Time;
using Parley.SharedKernel;

namespace Parley.ComplianceBench;

/// <summary>
/// A typical proposal: an agent call to a Philadelphia consumer at noon local, three earlier calls this week, facts in memory.
/// <c>EvaluateInto</c> is the send-time hot path (no decision object); <c>Evaluate</c> builds the full explained decision;
/// <c>NextLawful</c> reschedules a 07:30 call; the <c>FourDenials</c> pair is a 06:00 call without the debt-collector
/// disclosure to a represented consumer who asked in writing to stop, which four rules deny at once.
/// </summary>
[MemoryDiagnoser]
public class GateBenchmarks
{
    private readonly ComplianceGate gate = new();
    private ComplianceFacts facts = null!;
    private Proposal noonCall = null!;
    private Proposal earlyCall = null!;
    private ComplianceFacts stoppedFacts = null!;
    private Proposal dawnCall = null!;
    private RuleResult[] buffer = null!;
    private VerdictSummary earlySummary;

    [GlobalSetup]
    public void Setup()
    {
        var newYork = DateTimeZoneProviders.Tzdb["America/New_York"];
        var mobile = new ContactAddress(AddressKind.Mobile, "+12155550100");
        var pennsylvania = Jurisdiction.Parse("US-PA");
        facts = new ComplianceFacts
        {
            Jurisdiction = pennsylvania,
            Zones = new CandidateZoneSet([new ZoneEvidence(newYork, ZoneSource.PostalAddress, null), new ZoneEvidence(newYork, ZoneSource.PhoneAreaCode, null)], false),
            State = "PA",
            ElectronicChannelBasis = new Dictionary<string, string> { ["sms:+12155550100"] = "consumer texted" }.ToFrozenDictionary(),
            History =
            [
                new ContactRecord { Channel = Channel.Call, At = Instant.FromUtc(2026, 6, 5, 14, 0), Outcome = ContactOutcome.NoAnswer, To = mobile },
                new ContactRecord { Channel = Channel.Call, At = Instant.FromUtc(2026, 6, 7, 15, 0), Outcome = ContactOutcome.VoicemailLimitedContent, To = mobile },
                new ContactRecord { Channel = Channel.Call, At = Instant.FromUtc(2026, 6, 8, 16, 0), Outcome = ContactOutcome.NoAnswer, To = mobile },
            ],
        };
        var content = new ContentFacts { IncludesMiniMiranda = true };
        noonCall = new Proposal(Channel.Call, Instant.FromUtc(2026, 6, 10, 16, 0), mobile, "D1", content);
        earlyCall = noonCall with { At = Instant.FromUtc(2026, 6, 10, 11, 30) };
        buffer = new RuleResult[RulePacks.For(Region.UnitedStates).Length];
        earlySummary = gate.EvaluateInto(earlyCall, facts, buffer);
        stoppedFacts = facts with { AttorneyRepresented = true, CeaseRequested = true, CeaseRequestForm = RequestForm.Written };
        dawnCall = noonCall with { At = Instant.FromUtc(2026, 6, 10, 10, 0), Content = new ContentFacts { IncludesMiniMiranda = false } };

        // Measure the intended paths, not a refusal short-cut.
        if (gate.EvaluateInto(noonCall, facts, buffer).Verdict != Verdict.Allow || gate.NextLawful(earlyCall, facts, earlySummary) is null)
        {
            throw new InvalidOperationException("The benchmark proposals no longer take the allow and reschedule paths.");
        }

        if (gate.Evaluate(dawnCall, stoppedFacts).Evaluated.Count(e => e.Result.Failed) != 4)
        {
            throw new InvalidOperationException("The four-denials proposal no longer fails exactly four rules.");
        }
    }

    [Benchmark(Baseline = true)]
    public Verdict EvaluateInto() => gate.EvaluateInto(noonCall, facts, buffer).Verdict;

    [Benchmark]
    public ComplianceDecision Evaluate() => gate.Evaluate(noonCall, facts);

    [Benchmark]
    public Instant? NextLawful() => gate.NextLawful(earlyCall, facts, earlySummary);

    [Benchmark]
    public Verdict EvaluateIntoFourDenials() => gate.EvaluateInto(dawnCall, stoppedFacts, buffer).Verdict;

    [Benchmark]
    public ComplianceDecision EvaluateFourDenials() => gate.Evaluate(dawnCall, stoppedFacts);
}
